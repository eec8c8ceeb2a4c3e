package com.wxqr.app.wechat;

import com.wxqr.app.system.TestDatabase;

/** {@link JdbcAccessTokenStoreTests} on PostgreSQL ({@link com.wxqr.app.system.TestPostgres}). */
class JdbcAccessTokenStoreIT extends JdbcAccessTokenStoreTests {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
