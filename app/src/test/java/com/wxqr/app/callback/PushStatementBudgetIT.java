package com.wxqr.app.callback;

import com.wxqr.app.system.OnPostgreSQL;
import org.springframework.test.annotation.DirtiesContext;

/**
 * {@link PushStatementBudgetTest} with the app on PostgreSQL, where a follow or scan is one
 * statement ({@link ScanStatement}) and its commit.
 */
@OnPostgreSQL
@DirtiesContext
class PushStatementBudgetIT extends PushStatementBudgetTest {
    @Override
    Budgets budgets() {
        // a text: its dedupe key, the customer-service window's MERGE (follower_window, #21), the commit
        return new Budgets(2, 5, 2, 3, 3, 3);
    }
}
