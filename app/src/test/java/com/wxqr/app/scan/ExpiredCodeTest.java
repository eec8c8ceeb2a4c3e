package com.wxqr.app.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.wxqr.app.demo.DemoEmulator;
import com.wxqr.app.system.AppClient;
import com.wxqr.emulator.EmulatedUser;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Codes that run out: the page is told, the phone cannot use them, a new one is made on request. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxqr.demo.emulator-port=0",
            "wxqr.demo.encryption-mode=plain",
            "wxqr.qr.expiry=3s",
            "spring.datasource.url=jdbc:h2:mem:expiry;DB_CLOSE_DELAY=-1"
        })
class ExpiredCodeTest {
    @LocalServerPort
    int port;

    @Autowired
    DemoEmulator demo;

    @Test
    void anExpiredCodeIsAnnouncedCannotBeScannedAndIsReplacedOnRequest() {
        AppClient app = new AppClient(port);
        JsonNode quote = app.createQuote();
        String id = quote.get("id").asString();
        String oldUrl = quote.get("qr").get("url").asString();
        AppClient.EventStream events = app.events(id);

        await().atMost(Duration.ofSeconds(10)).until(() -> events.names().contains("expired"));
        assertThat(app.status(id)).isEqualTo("expired");
        assertThat(app.quote(id).get("qr").get("expired").asBoolean()).isTrue();
        assertThat(app.get("/quotes/" + id).body()).contains("二维码已过期");

        EmulatedUser user = demo.emulator().createUser(demo.appId(), "迟到");
        assertThatThrownBy(() -> demo.emulator().scanUrl(user.openid(), oldUrl))
                .isInstanceOf(IllegalStateException.class);

        var renewed = app.post("/api/quotes/" + id + "/qr", "");
        assertThat(renewed.statusCode()).isEqualTo(200);
        String newUrl = AppClientJson.field(renewed.body(), "url");
        assertThat(newUrl).isNotEqualTo(oldUrl);
        assertThat(app.status(id)).isEqualTo("waiting");
        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        events.names().lastIndexOf("waiting") > events.names().indexOf("expired"));

        assertThat(demo.emulator().scanUrl(user.openid(), newUrl).reply().type())
                .isEqualTo("news");
        assertThat(app.status(id)).isEqualTo("delivered");
    }

    /** Reads one text field of a JSON object. */
    static final class AppClientJson {
        static String field(String json, String name) {
            return tools.jackson.databind.json.JsonMapper.builder()
                    .build()
                    .readTree(json)
                    .get(name)
                    .asString();
        }
    }
}
