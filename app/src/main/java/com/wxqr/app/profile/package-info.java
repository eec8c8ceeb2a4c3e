/** The shared quote page with its owner's WeChat nickname and avatar, via web authorization. */
package com.wxqr.app.profile;
