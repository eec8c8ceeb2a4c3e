package com.wxqr.app.wechat;

import com.wxqr.mp.api.EventListener;
import com.wxqr.mp.api.WeChatApiException;
import com.wxqr.mp.api.WeChatException;
import com.wxqr.mp.api.WeChatTransportException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * Counts every call of the {@link com.wxqr.mp.api.WeChatClient} in {@code wxqr.wechat.api.calls} by
 * {@code api} (the endpoint, e.g. {@code qrcode/create}, {@code token}), {@code outcome}
 * ({@code ok}, {@code error}: WeChat said no, {@code transport}: no usable answer) and
 * {@code errcode} ({@code 0}, WeChat's code, or {@code none}).
 */
final class ApiCallMetrics implements EventListener {

    private final MeterRegistry meters;

    ApiCallMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void callEnd(String endpoint, Duration duration) {
        count(endpoint, "ok", "0");
    }

    @Override
    public void callFailed(String endpoint, Duration duration, WeChatException failure) {
        if (failure instanceof WeChatApiException refused) {
            count(endpoint, "error", String.valueOf(refused.errcode()));
        } else if (failure instanceof WeChatTransportException) {
            count(endpoint, "transport", "none");
        }
    }

    private void count(String api, String outcome, String errcode) {
        meters.counter("wxqr.wechat.api.calls", "api", api, "outcome", outcome, "errcode", errcode)
                .increment();
    }
}
