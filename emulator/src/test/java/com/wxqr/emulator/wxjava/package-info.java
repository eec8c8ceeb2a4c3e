/**
 * WxJava, the SDK the project compares itself with, pointed at an emulator: for the emulator's
 * compatibility test and the bench's WxJava baselines, to which the emulator's test-jar brings it.
 */
package com.wxqr.emulator.wxjava;
