package com.wxqr.app.scan;

import com.wxqr.app.system.TestDatabase;

/** {@link QrCodeRepositoryTests} on PostgreSQL ({@link com.wxqr.app.system.TestPostgres}). */
class QrCodeRepositoryIT extends QrCodeRepositoryTests {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
