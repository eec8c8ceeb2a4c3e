package com.wxqr.app.wechat;

import com.wxqr.app.system.OnPostgreSQL;

/** {@link JsapiTicketSharingTest} on PostgreSQL. */
@OnPostgreSQL
class JsapiTicketSharingIT extends JsapiTicketSharingTest {}
