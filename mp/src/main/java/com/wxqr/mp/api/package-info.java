/**
 * The client of the WeChat Official Account HTTP API (access tokens, parametric QR codes,
 * customer-service messages, user info, web authorization): {@link com.wxqr.mp.api.WeChatClient}
 * and its builder, the value types it returns, the {@link com.wxqr.mp.api.EventListener} that
 * observes its calls, and its errors under the sealed {@link com.wxqr.mp.api.WeChatException}
 * root. The HTTP machinery behind it is package-private.
 */
package com.wxqr.mp.api;
