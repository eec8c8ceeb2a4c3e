package com.wxqr.bench.callback;

/** The one test account both pipelines are configured with: same AppID, Token and EncodingAESKey. */
public final class Account {

    /** The account's AppID, checked inside every decrypted message. */
    public static final String APP_ID = "wx5823bf96d3bd56c7";
    /** The Token of the callback configuration. */
    public static final String TOKEN = "QDG6eK";
    /** The 43-character EncodingAESKey. */
    public static final String ENCODING_AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    /** Not used by the callback path; WxJava wants one configured. */
    public static final String APP_SECRET = "bench-secret-not-used";
    /** The account's original ID, the ToUserName of every push. */
    public static final String ORIGINAL_ID = "gh_97417a04a28d";

    private Account() {}
}
