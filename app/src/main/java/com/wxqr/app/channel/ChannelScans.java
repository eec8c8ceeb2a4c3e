package com.wxqr.app.channel;

import com.wxqr.app.web.Texts;
import com.wxqr.app.wechat.SceneOwner;
import org.springframework.stereotype.Component;

/** Hands scans of channel codes ({@code wxch_…}) from the push handler to {@link Channels}. */
@Component
class ChannelScans implements SceneOwner {
    private final Channels channels;
    private final Texts texts;

    ChannelScans(Channels channels, Texts texts) {
        this.channels = channels;
        this.texts = texts;
    }

    @Override
    public boolean owns(String scene) {
        return scene.startsWith(Channels.SCENE_PREFIX);
    }

    @Override
    public String scanned(String scene, String openid, boolean newFollower) {
        return channels.scanned(scene, openid, newFollower).orElseGet(() -> texts.text("wechat.welcome"));
    }
}
