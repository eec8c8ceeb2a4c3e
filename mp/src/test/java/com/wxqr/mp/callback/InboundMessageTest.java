package com.wxqr.mp.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InboundMessageTest {

    private static String event(String event, String eventKeyElement) {
        return "<xml><ToUserName><![CDATA[gh_abc]]></ToUserName><FromUserName><![CDATA[oUser123]]></FromUserName>"
                + "<CreateTime>1714112445</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[" + event + "]]></Event>" + eventKeyElement + "</xml>";
    }

    @Test
    void followThroughAStringSceneQrCodeStripsThePrefix() {
        InboundMessage message = InboundMessage.parse(event(
                "subscribe",
                "<EventKey><![CDATA[qrscene_q-7Fh2xK]]></EventKey><Ticket><![CDATA[gQH47jo==]]></Ticket>"));
        assertThat(message).isInstanceOfSatisfying(SubscribeEvent.class, e -> {
            assertThat(e.fromQrCode()).isTrue();
            assertThat(e.scene()).isEqualTo("q-7Fh2xK");
            assertThat(e.ticket()).isEqualTo("gQH47jo==");
        });
        assertThat(message.qrScene()).contains("q-7Fh2xK");
        assertThat(message.toUser()).isEqualTo("gh_abc");
        assertThat(message.fromUser()).isEqualTo("oUser123");
        assertThat(message.createTime()).isEqualTo(1714112445L);
        assertThat(message.msgType()).isEqualTo("event");
    }

    @Test
    void followThroughAnIntSceneQrCode() {
        InboundMessage message =
                InboundMessage.parse(event("subscribe", "<EventKey><![CDATA[qrscene_123123]]></EventKey>"));
        assertThat(message.qrScene()).contains("123123");
    }

    @Test
    void aPlainFollowHasNoSceneWithAnEmptyOrAbsentEventKey() {
        for (String key : new String[] {"<EventKey><![CDATA[]]></EventKey>", "<EventKey/>", ""}) {
            InboundMessage message = InboundMessage.parse(event("subscribe", key));
            assertThat(message)
                    .isInstanceOfSatisfying(
                            SubscribeEvent.class,
                            e -> assertThat(e.fromQrCode()).isFalse());
            assertThat(message.qrScene()).isEmpty();
        }
    }

    @Test
    void scanByAFollowerCarriesTheBareScene() {
        InboundMessage message = InboundMessage.parse(
                event("SCAN", "<EventKey><![CDATA[SCENE_VALUE]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket>"));
        assertThat(message).isInstanceOfSatisfying(ScanEvent.class, e -> {
            assertThat(e.scene()).isEqualTo("SCENE_VALUE");
            assertThat(e.ticket()).isEqualTo("TICKET");
        });
        assertThat(InboundMessage.parse(event("SCAN", "<EventKey><![CDATA[0]]></EventKey>"))
                        .qrScene())
                .contains("0");
    }

    @Test
    void parsesTheOtherEventsAndMessages() {
        assertThat(InboundMessage.parse(event("unsubscribe", ""))).isInstanceOf(UnsubscribeEvent.class);
        assertThat(InboundMessage.parse(event("CLICK", "<EventKey><![CDATA[MENU_1]]></EventKey>")))
                .isEqualTo(new ClickEvent(
                        InboundMessage.parse(event("CLICK", "<EventKey><![CDATA[MENU_1]]></EventKey>"))
                                .fields(),
                        "MENU_1"));
        assertThat(InboundMessage.parse(event("VIEW", "<EventKey><![CDATA[https://example.com/x]]></EventKey>")))
                .isInstanceOfSatisfying(
                        ViewEvent.class, e -> assertThat(e.url()).isEqualTo("https://example.com/x"));
        assertThat(
                        InboundMessage.parse(
                                event(
                                        "LOCATION",
                                        "<Latitude>23.137466</Latitude><Longitude>113.352425</Longitude><Precision>119.385040</Precision>")))
                .isInstanceOfSatisfying(LocationEvent.class, e -> {
                    assertThat(e.latitude()).isEqualTo(23.137466);
                    assertThat(e.longitude()).isEqualTo(113.352425);
                    assertThat(e.precision()).isEqualTo(119.385040);
                });
        String text =
                "<xml>\n<ToUserName><![CDATA[toUser]]></ToUserName>\n<FromUserName><![CDATA[fromUser]]></FromUserName>\n"
                        + "<CreateTime>1348831860</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n"
                        + "<Content><![CDATA[this is a test]]></Content>\n<MsgId>1234567890123456</MsgId>\n</xml>";
        assertThat(InboundMessage.parse(text)).isInstanceOfSatisfying(TextMessage.class, m -> {
            assertThat(m.content()).isEqualTo("this is a test");
            assertThat(m.msgId()).isEqualTo("1234567890123456");
        });
        String image = "<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>1</CreateTime>"
                + "<MsgType>image</MsgType><PicUrl>http://p/1.jpg</PicUrl><MediaId>m1</MediaId><MsgId>42</MsgId></xml>";
        assertThat(InboundMessage.parse(image))
                .isEqualTo(new ImageMessage(InboundMessage.parse(image).fields(), "http://p/1.jpg", "m1", "42"));
    }

    @Test
    void unknownTypesAreKeptWithAllTheirFields() {
        String voice = "<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>1</CreateTime>"
                + "<MsgType>voice</MsgType><MediaId>m9</MediaId><Format>amr</Format><MsgId>7</MsgId></xml>";
        assertThat(InboundMessage.parse(voice))
                .isInstanceOfSatisfying(
                        OtherMessage.class,
                        m -> assertThat(m.fields())
                                .containsEntry("Format", "amr")
                                .containsEntry("MediaId", "m9"));
        String menu = event(
                "scancode_push",
                "<EventKey>k</EventKey><ScanCodeInfo><ScanType>qrcode</ScanType>"
                        + "<ScanResult>1</ScanResult></ScanCodeInfo>");
        assertThat(InboundMessage.parse(menu))
                .isInstanceOfSatisfying(
                        OtherMessage.class,
                        m -> assertThat(m.fields()).containsEntry("ScanCodeInfo.ScanType", "qrcode"));
    }

    @Test
    void dedupeKeyIsTheMsgIdOrTheEventIdentity() {
        String text = "<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>1</CreateTime>"
                + "<MsgType>text</MsgType><Content>hi</Content><MsgId>6054768590064713728</MsgId></xml>";
        assertThat(InboundMessage.parse(text).dedupeKey()).isEqualTo("msg:6054768590064713728");
        String scan = event("SCAN", "<EventKey><![CDATA[s1]]></EventKey>");
        assertThat(InboundMessage.parse(scan).dedupeKey())
                .isEqualTo("event:oUser123:1714112445:SCAN:s1")
                .isEqualTo(InboundMessage.parse(scan).dedupeKey())
                .isNotEqualTo(InboundMessage.parse(event("SCAN", "<EventKey><![CDATA[s2]]></EventKey>"))
                        .dedupeKey());
    }

    @Test
    void refusesDoctypesBeforeExpandingAnything() {
        String billionLaughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
                + "<xml><ToUserName>&lol3;</ToUserName></xml>";
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<xml><ToUserName>gh</ToUserName><FromUserName>&xxe;</FromUserName><CreateTime>1</CreateTime>"
                + "<MsgType>text</MsgType></xml>";
        String externalDtd =
                "<!DOCTYPE xml SYSTEM \"http://127.0.0.1:1/evil.dtd\"><xml><ToUserName>gh</ToUserName></xml>";
        for (String hostile : new String[] {billionLaughs, xxe, externalDtd}) {
            assertThatThrownBy(() -> InboundMessage.parse(hostile))
                    .isInstanceOfSatisfying(
                            CallbackRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(CallbackRejectedException.Reason.FORBIDDEN_DTD));
        }
    }

    @Test
    void refusesMalformedAndTruncatedXml() {
        String whole = event("SCAN", "<EventKey><![CDATA[s1]]></EventKey>");
        for (String bad : new String[] {
            whole.substring(0, whole.length() - 8),
            "",
            "not xml at all",
            "{\"json\":1}",
            "<xml><a></b></xml>",
            "<xml/><xml/>"
        }) {
            assertThatThrownBy(() -> InboundMessage.parse(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            CallbackRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(CallbackRejectedException.Reason.MALFORMED_XML));
        }
    }

    @Test
    void refusesPushesWithoutTheirEnvelopeFields() {
        assertThatThrownBy(() -> InboundMessage.parse(
                        "<xml><ToUserName>gh</ToUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>"))
                .isInstanceOfSatisfying(CallbackRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CallbackRejectedException.Reason.MISSING_PARAMETER);
                    assertThat(e.getMessage()).contains("FromUserName");
                });
        assertThatThrownBy(() -> InboundMessage.parse("<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName>"
                        + "<CreateTime>[1682391258]</CreateTime><MsgType>text</MsgType></xml>"))
                .isInstanceOfSatisfying(
                        CallbackRejectedException.class,
                        e -> assertThat(e.getMessage()).contains("CreateTime"));
    }
}
