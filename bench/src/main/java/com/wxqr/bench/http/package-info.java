/** Load from a second process against the app's HTTP endpoints on loopback: fixed offered rate and saturation. */
package com.wxqr.bench.http;
