/** Benchmarks of wxqr against WxJava 4.7.0 and against the limit; run on demand, never in CI. */
package com.wxqr.bench;
