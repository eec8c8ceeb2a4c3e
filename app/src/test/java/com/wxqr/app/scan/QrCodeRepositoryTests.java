package com.wxqr.app.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.wxqr.app.quote.SampleQuotes;
import com.wxqr.app.system.TestDatabase;

/** Over the real migrations, on H2 and on PostgreSQL. */
class QrCodeRepositoryTests {
    TestDatabase db;
    QrCodeRepository codes;
    Instant now = Instant.parse("2026-11-25T12:00:00Z");

    void open(TestDatabase.Kind kind) {
        db = TestDatabase.create(kind);
        codes = new QrCodeRepository(db.jdbc());
    }

    @AfterEach
    void close() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void theLatestCodeOfAQuoteIsTheNewestAndEachSceneFindsItsCode(TestDatabase.Kind kind) {
        open(kind);
        String publicId = SampleQuotes.store(db.jdbc(), now).publicId();
        QrCode old = new QrCode("scene-old", publicId, "ticket+/=old", "http://weixin.qq.com/q/old", now.plusSeconds(60), now);
        QrCode fresh = new QrCode("scene-new", publicId, "ticket+/=new", "http://weixin.qq.com/q/new",
                now.plusSeconds(1900), now.plusSeconds(100));
        codes.insert(old);
        codes.insert(fresh);
        assertThat(codes.latestFor(publicId)).contains(fresh);
        assertThat(codes.byScene("scene-old")).contains(old);
        assertThat(codes.byScene("scene-unknown")).isEmpty();
        assertThat(old.isValidAt(now.plusSeconds(61))).isFalse();
    }
}
