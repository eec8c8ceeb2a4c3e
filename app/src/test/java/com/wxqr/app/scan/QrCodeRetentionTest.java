package com.wxqr.app.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.quote.SampleQuotes;
import com.wxqr.app.retention.RetentionProperties;
import com.wxqr.app.system.DatabaseTest;
import com.wxqr.app.system.TestDatabase;
import com.wxqr.app.system.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Long-expired codes go, except each quote's latest; over H2 and PostgreSQL. */
class QrCodeRetentionTest extends DatabaseTest {
    final QrCodeRepository codes = new QrCodeRepository(db.jdbc());

    QrCodeRetentionTest() {
        super(TestDatabases.eachKind());
    }

    QrCode code(String scene, String publicId, Instant created, Instant expires) {
        QrCode code =
                new QrCode(scene, publicId, "ticket-" + scene, "http://weixin.qq.com/q/" + scene, expires, created);
        codes.insert(code);
        return code;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void codesExpiredLongAgoAreDeletedButEachQuoteKeepsItsLatest(TestDatabase.Kind kind) {
        Instant longAgo = now.minus(Duration.ofDays(30));
        String renewed = SampleQuotes.store(db.jdbc(), longAgo).publicId();
        code("first", renewed, longAgo, longAgo.plus(Duration.ofMinutes(30)));
        code("second", renewed, longAgo.plus(Duration.ofHours(1)), longAgo.plus(Duration.ofMinutes(90)));
        QrCode latest = code(
                "third",
                renewed,
                now.minus(Duration.ofDays(8)),
                now.minus(Duration.ofDays(8)).plusSeconds(1800));
        String abandoned = SampleQuotes.store(db.jdbc(), longAgo).publicId();
        QrCode only = code("only", abandoned, longAgo, longAgo.plus(Duration.ofMinutes(30)));
        String recent = SampleQuotes.store(db.jdbc(), now).publicId();
        QrCode expiredYesterday = code(
                "yesterday",
                recent,
                now.minus(Duration.ofDays(1)),
                now.minus(Duration.ofDays(1)).plusSeconds(1800));
        QrCode valid = code("valid", recent, now, now.plusSeconds(1800));

        RetentionProperties retention = // expired codes kept for 7 days
                new RetentionProperties(Duration.ofMinutes(10), Duration.ofDays(7), Duration.ofDays(7));
        assertThat(new QrCodeRetention(codes, retention).prune(now)).isEqualTo(2);

        assertThat(codes.byScene("first")).isEmpty();
        assertThat(codes.byScene("second")).isEmpty();
        assertThat(codes.latestFor(renewed)).contains(latest);
        assertThat(codes.latestFor(abandoned)).contains(only);
        assertThat(codes.byScene("yesterday")).contains(expiredYesterday);
        assertThat(codes.latestFor(recent)).contains(valid);
    }
}
