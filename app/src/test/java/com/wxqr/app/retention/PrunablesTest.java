package com.wxqr.app.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.SafePassiveApp;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every feature's {@link Prunable} reaches the {@link RetentionJob} from the running app's context. */
@SafePassiveApp
class PrunablesTest {
    @Autowired
    List<Prunable> prunables;

    @Test
    void theRetentionJobPrunesEveryFeaturesExpiredRows() {
        assertThat(prunables)
                .extracting(Prunable::what)
                .containsExactlyInAnyOrder(
                        "push dedupe records",
                        "finished outbox rows",
                        "expired QR codes",
                        "expired sessions",
                        "login codes older than a day",
                        "expired authorization states",
                        "old rate-limit windows");
    }
}
