package com.wxqr.app.profile;

import com.wxqr.app.system.OnPostgreSQL;

/** {@link WeChatUsersTest} on PostgreSQL. */
@OnPostgreSQL
class WeChatUsersIT extends WeChatUsersTest {}
