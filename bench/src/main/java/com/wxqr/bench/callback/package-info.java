/** The callback pipeline benchmark: one safe-mode push in, one encrypted news reply out, ours against WxJava. */
package com.wxqr.bench.callback;
