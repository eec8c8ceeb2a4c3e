package com.wxqr.app.quote;

import com.wxqr.app.system.OnPostgreSQL;

/** {@link QuoteRepositoryTests} on PostgreSQL. */
@OnPostgreSQL
class QuoteRepositoryIT extends QuoteRepositoryTests {
}
