package com.wxqr.app.callback;

import com.wxqr.mp.callback.InboundMessage;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The {@code wxqr.callbacks} counter: what the WeChat endpoint did with each request, by
 * {@code outcome} ({@code verified}, {@code handled}, {@code duplicate}, {@code rejected}) and
 * {@code type} (the push's message class, {@code url-verification}, {@code retry}, or why it was
 * rejected). Its name and tags are written here only.
 */
@Component
class CallbackMetrics {
    static final String NAME = "wxqr.callbacks";

    private final MeterRegistry meters;

    CallbackMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** A URL verification was answered. */
    void verified() {
        count("verified", "url-verification");
    }

    /** A push was acted on the first time it was seen. */
    void handled(InboundMessage message) {
        count("handled", message.getClass().getSimpleName());
    }

    /** A push seen before was answered as a retry. */
    void duplicate() {
        count("duplicate", "retry");
    }

    /** A request was refused before anything was stored; {@code reason} as answered, such as BAD_SIGNATURE. */
    void rejected(String reason) {
        count("rejected", reason);
    }

    private void count(String outcome, String type) {
        meters.counter(NAME, "outcome", outcome, "type", type).increment();
    }
}
