/** Pushes to the account's callback URL as WeChat sends them, the URL verification, and judging the answers. Internal machinery. */
package com.wxqr.emulator.push;
