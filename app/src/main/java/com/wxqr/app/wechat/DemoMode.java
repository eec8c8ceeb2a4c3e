package com.wxqr.app.wechat;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether the demo runs: {@code wxqr.demo.enabled} when it is set, otherwise on only while neither
 * {@code wxqr.wechat.app-id} nor {@code wxqr.wechat.app-secret} is configured, so that configuring
 * a real account turns the demo off. {@link On} and {@link Off} select the beans of each case.
 *
 * <p>These three settings are read from the {@link PropertyResolver} rather than from the settings
 * records: the answer decides which beans exist, so it is needed while conditions are evaluated,
 * before any record is bound. {@code wxqr.demo.enabled} is described for the metadata in
 * {@code META-INF/additional-spring-configuration-metadata.json}.
 */
public final class DemoMode {
    private DemoMode() {}

    public static boolean enabled(PropertyResolver environment) {
        String explicit = environment.getProperty("wxqr.demo.enabled", "").strip();
        if (!explicit.isEmpty()) {
            if (!explicit.equalsIgnoreCase("true") && !explicit.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException(
                        "wxqr.demo.enabled must be true or false (or unset: on only when no account is configured)");
            }
            return Boolean.parseBoolean(explicit);
        }
        return blank(environment, "wxqr.wechat.app-id") && blank(environment, "wxqr.wechat.app-secret");
    }

    private static boolean blank(PropertyResolver environment, String setting) {
        return environment.getProperty(setting, "").isBlank();
    }

    /** Matches when the demo runs. */
    public static final class On extends Matches {
        public On() {
            super(true);
        }
    }

    /** Matches when the configured account is used. */
    public static final class Off extends Matches {
        public Off() {
            super(false);
        }
    }

    /** Matches when whether the demo runs is {@code demo}; the outcome says which it is. */
    private abstract static class Matches extends SpringBootCondition {
        private final boolean demo;

        Matches(boolean demo) {
            this.demo = demo;
        }

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            boolean enabled = enabled(context.getEnvironment());
            String why = enabled ? "demo mode" : "an account is configured or wxqr.demo.enabled=false";
            return enabled == demo ? ConditionOutcome.match(why) : ConditionOutcome.noMatch(why);
        }
    }
}
