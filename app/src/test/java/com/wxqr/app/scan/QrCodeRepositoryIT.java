package com.wxqr.app.scan;

import com.wxqr.app.system.OnPostgreSQL;

/** {@link QrCodeRepositoryTests} on PostgreSQL. */
@OnPostgreSQL
class QrCodeRepositoryIT extends QrCodeRepositoryTests {
}
