/**
 * An offline emulator of the WeChat Official Account platform for tests, demos and benchmarks:
 * {@link com.wxqr.emulator.WeChatEmulator} and its JUnit 5 extension, settings and value types.
 */
package com.wxqr.emulator;
