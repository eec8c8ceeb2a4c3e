package com.wxqr.app.system;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Test wiring that wraps the app's {@link DataSource} so that a test can list the statements, commits
 * and rollbacks its own thread sends to the database: on PostgreSQL each of them is one round trip
 * (the driver sends {@code BEGIN} together with the first statement). Other threads are not recorded.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounter {
    private static final ThreadLocal<List<String>> RECORDING = new ThreadLocal<>();

    /** The SQL of every statement ({@code "commit"}, {@code "rollback"} for those) sent by this thread during {@code action}. */
    public static List<String> during(Runnable action) {
        List<String> sent = new ArrayList<>();
        RECORDING.set(sent);
        try {
            action.run();
        } finally {
            RECORDING.remove();
        }
        return sent;
    }

    @Bean
    static BeanPostProcessor statementCountingDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource && !(bean instanceof Counting)
                        ? new Counting(dataSource)
                        : bean;
            }
        };
    }

    static final class Counting extends DelegatingDataSource {
        Counting(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return recording(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return recording(super.getConnection(username, password));
        }
    }

    private static Connection recording(Connection target) {
        return (Connection) Proxy.newProxyInstance(
                StatementCounter.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    List<String> sent = RECORDING.get();
                    if (sent != null) {
                        switch (method.getName()) {
                            case "prepareStatement", "prepareCall" ->
                                sent.add(((String) args[0]).strip().replaceAll("\\s+", " "));
                            case "createStatement" -> sent.add("createStatement");
                            case "commit" -> sent.add("commit");
                            case "rollback" -> sent.add("rollback");
                            default -> {}
                        }
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
