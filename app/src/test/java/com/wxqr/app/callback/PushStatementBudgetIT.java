package com.wxqr.app.callback;

import com.wxqr.app.system.TestDatabase;
import com.wxqr.app.system.TestPostgres;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link PushStatementBudgetTest} with the app on PostgreSQL, where a follow or scan is one
 * statement ({@link ScanStatement}) and its commit.
 */
@DirtiesContext
class PushStatementBudgetIT extends PushStatementBudgetTest {
    static final TestDatabase DATABASE = TestDatabase.create(TestDatabase.Kind.POSTGRESQL);

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::url);
        registry.add("spring.datasource.username", DATABASE::username);
        registry.add("spring.datasource.password", () -> TestPostgres.server().password());
    }

    @AfterAll
    static void drop() throws SQLException {
        DATABASE.close();
    }

    @Override
    Budgets budgets() {
        // a text: its dedupe key, the customer-service window's MERGE (follower_window, #21), the commit
        return new Budgets(2, 5, 2, 3, 3, 3);
    }
}
