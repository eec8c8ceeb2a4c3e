/**
 * WeChat pushes to the account's server: verification, decryption and parsing of inbound
 * messages and events under the account's {@link com.wxqr.mp.callback.MessageMode} and a replay
 * window, and the passive replies that answer them.
 */
package com.wxqr.mp.callback;
