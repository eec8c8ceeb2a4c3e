package com.wxqr.app.callback;

import com.wxqr.app.system.TestDatabase;

/** {@link PushRepositoryTests} on PostgreSQL ({@link com.wxqr.app.system.TestPostgres}). */
class PushRepositoryIT extends PushRepositoryTests {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
