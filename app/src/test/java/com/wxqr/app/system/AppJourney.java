package com.wxqr.app.system;

import com.wxqr.app.demo.DemoEmulator;
import com.wxqr.emulator.EmulatedUser;
import com.wxqr.emulator.WeChatEmulator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a journey test needs from the running app (a {@code @SpringBootTest} on a random port in demo
 * mode): a client for its pages and API, the in-process emulator, new WeChat users of the demo
 * account, and the database.
 */
public abstract class AppJourney {
    @LocalServerPort
    protected int port;

    @Autowired
    protected DemoEmulator demo;

    @Autowired
    protected JdbcClient jdbc;

    protected AppClient app() {
        return new AppClient(port);
    }

    protected WeChatEmulator wx() {
        return demo.emulator();
    }

    protected EmulatedUser newUser(String nickname) {
        return wx().createUser(demo.appId(), nickname);
    }

    protected int count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
    }
}
