/** The log of every call served on a WeChat host and every push or verification sent. Internal machinery. */
package com.wxqr.emulator.calls;
