package com.wxqr.app.callback;

import com.wxqr.app.retention.Prunable;
import com.wxqr.app.wechat.WeChatAccount;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Push dedupe records are needed only while a replay of the push could still pass the timestamp
 * check: a push stamped up to {@code signature-max-age} ahead of its arrival can be replayed until
 * {@code signature-max-age} after its stamp. So a record is kept twice that window plus a minute
 * (clock skew between instances), and forever when the check is off.
 */
@Component
class PushRetention implements Prunable {
    private final PushRepository pushes;
    private final Duration keep;

    PushRetention(PushRepository pushes, WeChatAccount account) {
        this.pushes = pushes;
        this.keep = account.signatureMaxAge().isZero()
                ? Duration.ZERO
                : account.signatureMaxAge().multipliedBy(2).plusMinutes(1);
    }

    @Override
    public String what() {
        return "push dedupe records";
    }

    @Override
    public int prune(Instant now) {
        return keep.isZero() ? 0 : pushes.deleteReceivedBefore(now.minus(keep));
    }
}
