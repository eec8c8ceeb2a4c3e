package com.wxqr.app.wechat;

import com.wxqr.mp.api.WeChatClient;
import com.wxqr.mp.callback.CallbackCodec;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the account, the API client (sharing the token through the database, its calls counted by
 * {@link ApiCallMetrics}) and the callback codec.
 */
@Configuration(proxyBeanMethods = false)
class WeChatConfig {

    /** The configured account; in demo mode the demo supplies its own ({@code com.wxqr.app.demo}). */
    @Bean
    @Conditional(DemoMode.Off.class)
    WeChatAccount weChatAccount(WeChatProperties properties) {
        require(properties.appId(), "wxqr.wechat.app-id", "the Official Account's AppID");
        require(properties.appSecret(), "wxqr.wechat.app-secret", "the Official Account's AppSecret");
        require(properties.token(), "wxqr.wechat.token", "the Token of the account's server configuration");
        return new WeChatAccount(
                properties.appId(),
                properties.appSecret(),
                properties.token(),
                properties.encodingAesKey(),
                properties.previousEncodingAesKey(),
                properties.apiUrl(),
                properties.mpUrl(),
                properties.openUrl(),
                properties.signatureMaxAge(),
                properties.effectiveMessageMode());
    }

    private static void require(String value, String setting, String meaning) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(
                    setting + " must be set to " + meaning + " (or leave the account unconfigured to run the demo)");
        }
    }

    @Bean
    JdbcAccessTokenStore accessTokenStore(
            DataSource dataSource, Clock clock, MeterRegistry meters, WeChatTimeouts timeouts) {
        return new JdbcAccessTokenStore(dataSource, clock, meters, timeouts);
    }

    /** Forced refreshes of the stable token, counted in the database for every instance. */
    @Bean
    JdbcForceRefreshBudget forceRefreshBudget(DataSource dataSource, MeterRegistry meters) {
        return new JdbcForceRefreshBudget(dataSource, meters);
    }

    /** Tokens from {@code stable_token} unless {@code wxqr.wechat.token-endpoint=classic} ({@link WeChatProperties#stableToken()}). */
    @Bean(destroyMethod = "close")
    WeChatClient weChatClient(
            WeChatAccount account,
            WeChatProperties properties,
            JdbcAccessTokenStore tokens,
            JdbcForceRefreshBudget forceRefreshBudget,
            Clock clock,
            MeterRegistry meters,
            WeChatTimeouts timeouts) {
        return WeChatClient.builder()
                .appId(account.appId())
                .appSecret(account.appSecret())
                .apiBaseUrl(account.apiUrl())
                .mpBaseUrl(account.mpUrl())
                .openBaseUrl(account.openUrl())
                .tokenStore(tokens)
                .stableToken(properties.stableToken())
                .forceRefreshBudget(forceRefreshBudget)
                .callTimeout(timeouts.callTimeout())
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
                .previousEncodingAesKey(
                        account.previousEncodingAesKey().isEmpty() ? null : account.previousEncodingAesKey())
                .clock(clock)
                .maxTimestampAge(account.signatureMaxAge())
                .messageMode(account.messageMode())
                .build();
    }
}
