package com.wxqr.app.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.RunningApp;
import com.wxqr.app.system.SignedPushes;
import com.wxqr.app.system.TestDatabase;
import com.wxqr.emulator.NewAccount;
import com.wxqr.emulator.WeChatEmulator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * No 500 from a push: a new user's first pushes arriving at once (the {@code MERGE} race on
 * PostgreSQL), and fields longer than the app stores, answered 200 with one effect or 4xx with
 * none; signed plaintext pushes sent straight to {@code /wechat/callback}, on H2 and PostgreSQL
 * (the class runs once per database: its own emulator and app on it).
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentFirstPushIT {
    static final String APP_ID = "wx9999888877776666";
    static final String TOKEN = "racetoken";
    static final AtomicLong CREATE_TIME = new AtomicLong(1_790_000_000L);

    final SignedPushes pushes = new SignedPushes(APP_ID, TOKEN);
    final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Parameter
    TestDatabase.Kind kind;

    WeChatEmulator wx;
    TestDatabase db;
    RunningApp app;
    ExecutorService pool;

    @BeforeParameterizedClassInvocation
    void start() {
        wx = WeChatEmulator.start(0);
        NewAccount account =
                NewAccount.of(APP_ID, "0123456789abcdef0123456789abcdef").withToken(TOKEN);
        wx.createAccount(account);
        db = TestDatabase.create(kind);
        app = RunningApp.start(wx, account, db);
        pool = Executors.newFixedThreadPool(20);
    }

    @AfterParameterizedClassInvocation
    void stop() throws Exception {
        pool.shutdownNow();
        app.close();
        db.close();
        wx.close();
    }

    static String openid() {
        return SignedPushes.openid();
    }

    static String event(String openid, long createTime, String event, String eventKey) {
        return SignedPushes.event(openid, createTime, event, eventKey);
    }

    HttpRequest signed(String xml) {
        return pushes.request(app.callbackUrl(), xml);
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends all requests at the same instant; the answers in order. */
    List<HttpResponse<String>> atOnce(List<HttpRequest> requests) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        for (HttpRequest request : requests) {
            futures.add(pool.submit(() -> {
                start.await();
                return send(request);
            }));
        }
        start.countDown();
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> f : futures) {
            responses.add(f.get(60, TimeUnit.SECONDS));
        }
        return responses;
    }

    int count(String sql, String param) {
        return app.jdbc().sql(sql).param("p", param).query(Integer.class).single();
    }

    /** {@code openid} is one user, with {@code pushes} of its pushes recorded. */
    void assertOneUserWithPushes(String openid, int pushes) {
        assertThat(count("select count(*) from wechat_user where openid = :p", openid))
                .isEqualTo(1);
        assertThat(count("select count(*) from inbound_push where dedupe_key like :p", "event:" + openid + ":%"))
                .isEqualTo(pushes);
    }

    @Test
    void twentyDifferentFirstPushesOfOneNewUserAtOnceAreEachAnsweredAndMakeOneUser() throws Exception {
        String openid = openid();
        long time = CREATE_TIME.addAndGet(100);
        List<HttpRequest> pushes = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // a follow and scans of codes that are not ours, each its own push
            pushes.add(signed(event(openid, time + i, i == 0 ? "subscribe" : "SCAN", i == 0 ? "" : "not-ours-" + i)));
        }

        List<HttpResponse<String>> answers = atOnce(pushes);

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(answers).allSatisfy(a -> assertThat(a.body()).contains("<MsgType><![CDATA[text]]></MsgType>"));
        assertOneUserWithPushes(openid, 20);
    }

    @Test
    void oneNewUsersFirstPushDeliveredTwentyTimesAtOnceHasOneEffectAndOneAnswer() throws Exception {
        String openid = openid();
        HttpRequest follow = signed(event(openid, CREATE_TIME.addAndGet(100), "subscribe", ""));

        List<HttpResponse<String>> answers = atOnce(java.util.Collections.nCopies(20, follow));

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(answers)
                .extracting(a -> a.body().replaceAll("<CreateTime>\\d+</CreateTime>", ""))
                .as("the same reply (but for its time)")
                .containsOnly(answers.get(0).body().replaceAll("<CreateTime>\\d+</CreateTime>", ""));
        assertThat(answers.get(0).body()).contains("欢迎关注");
        assertOneUserWithPushes(openid, 1);
    }

    @Test
    void fieldsLongerThanTheAppStoresAre400AndStoreNothingOddButFittingOnesAre200() {
        int pushes = count("select count(*) from inbound_push where msg_type <> :p", "");
        int users = count("select count(*) from wechat_user where openid <> :p", "");

        String longOpenid = "o" + "x".repeat(64);
        HttpResponse<String> tooLongOpenid =
                send(signed(event(longOpenid, CREATE_TIME.incrementAndGet(), "subscribe", "")));
        assertThat(tooLongOpenid.statusCode()).isEqualTo(400);
        assertThat(tooLongOpenid.body()).isEqualTo("FIELD_TOO_LONG");

        HttpResponse<String> tooLongType = send(signed("<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName>"
                + "<FromUserName><![CDATA[" + openid() + "]]></FromUserName><CreateTime>1790000000</CreateTime>"
                + "<MsgType><![CDATA[" + "t".repeat(40) + "]]></MsgType><MsgId>1234567890123</MsgId></xml>"));
        assertThat(tooLongType.statusCode()).isEqualTo(400);

        HttpResponse<String> tooLongKey =
                send(signed(event(openid(), CREATE_TIME.incrementAndGet(), "SCAN", "k".repeat(500))));
        assertThat(tooLongKey.statusCode()).isEqualTo(400);

        assertThat(count("select count(*) from inbound_push where msg_type <> :p", ""))
                .isEqualTo(pushes);
        assertThat(count("select count(*) from wechat_user where openid <> :p", ""))
                .isEqualTo(users);

        // odd but fitting: a 64-character openid with an emoji, a long unknown scene, a zero CreateTime
        HttpResponse<String> odd = send(signed(event("o😀" + "y".repeat(61), 0, "SCAN", "s".repeat(200))));
        assertThat(odd.statusCode()).isEqualTo(200);
        assertThat(odd.body()).contains("<MsgType><![CDATA[text]]></MsgType>");
        HttpResponse<String> unknownEvent =
                send(signed(event(openid(), CREATE_TIME.incrementAndGet(), "weird_event", "")));
        assertThat(unknownEvent.statusCode()).isEqualTo(200);
        assertThat(unknownEvent.body()).isEqualTo("success");
    }
}
