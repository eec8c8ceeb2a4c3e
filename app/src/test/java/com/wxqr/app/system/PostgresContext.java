package com.wxqr.app.system;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * {@link OnPostgreSQL} for a Spring test context: the app's {@code spring.datasource} is a fresh
 * schema on the tests' PostgreSQL ({@link TestDatabase}), dropped when the context closes.
 */
final class PostgresContext implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return AnnotationSupport.isAnnotated(testClass, OnPostgreSQL.class) ? new OnAFreshSchema() : null;
    }

    /** One per context: equal to every other, so test classes that differ in nothing else share a context. */
    private record OnAFreshSchema() implements ContextCustomizer {
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL);
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "onPostgreSQL",
                            Map.of(
                                    "spring.datasource.url", db.url(),
                                    "spring.datasource.username", db.username(),
                                    "spring.datasource.password",
                                            TestPostgres.server().password())));
            context.addApplicationListener((ApplicationListener<ApplicationEvent>) event -> {
                if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                    try {
                        db.close();
                    } catch (SQLException e) {
                        throw new IllegalStateException("dropping the test schema failed", e);
                    }
                }
            });
        }
    }
}
