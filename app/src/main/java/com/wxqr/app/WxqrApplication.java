package com.wxqr.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Starts the quote site; see {@code app/README.md} for its settings. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class WxqrApplication {
    public static void main(String[] args) {
        SpringApplication.run(WxqrApplication.class, args);
    }
}
