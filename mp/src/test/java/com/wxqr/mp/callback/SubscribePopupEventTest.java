package com.wxqr.mp.callback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The {@code subscribe_msg_popup_event} push of docs/PROTOCOL.md#subscription-notifications, as WeChat's sample. */
class SubscribePopupEventTest {

    @Test
    void every_list_item_is_one_choice() {
        String xml = """
                <xml>
                  <ToUserName><![CDATA[gh_123456789abc]]></ToUserName>
                  <FromUserName><![CDATA[otFpruAK8D-E6EfStSYonYSBZ8_4]]></FromUserName>
                  <CreateTime>1610969440</CreateTime>
                  <MsgType><![CDATA[event]]></MsgType>
                  <Event><![CDATA[subscribe_msg_popup_event]]></Event>
                  <SubscribeMsgPopupEvent>
                    <List>
                      <TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId>
                      <SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString>
                      <PopupScene>2</PopupScene>
                    </List>
                    <List>
                      <TemplateId><![CDATA[9nLIlbOQZC5Y89AZteFEux3WCXRRRG5Wfzkpssu4bLI]]></TemplateId>
                      <SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString>
                      <PopupScene>2</PopupScene>
                    </List>
                  </SubscribeMsgPopupEvent>
                </xml>""";
        InboundMessage m = InboundMessage.parse(xml);
        assertThat(m).isInstanceOf(SubscribePopupEvent.class);
        SubscribePopupEvent e = (SubscribePopupEvent) m;
        assertThat(e.fromUser()).isEqualTo("otFpruAK8D-E6EfStSYonYSBZ8_4");
        assertThat(e.choices())
                .containsExactly(
                        new SubscribePopupEvent.Choice("VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc", "accept", 2),
                        new SubscribePopupEvent.Choice("9nLIlbOQZC5Y89AZteFEux3WCXRRRG5Wfzkpssu4bLI", "reject", 2));
        assertThat(e.choices().get(0).accepted()).isTrue();
        assertThat(e.dedupeKey()).contains("VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc=accept");
    }

    @Test
    void manyTemplatesKeepTheKeyShortAndDistinct() {
        StringBuilder lists = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            lists.append("<List><TemplateId><![CDATA[T")
                    .append(i)
                    .append("x".repeat(40))
                    .append("]]></TemplateId><SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString>"
                            + "<PopupScene>1</PopupScene></List>");
        }
        String xml = "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oUser]]></FromUserName>"
                + "<CreateTime>1610969440</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[subscribe_msg_popup_event]]></Event><SubscribeMsgPopupEvent>" + lists
                + "</SubscribeMsgPopupEvent></xml>";
        SubscribePopupEvent all = (SubscribePopupEvent) InboundMessage.parse(xml);
        SubscribePopupEvent rejected = (SubscribePopupEvent) InboundMessage.parse(xml.replaceFirst("accept", "reject"));
        assertThat(all.choices()).hasSize(8);
        assertThat(all.dedupeKey()).hasSizeLessThan(200).isNotEqualTo(rejected.dedupeKey());
    }
}
