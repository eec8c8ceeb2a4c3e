/** Faults injected on demand: errors and latency on WeChat endpoints, lost or late answers to pushes. Internal machinery. */
package com.wxqr.emulator.faults;
