/**
 * The Official Account this app serves and the wiring of the {@code mp} library: account and
 * properties, whether the demo account replaces it ({@link com.wxqr.app.wechat.DemoMode}), the API
 * client, the callback codec, the access-token store shared through the database, and the features
 * that own scenes of the account's QR codes ({@link com.wxqr.app.wechat.SceneOwner}).
 */
package com.wxqr.app.wechat;
