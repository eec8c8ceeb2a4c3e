package com.wxqr.mp.token;

/**
 * No access_token could be handed out in time: another caller's fetch was still running when this
 * caller's bounded wait ended, or the wait was interrupted. The fetch itself goes on; a later call
 * may succeed. (When a fetch <em>fails</em>, callers get that fetch's own exception instead.) The
 * message names the app and the wait, never a token; the cause is the timeout or the interruption.
 */
public final class AccessTokenUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    AccessTokenUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
