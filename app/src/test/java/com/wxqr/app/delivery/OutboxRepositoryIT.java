package com.wxqr.app.delivery;

import com.wxqr.app.system.OnPostgreSQL;

/** {@link OutboxRepositoryTests} on PostgreSQL. */
@OnPostgreSQL
class OutboxRepositoryIT extends OutboxRepositoryTests {
}
