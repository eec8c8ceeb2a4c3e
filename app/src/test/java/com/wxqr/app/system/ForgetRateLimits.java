package com.wxqr.app.system;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Starts every test of a shared context with no rate-limit hits: the test classes sharing it all
 * post from 127.0.0.1, so without this a class's outcome would depend on how many quotes the
 * classes that ran before it had created.
 */
public final class ForgetRateLimits implements TestExecutionListener {
    @Override
    public void beforeTestMethod(TestContext context) {
        context.getApplicationContext()
                .getBean(JdbcClient.class)
                .sql("delete from rate_limit_hit")
                .update();
    }
}
