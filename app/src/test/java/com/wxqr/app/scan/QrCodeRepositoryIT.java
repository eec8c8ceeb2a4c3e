package com.wxqr.app.scan;

import com.wxqr.app.system.OnPostgreSQL;

/** {@link QrCodeRepositoryTest} on PostgreSQL. */
@OnPostgreSQL
class QrCodeRepositoryIT extends QrCodeRepositoryTest {}
