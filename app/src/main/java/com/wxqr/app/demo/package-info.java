/**
 * Demo mode: the WeChat emulator in this process with a demo account whose callback is this app,
 * the account bean it supplies in place of configured credentials, and its "inside WeChat" rule
 * for links tapped on the emulator's phone page. No feature imports this package.
 */
package com.wxqr.app.demo;
