/**
 * WeChat pushes to the account's server: verification, decryption and parsing of inbound
 * messages and events, and the passive replies that answer them.
 */
package com.wxqr.mp.callback;
