package com.wxqr.app.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.quote.SampleQuotes;
import com.wxqr.app.system.DatabaseTest;
import org.junit.jupiter.api.Test;

/** Over the real migrations, on H2; {@link QrCodeRepositoryIT} runs the same tests on PostgreSQL. */
class QrCodeRepositoryTest extends DatabaseTest {
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
