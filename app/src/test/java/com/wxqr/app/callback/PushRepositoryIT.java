package com.wxqr.app.callback;

import com.wxqr.app.system.OnPostgreSQL;

/** {@link PushRepositoryTests} on PostgreSQL. */
@OnPostgreSQL
class PushRepositoryIT extends PushRepositoryTests {
}
