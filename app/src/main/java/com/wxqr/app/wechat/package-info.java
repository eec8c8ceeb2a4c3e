/**
 * The Official Account this app serves and the wiring of the {@code mp} library: account and
 * properties, the API client, the callback codec and the access-token store shared through the
 * database.
 */
package com.wxqr.app.wechat;
