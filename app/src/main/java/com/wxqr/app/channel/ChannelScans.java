package com.wxqr.app.channel;

import com.wxqr.app.callback.SceneOwner;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Hands scans of channel codes ({@code wxch_…}) from the push handler to {@link Channels}. */
@Component
record ChannelScans(Channels channels, MessageSource messages) implements SceneOwner {
    @Override
    public boolean owns(String scene) {
        return scene.startsWith(Channels.SCENE_PREFIX);
    }

    @Override
    public Answer scanned(String scene, String openid, boolean newFollower) {
        return Answer.text(channels.scanned(scene, openid, newFollower)
                .orElseGet(() -> messages.getMessage("wechat.welcome", null, Locale.SIMPLIFIED_CHINESE)));
    }
}
