package com.wxqr.app.channel;

import com.wxqr.app.wechat.SceneOwner;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Hands scans of channel codes ({@code wxch_…}) from the push handler to {@link Channels}. */
@Component
class ChannelScans implements SceneOwner {
    private final Channels channels;
    private final MessageSource messages;

    ChannelScans(Channels channels, MessageSource messages) {
        this.channels = channels;
        this.messages = messages;
    }

    @Override
    public boolean owns(String scene) {
        return scene.startsWith(Channels.SCENE_PREFIX);
    }

    @Override
    public String scanned(String scene, String openid, boolean newFollower) {
        return channels.scanned(scene, openid, newFollower)
                .orElseGet(() -> messages.getMessage("wechat.welcome", null, Locale.SIMPLIFIED_CHINESE));
    }
}
