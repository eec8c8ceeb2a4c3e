package com.wxqr.app.admin;

/** Input an admin typed that cannot be used; the message is the Chinese sentence the page shows. */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message, null, false, false);
    }
}
