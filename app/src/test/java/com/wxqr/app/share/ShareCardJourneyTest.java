package com.wxqr.app.share;

import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.app.system.AppJourney;
import com.wxqr.app.system.SafePassiveApp;
import com.wxqr.emulator.Delivery;
import com.wxqr.emulator.EmulatedUser;
import com.wxqr.emulator.OpenResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The quote page's share card inside WeChat (issue 21, docs/PROTOCOL.md#js-sdk): a wx.config signed for the page's own
 * URL, checked by the emulator as WeChat's client checks it, the card's content, the JS-SDK under the CSP, and nothing
 * of it outside WeChat.
 */
@SafePassiveApp
class ShareCardJourneyTest extends AppJourney {
    private static final Pattern CONFIG = Pattern.compile("id=\"wx-share\" hidden data-config=\"([^\"]*)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private String deliveredTo(EmulatedUser user, JsonNode quote) {
        Delivery d = wx().scanUrl(user.openid(), quote.get("qr").get("url").asString());
        assertThat(d.outcome()).as("%s", d).isEqualTo("replied");
        return d.reply().articles().get(0).url();
    }

    private static JsonNode config(String page) {
        Matcher m = CONFIG.matcher(page);
        assertThat(m.find()).as("the page carries the wx.config").isTrue();
        String json = m.group(1)
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
        return JSON.readTree(json);
    }

    /** What WeChat's client answers the page's wx.config on {@code url} (the emulator's check). */
    private String check(EmulatedUser user, JsonNode config, String url) throws Exception {
        String body = JSON.writeValueAsString(JSON.createObjectNode()
                .put("appId", config.get("appId").asString())
                .put("nonceStr", config.get("nonceStr").asString())
                .put("timestamp", config.get("timestamp").asLong())
                .put("signature", config.get("signature").asString())
                .put("url", url));
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(wx().url("/emulator/users/" + user.openid() + "/jssdk/config"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).get("errMsg").asString();
    }

    /** The script-src directive of {@code csp}, its nonce elided. */
    private static String scriptSrc(String csp) {
        for (String directive : csp.split(";")) {
            if (directive.strip().startsWith("script-src ")) {
                return directive.strip().replaceAll("'nonce-[^']*'", "'nonce-…'");
            }
        }
        throw new AssertionError("no script-src in " + csp);
    }

    @Test
    void insideWeChatThePageIsSignedForItsOwnUrlAndCarriesTheCard() throws Exception {
        JsonNode quote = app().createQuote(89, "3-2", "standard");
        EmulatedUser owner = newUser("阿明");
        String link = deliveredTo(owner, quote);
        assertThat(wx().open(owner.openid(), link).body()).contains("阿明"); // authorized: the profile is known
        int ticketFetches = wx().calls("/cgi-bin/ticket/getticket").size();
        assertThat(ticketFetches)
                .as("the ticket was fetched for the first page view")
                .isPositive();

        OpenResult opened = wx().open(owner.openid(), link + "?from=singlemessage");
        assertThat(opened.status()).isEqualTo(200);
        JsonNode config = config(opened.body());
        assertThat(opened.body())
                .contains("<script src=\"" + wx().url("/jssdk/jweixin-1.6.0.js") + "\"></script>")
                .contains("<script src=\"/share.js\"></script>");
        assertThat(config.get("jsApiList").toString()).contains("updateAppMessageShareData", "updateTimelineShareData");
        JsonNode share = config.get("share");
        assertThat(share.get("title").asString()).isEqualTo("阿明的装修报价");
        assertThat(share.get("desc").asString())
                .as("building area, total and saving")
                .contains("111.25 ㎡")
                .contains("61,188 元")
                .contains("节省 20,025 元");
        assertThat(share.get("link").asString()).isEqualTo(link);
        assertThat(share.get("imgUrl").asString()).startsWith("http").endsWith("/card.png");

        // WeChat's client signs the URL it is on: the one the page was served at, whatever the fragment
        String url = opened.finalUrl();
        assertThat(url).endsWith("?from=singlemessage");
        assertThat(check(owner, config, url)).isEqualTo("config:ok");
        assertThat(check(owner, config, url + "#section")).isEqualTo("config:ok");
        assertThat(check(owner, config, link)).as("another URL").isEqualTo("config:invalid signature");

        // the ticket is cached: a second view signs with it again
        JsonNode second = config(wx().open(owner.openid(), link).body());
        assertThat(check(owner, second, link)).isEqualTo("config:ok");
        assertThat(wx().calls("/cgi-bin/ticket/getticket"))
                .as("no fetch while the ticket lives")
                .hasSize(ticketFetches);
    }

    @Test
    void theJsSdkOriginIsAllowedOnlyOnThePageInsideWeChatAndOutsideNothingOfItIsThere() {
        JsonNode quote = app().createQuote();
        String id = quote.get("id").asString();
        String origin = wx().baseUrl().toString().replaceFirst("/$", "");

        HttpResponse<String> outside = app().get("/q/" + id);
        assertThat(outside.statusCode()).isEqualTo(200);
        assertThat(outside.body())
                .doesNotContain("wx-share")
                .doesNotContain("jweixin")
                .doesNotContain("share.js");
        assertThat(scriptSrc(
                        outside.headers().firstValue("Content-Security-Policy").orElseThrow()))
                .isEqualTo("script-src 'self' 'nonce-…'");

        HttpResponse<String> inside = app().send(HttpRequest.newBuilder(URI.create(app().base() + "/q/" + id))
                .header("User-Agent", "Mozilla/5.0 (Linux; Android 14) MicroMessenger/8.0.49.2600 NetType/WIFI")
                .build());
        assertThat(inside.statusCode()).isEqualTo(200);
        String csp = inside.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(scriptSrc(csp)).isEqualTo("script-src 'self' " + origin + " 'nonce-…'");
        JsonNode config = config(inside.body());
        assertThat(config.get("share").get("title").asString()).isEqualTo("一份装修报价");
    }
}
