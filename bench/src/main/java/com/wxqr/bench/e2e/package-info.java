/** End to end: visitors through the app and the emulator, from quote to delivered card, counted exactly once. */
package com.wxqr.bench.e2e;
