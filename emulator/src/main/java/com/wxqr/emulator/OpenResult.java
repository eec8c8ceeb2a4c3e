package com.wxqr.emulator;

import java.util.List;

/**
 * A link opened "inside WeChat" as one user: redirects followed, web authorization answered as that user.
 *
 * @param finalUrl    the last URL fetched
 * @param status      its HTTP status
 * @param contentType its Content-Type, or null
 * @param body        its body as text
 * @param visited     every URL fetched or answered by the emulator, in order
 */
public record OpenResult(String finalUrl, int status, String contentType, String body, List<String> visited) {}
