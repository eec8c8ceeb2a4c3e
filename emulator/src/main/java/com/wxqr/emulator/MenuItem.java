package com.wxqr.emulator;

import com.wxqr.emulator.http.ControlException;

/**
 * One item of an account's custom menu, as {@code menu/create} defines it: {@code click} pushes {@code CLICK}
 * with {@code key}; {@code view} pushes {@code VIEW} and opens {@code url}.
 *
 * @param type {@code click} or {@code view}
 * @param name the label the phone shows (1 to 16 characters)
 */
public record MenuItem(String type, String name, String key, String url) {

    public static MenuItem click(String name, String key) {
        return new MenuItem("click", name, key, null);
    }

    public static MenuItem view(String name, String url) {
        return new MenuItem("view", name, null, url);
    }

    void validate() {
        if (name == null || name.isBlank() || name.length() > 16) {
            throw new ControlException(400, "a menu item's name must be 1 to 16 characters");
        }
        if ("click".equals(type)) {
            if (key == null || key.isBlank() || key.length() > 128) {
                throw new ControlException(400, "a click item needs a key of 1 to 128 characters");
            }
        } else if ("view".equals(type)) {
            if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
                throw new ControlException(400, "a view item needs an http(s) url");
            }
        } else {
            throw new ControlException(400, "a menu item's type must be click or view");
        }
    }
}
