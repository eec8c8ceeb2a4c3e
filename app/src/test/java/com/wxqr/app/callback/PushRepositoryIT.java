package com.wxqr.app.callback;

import com.wxqr.app.system.OnPostgreSQL;

/** {@link PushRepositoryTest} on PostgreSQL. */
@OnPostgreSQL
class PushRepositoryIT extends PushRepositoryTest {}
