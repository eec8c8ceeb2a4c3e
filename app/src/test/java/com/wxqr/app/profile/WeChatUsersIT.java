package com.wxqr.app.profile;

import com.wxqr.app.system.TestDatabase;

/** {@link WeChatUsersTests} on PostgreSQL ({@link com.wxqr.app.system.TestPostgres}). */
class WeChatUsersIT extends WeChatUsersTests {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
