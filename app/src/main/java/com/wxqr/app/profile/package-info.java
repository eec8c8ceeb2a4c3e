/**
 * WeChat users as the account knows them: follows, and the nickname and avatar learned through web
 * authorization on the shared quote page.
 */
package com.wxqr.app.profile;
