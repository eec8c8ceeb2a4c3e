package com.wxqr.app.setup;

/**
 * One item of the setup check.
 *
 * @param item what was checked, e.g. {@code AppSecret}
 * @param ok whether it is right (or, for {@link Kind#CONSOLE}, cannot be checked from here)
 * @param kind how it was judged
 * @param sentence what is wrong and how to fix it, or what was found right; never a secret
 */
public record SetupFinding(String item, boolean ok, Kind kind, String sentence) {

    /** How a finding was judged. */
    public enum Kind {
        /** By a call to WeChat or to the public URL. */
        CHECKED,
        /** From the configuration or what the app has seen since it started. */
        CONFIGURED,
        /** Not readable through the API: the operator must look in WeChat's console. */
        CONSOLE
    }

    static SetupFinding ok(String item, Kind kind, String sentence) {
        return new SetupFinding(item, true, kind, sentence);
    }

    static SetupFinding problem(String item, Kind kind, String sentence) {
        return new SetupFinding(item, false, kind, sentence);
    }
}
