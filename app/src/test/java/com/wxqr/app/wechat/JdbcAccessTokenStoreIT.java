package com.wxqr.app.wechat;

import com.wxqr.app.system.OnPostgreSQL;

/** {@link JdbcAccessTokenStoreTests} on PostgreSQL. */
@OnPostgreSQL
class JdbcAccessTokenStoreIT extends JdbcAccessTokenStoreTests {
}
