package com.wxqr.app.system;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock every feature reads time from, and the one zone ({@code wxqr.time-zone}) that days
 * and times are shown in.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfig {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ZoneId zone(@Value("${wxqr.time-zone:Asia/Shanghai}") ZoneId zone) {
        return zone;
    }
}
