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
        return new Budgets(2, 5, 2, 3, 2, 3);
    }
}
