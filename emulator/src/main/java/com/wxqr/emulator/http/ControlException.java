package com.wxqr.emulator.http;

/** A refused control-API request: answered with the status and {@code {"error": message}}. */
public final class ControlException extends RuntimeException {

    private final int status;

    public ControlException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** {@code found}, or a 404 with {@code message} when it is null (an unknown account, user or code). */
    public static <T> T requireFound(T found, String message) {
        if (found == null) {
            throw new ControlException(404, message);
        }
        return found;
    }

    public int status() {
        return status;
    }
}
