package com.wxqr.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A flood of refusals is counted in full and logged once a minute per reason, with the count. */
@ExtendWith(OutputCaptureExtension.class)
class RefusedRequestsTest {

    static final class SettableClock extends Clock {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static long lines(CapturedOutput output, String text) {
        return output.getOut().lines().filter(l -> l.contains(text)).count();
    }

    @Test
    void aThousandRefusalsInAMinuteMakeOneLineThenOneWithTheCountOfTheRest(CapturedOutput output) {
        SettableClock clock = new SettableClock();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RefusedRequests refused = new RefusedRequests(meters, clock);

        for (int i = 0; i < 1000; i++) {
            refused.refused("callback-bad-signature", "signature does not match");
            clock.now = clock.now.plusMillis(50);
        }
        refused.refused("callback-content-type", "a push with Content-Type application/json");
        assertThat(meters.counter("wxqr.requests.refused", "reason", "callback-bad-signature")
                        .count())
                .isEqualTo(1000);
        assertThat(lines(output, "callback-bad-signature")).isEqualTo(1);
        assertThat(output.getOut()).contains("refused 1 request(s) in the last minute: callback-bad-signature");
        assertThat(lines(output, "callback-content-type")).isEqualTo(1); // each reason has its own minute

        clock.now = clock.now.plus(Duration.ofSeconds(11)); // a minute after the first line; no new request
        refused.flushHeldBack();
        assertThat(lines(output, "callback-bad-signature")).isEqualTo(2);
        assertThat(output.getOut())
                .contains("refused 999 request(s) in the last minute: callback-bad-signature "
                        + "(latest: signature does not match)");
        refused.flushHeldBack();
        assertThat(lines(output, "callback-bad-signature")).isEqualTo(2);
    }
}
