package com.wxqr.emulator;

/**
 * One delivery of a push to the account's callback URL.
 *
 * @param number  1 for the first delivery
 * @param status  HTTP status of the answer, 0 when none came
 * @param millis  time until the answer (or the give-up)
 * @param result  {@code answered}, {@code timeout}, {@code dropped} (fault), {@code connection_failed} or {@code http_error}
 */
public record PushAttempt(int number, int status, long millis, String result) {}
