package com.wxqr.app.delivery;

import com.wxqr.app.system.OnPostgreSQL;

/** {@link OutboxRepositoryTest} on PostgreSQL. */
@OnPostgreSQL
class OutboxRepositoryIT extends OutboxRepositoryTest {}
