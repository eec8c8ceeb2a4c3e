package com.wxqr.app.callback;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Leaves {@code /wechat/callback} out of Spring's per-request HTTP observation
 * ({@code http.server.requests}): under load its timers, tags and observation scopes cost a fifth to
 * a third of a push's CPU. Pushes stay observable through the {@code wxqr.callbacks} counter (by
 * outcome and type: handled, duplicate, rejected and why) that {@link CallbackController} and
 * {@link PushHandler} keep.
 */
@Configuration(proxyBeanMethods = false)
class CallbackObservation {

    @Bean
    ObservationPredicate callbackNotObservedPerRequest() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && CallbackContentTypeFilter.PATH.equals(request.getCarrier().getRequestURI()));
    }
}
