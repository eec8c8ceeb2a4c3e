/** The quote site: a PC visitor prices a renovation and receives it in WeChat through a QR code. */
package com.wxqr.app;
