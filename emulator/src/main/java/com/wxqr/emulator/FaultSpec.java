package com.wxqr.emulator;

/**
 * A fault to inject ({@code POST /emulator/faults}).
 * <ul>
 * <li>{@code error}: the next {@code count} calls to {@code path} answer {@code errcode} (and {@code errmsg}).</li>
 * <li>{@code latency}: the next {@code count} calls to {@code path} wait {@code millis} before answering.</li>
 * <li>{@code stall_body}: the next {@code count} answers of {@code path} send their headers and the first half of the
 *     body, then stall {@code millis} (default 5 minutes) before the rest: a client whose timeout stops at the headers
 *     hangs.</li>
 * <li>{@code invalidate_token}: the current access token of {@code appId} stops working after {@code graceSeconds}
 *     (default 0), as when another server fetches a new one.</li>
 * <li>{@code push_drop}: the answers to the next {@code count} push deliveries (of {@code appId}, or any) are lost.</li>
 * <li>{@code push_delay}: the answers to the next {@code count} push deliveries arrive {@code millis} later.</li>
 * <li>{@code push_previous_key}: the next {@code count} pushes (of {@code appId}, or any) are encrypted with the
 *     account's EncodingAESKey from before its last change, as during a key change
 *     (docs/PROTOCOL.md#message-modes).</li>
 * </ul>
 * {@code count} defaults to 1; {@code path} may be {@code *} for every WeChat endpoint.
 */
public record FaultSpec(
        String type,
        String path,
        Integer errcode,
        String errmsg,
        Integer count,
        Long millis,
        String appId,
        Long graceSeconds) {

    public static FaultSpec error(String path, int errcode, int count) {
        return new FaultSpec("error", path, errcode, null, count, null, null, null);
    }

    public static FaultSpec latency(String path, long millis, int count) {
        return new FaultSpec("latency", path, null, null, count, millis, null, null);
    }

    public static FaultSpec stallBody(String path, long millis, int count) {
        return new FaultSpec("stall_body", path, null, null, count, millis, null, null);
    }

    public static FaultSpec invalidateToken(String appId) {
        return new FaultSpec("invalidate_token", null, null, null, null, null, appId, 0L);
    }

    public static FaultSpec dropPushAnswers(int count) {
        return new FaultSpec("push_drop", null, null, null, count, null, null, null);
    }

    public static FaultSpec pushWithPreviousKey(int count) {
        return new FaultSpec("push_previous_key", null, null, null, count, null, null, null);
    }

    public static FaultSpec delayPushAnswers(long millis, int count) {
        return new FaultSpec("push_delay", null, null, null, count, millis, null, null);
    }
}
