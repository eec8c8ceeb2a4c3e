package com.wxqr.app.wechat;

import com.wxqr.app.system.OnPostgreSQL;

/** {@link JdbcAccessTokenStoreTest} on PostgreSQL. */
@OnPostgreSQL
class JdbcAccessTokenStoreIT extends JdbcAccessTokenStoreTest {}
