package com.wxqr.app.delivery;

import com.wxqr.app.system.TestDatabase;

/** {@link OutboxRepositoryTests} on PostgreSQL ({@link com.wxqr.app.system.TestPostgres}). */
class OutboxRepositoryIT extends OutboxRepositoryTests {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
