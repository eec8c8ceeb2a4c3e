package com.wxqr.app.callback;

/** A verified, parsed push with a field longer than the app stores: answered 400, nothing stored. */
class UnfitPushException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnfitPushException(String message) {
        super(message);
    }
}
