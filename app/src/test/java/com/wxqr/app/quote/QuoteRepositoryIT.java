package com.wxqr.app.quote;

import com.wxqr.app.system.OnPostgreSQL;

/** {@link QuoteRepositoryTest} on PostgreSQL. */
@OnPostgreSQL
class QuoteRepositoryIT extends QuoteRepositoryTest {}
