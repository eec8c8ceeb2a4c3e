package com.wxqr.emulator;

import static com.wxqr.emulator.AccessTokenTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.wxqr.emulator.http.Json;
import com.wxqr.emulator.subscribe.SubscribeTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Subscription notifications (docs/PROTOCOL.md#subscription-notifications): templates, the popup, bizsend. */
class SubscribeNotificationTest {

    @RegisterExtension
    final EmulatorWithAccount emulator = new EmulatorWithAccount();

    private WeChatEmulator wx;
    private String token;
    private EmulatedUser user;
    private SubscribeTemplate template;

    @BeforeEach
    void start() {
        wx = emulator.emulator();
        token = emulator.accessToken();
        user = wx.createUser(emulator.appId(), "小红");
        template = wx.addSubscribeTemplate(
                emulator.appId(), "报价更新提醒", "报价单号:{{character_string1.DATA}}\n备注:{{thing2.DATA}}\n");
    }

    private JsonNode bizsend(ObjectNode body) {
        return TestHttp.postJson(wx.url("/cgi-bin/message/subscribe/bizsend?access_token=" + token), body);
    }

    private ObjectNode notification(String templateId, String number, String remark) {
        ObjectNode b = Json.object()
                .put("touser", user.openid())
                .put("template_id", templateId)
                .put("page", "https://example.com/q/abc");
        ObjectNode data = b.putObject("data");
        if (number != null) {
            data.putObject("character_string1").put("value", number);
        }
        data.putObject("thing2").put("value", remark);
        return b;
    }

    @Test
    void gettemplate_lists_the_accounts_templates() {
        JsonNode r = TestHttp.getJson(wx.url("/wxaapi/newtmpl/gettemplate?access_token=" + token));
        assertThat(r.get("errcode").asInt()).isZero();
        assertThat(r.get("data").get(0).get("priTmplId").asString()).isEqualTo(template.priTmplId());
        assertThat(r.get("data").get(0).get("type").asInt()).isEqualTo(2);
        assertThat(template.keys()).containsExactly("character_string1", "thing2");
    }

    @Test
    void one_accepted_popup_allows_one_notification_shown_as_a_service_notification() {
        assertError(bizsend(notification(template.priTmplId(), "Q1", "价格已更新")), 43101);

        Delivery popup = wx.answerSubscribePopup(user.openid(), template.priTmplId(), true);
        assertThat(popup.event()).isEqualTo("subscribe_msg_popup_event");

        JsonNode ok = bizsend(notification(template.priTmplId(), "Q1", "价格已更新"));
        assertThat(ok.get("errcode").asInt()).as("%s", ok).isZero();
        assertThat(ok.get("msgid").asLong()).isPositive();
        java.util.List<ChatMessage> chat = wx.chat(user.openid());
        ChatMessage shown = chat.get(chat.size() - 1);
        assertThat(shown.via()).isEqualTo("subscribe_notification");
        assertThat(shown.type()).isEqualTo("notification");
        assertThat(shown.content()).contains("报价更新提醒", "报价单号:Q1", "备注:价格已更新");
        assertThat(shown.articles().get(0).url()).isEqualTo("https://example.com/q/abc");

        assertError(bizsend(notification(template.priTmplId(), "Q1", "again")), 43101);
    }

    @Test
    void a_rejected_popup_allows_nothing() {
        wx.answerSubscribePopup(user.openid(), template.priTmplId(), false);
        assertError(bizsend(notification(template.priTmplId(), "Q1", "价格已更新")), 43101);
    }

    @Test
    void bad_template_data_and_openid_get_their_codes_and_keep_the_subscription() {
        wx.answerSubscribePopup(user.openid(), template.priTmplId(), true);
        assertError(bizsend(notification("nope", "Q1", "x")), 40037);
        JsonNode missing = bizsend(notification(template.priTmplId(), null, "x"));
        assertError(missing, 47003);
        assertThat(missing.get("errmsg").asString()).contains("data.character_string1.value is empty");
        assertError(bizsend(notification(template.priTmplId(), "Q1", "这句备注超过了二十个字所以微信不会接受它的内容")), 47003);
        ObjectNode stranger = notification(template.priTmplId(), "Q1", "x").put("touser", "o" + "x".repeat(27));
        assertError(bizsend(stranger), 40003);
        JsonNode ok = bizsend(notification(template.priTmplId(), "Q1", "价格已更新"));
        assertThat(ok.get("errcode").asInt()).as("%s", ok).isZero();
    }
}
