package com.wxqr.app.quote;

import com.wxqr.app.system.TestDatabase;

/** {@link QuoteRepositoryTests} on PostgreSQL ({@link com.wxqr.app.system.TestPostgres}). */
class QuoteRepositoryIT extends QuoteRepositoryTests {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
