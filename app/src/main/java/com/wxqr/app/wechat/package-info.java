/** The WeChat server endpoint, the API client wiring and the shared access-token store. */
package com.wxqr.app.wechat;
