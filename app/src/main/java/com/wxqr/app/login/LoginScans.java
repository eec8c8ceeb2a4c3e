package com.wxqr.app.login;

import com.wxqr.app.wechat.SceneOwner;
import org.springframework.stereotype.Component;

/** Hands scans of login codes ({@code wxlogin_…}) from the push handler to {@link LoginCodes}. */
@Component
class LoginScans implements SceneOwner {
    private final LoginCodes codes;

    LoginScans(LoginCodes codes) {
        this.codes = codes;
    }

    @Override
    public boolean owns(String scene) {
        return scene.startsWith(LoginCode.SCENE_PREFIX);
    }

    @Override
    public String scanned(String scene, String openid, boolean newFollower) {
        return codes.scanned(scene, openid);
    }
}
