package com.wxqr.app.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.quote.SampleQuotes;
import com.wxqr.app.system.TestDatabase;
import com.wxqr.app.system.TestDatabases;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Over the real migrations, on H2; {@link QrCodeRepositoryIT} runs the same tests on PostgreSQL. */
class QrCodeRepositoryTest {
    @RegisterExtension
    final TestDatabases db = TestDatabases.of(TestDatabase.Kind.H2);

    Instant now = Instant.parse("2026-11-25T12:00:00Z");
    final QrCodeRepository codes = new QrCodeRepository(db.jdbc());

    @Test
    void theLatestCodeOfAQuoteIsTheNewestAndEachSceneFindsItsCode() {
        String publicId = SampleQuotes.store(db.jdbc(), now).publicId();
        QrCode old = new QrCode(
                "scene-old", publicId, "ticket+/=old", "http://weixin.qq.com/q/old", now.plusSeconds(60), now);
        QrCode fresh = new QrCode(
                "scene-new",
                publicId,
                "ticket+/=new",
                "http://weixin.qq.com/q/new",
                now.plusSeconds(1900),
                now.plusSeconds(100));
        codes.insert(old);
        codes.insert(fresh);
        assertThat(codes.latestFor(publicId)).contains(fresh);
        assertThat(codes.byScene("scene-old")).contains(old);
        assertThat(codes.byScene("scene-unknown")).isEmpty();
        assertThat(old.isValidAt(now.plusSeconds(61))).isFalse();
    }
}
