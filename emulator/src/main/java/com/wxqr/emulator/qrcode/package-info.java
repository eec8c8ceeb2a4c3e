/** Parametric QR codes: tickets, their {@code weixin.qq.com/q/} URLs and expiry, and real QR images (ZXing). Internal machinery. */
package com.wxqr.emulator.qrcode;
