package com.wxqr.app.channel;

import com.wxqr.app.callback.SceneOwner;
import com.wxqr.app.web.Texts;
import org.springframework.stereotype.Component;

/** Hands scans of channel codes ({@code wxch_…}) from the push handler to {@link Channels}. */
@Component
record ChannelScans(Channels channels, Texts texts) implements SceneOwner {
    @Override
    public boolean owns(String scene) {
        return scene.startsWith(Channels.SCENE_PREFIX);
    }

    @Override
    public String scanned(String scene, String openid, boolean newFollower) {
        return channels.scanned(scene, openid, newFollower).orElseGet(() -> texts.text("wechat.welcome"));
    }
}
