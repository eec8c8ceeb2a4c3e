package com.wxqr.app.wechat;

import com.wxqr.app.system.OnPostgreSQL;

/** {@link JdbcForceRefreshBudgetTest} on PostgreSQL. */
@OnPostgreSQL
class JdbcForceRefreshBudgetIT extends JdbcForceRefreshBudgetTest {}
