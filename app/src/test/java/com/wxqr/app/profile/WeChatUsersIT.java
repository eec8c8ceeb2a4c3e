package com.wxqr.app.profile;

import com.wxqr.app.system.OnPostgreSQL;

/** {@link WeChatUsersTests} on PostgreSQL. */
@OnPostgreSQL
class WeChatUsersIT extends WeChatUsersTests {
}
