/** Scan to log in: login QR codes, server-side sessions in the database, and 我的报价 for visitors. */
package com.wxqr.app.login;
