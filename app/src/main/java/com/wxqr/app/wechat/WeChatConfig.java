package com.wxqr.app.wechat;


import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.wxqr.mp.api.WeChatClient;
import com.wxqr.mp.callback.CallbackCodec;
import com.wxqr.mp.token.AccessToken;

/**
 * Wires the account, the API client (sharing the token through the database, its calls counted by
 * {@link ApiCallMetrics}) and the callback codec.
 */
@Configuration(proxyBeanMethods = false)
class WeChatConfig {

    /** The configured account; in demo mode the demo supplies its own ({@code com.wxqr.app.demo}). */
    @Bean
    @ConditionalOnProperty(name = "wxqr.demo.enabled", havingValue = "false")
    WeChatAccount weChatAccount(WeChatProperties properties) {
        require(properties.appId(), "wxqr.wechat.app-id", "the Official Account's AppID");
        require(properties.appSecret(), "wxqr.wechat.app-secret", "the Official Account's AppSecret");
        require(properties.token(), "wxqr.wechat.token", "the Token of the account's server configuration");
        return new WeChatAccount(properties.appId(), properties.appSecret(), properties.token(),
                properties.encodingAesKey(), properties.previousEncodingAesKey(), properties.apiUrl(),
                properties.mpUrl(), properties.openUrl(), properties.signatureMaxAge());
    }

    private static void require(String value, String setting, String meaning) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(setting + " must be set to " + meaning
                    + " (or run the demo with wxqr.demo.enabled=true)");
        }
    }

    @Bean
    JdbcAccessTokenStore accessTokenStore(JdbcClient jdbc, TransactionTemplate transactions, Clock clock,
            MeterRegistry meters) {
        return new JdbcAccessTokenStore(jdbc, transactions, clock, AccessToken.DEFAULT_REFRESH_MARGIN, meters);
    }

    @Bean(destroyMethod = "close")
    WeChatClient weChatClient(WeChatAccount account, JdbcAccessTokenStore tokens, Clock clock, MeterRegistry meters) {
        return WeChatClient.builder()
                .appId(account.appId())
                .appSecret(account.appSecret())
                .apiBaseUrl(account.apiUrl())
                .mpBaseUrl(account.mpUrl())
                .openBaseUrl(account.openUrl())
                .tokenStore(tokens)
                .clock(clock)
                .eventListener(new ApiCallMetrics(meters))
                .build();
    }

    @Bean
    CallbackCodec callbackCodec(WeChatAccount account, Clock clock) {
        return CallbackCodec.builder()
                .token(account.token())
                .appId(account.appId())
                .encodingAesKey(account.encodingAesKey().isEmpty() ? null : account.encodingAesKey())
                .previousEncodingAesKey(account.previousEncodingAesKey().isEmpty() ? null
                        : account.previousEncodingAesKey())
                .clock(clock)
                .maxTimestampAge(account.signatureMaxAge())
                .build();
    }
}
