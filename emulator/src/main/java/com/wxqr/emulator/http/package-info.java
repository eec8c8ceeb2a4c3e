/** The emulator's small HTTP layer on the JDK server: routing, request/response access, JSON and WeChat's error wire format. Internal machinery, not an API. */
package com.wxqr.emulator.http;
