/**
 * Browser-test pieces the emulator's and the app's tests share (the emulator's test-jar holds only this package): a
 * headless Chromium started one way, and the emulator's phone page driven in it.
 */
package com.wxqr.emulator.browser;
