package com.wxqr.app.wechat;

import java.util.function.Consumer;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;

import com.wxqr.mp.api.WeChatApiException;
import com.wxqr.mp.api.WeChatClient;
import com.wxqr.mp.api.WeChatTransportException;

/**
 * The app's door to the WeChat API: every call goes through here and is counted in
 * {@code wxqr.wechat.api.calls} by API, outcome and errcode. Calls block until WeChat answers;
 * never call this inside a push (the push must be answered within 5 seconds).
 */
public class WeChatApi {
    private final WeChatClient client;
    private final MeterRegistry meters;

    public WeChatApi(WeChatClient client, MeterRegistry meters) {
        this.client = client;
        this.meters = meters;
    }

    /** Runs {@code call} against the client and counts its outcome under {@code api}. */
    public <T> T call(String api, Function<WeChatClient, T> call) {
        try {
            T result = call.apply(client);
            count(api, "ok", "0");
            return result;
        } catch (WeChatApiException e) {
            count(api, "error", String.valueOf(e.errcode()));
            throw e;
        } catch (WeChatTransportException e) {
            count(api, "transport", "none");
            throw e;
        }
    }

    public void run(String api, Consumer<WeChatClient> call) {
        call(api, c -> {
            call.accept(c);
            return null;
        });
    }

    /** The client itself, for work that sends nothing (building URLs). */
    public WeChatClient client() {
        return client;
    }

    private void count(String api, String outcome, String errcode) {
        meters.counter("wxqr.wechat.api.calls", "api", api, "outcome", outcome, "errcode", errcode).increment();
    }
}
