package com.wxqr.app.system;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
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
    ZoneId zone(Zone zone) {
        return zone.timeZone();
    }

    /**
     * The zone of the site's days and times.
     *
     * @param timeZone the zone of days in the admin's filters and charts and of times shown on pages
     */
    @ConfigurationProperties("wxqr")
    record Zone(@DefaultValue("Asia/Shanghai") ZoneId timeZone) {}
}
