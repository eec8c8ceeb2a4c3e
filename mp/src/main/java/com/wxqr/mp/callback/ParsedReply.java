package com.wxqr.mp.callback;

/** A passive reply as read back from XML: its addresses, creation time and content. */
public record ParsedReply(String toUser, String fromUser, long createTime, Reply reply) {}
