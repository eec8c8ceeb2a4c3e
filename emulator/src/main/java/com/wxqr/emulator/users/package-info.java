/** Simulated WeChat users: openids, follow state, chats, customer-service windows and avatars. Internal machinery. */
package com.wxqr.emulator.users;
