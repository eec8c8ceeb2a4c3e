package com.wxqr.app.web;

import java.util.List;

/**
 * Origins beyond this site that the pages' Content-Security-Policy allows: pages that may frame
 * ours, and hosts of images (avatars). Supplied as beans by whoever needs them (the demo's phone
 * page frames the quote page and serves the emulated avatars).
 */
public record PageSources(List<String> frameAncestors, List<String> images) {
    public PageSources {
        frameAncestors = List.copyOf(frameAncestors);
        images = List.copyOf(images);
    }
}
