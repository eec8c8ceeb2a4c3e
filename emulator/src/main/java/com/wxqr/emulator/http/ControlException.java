package com.wxqr.emulator.http;

/** A refused control-API request: answered with the status and {@code {"error": message}}. */
public final class ControlException extends RuntimeException {

    private final int status;

    public ControlException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
