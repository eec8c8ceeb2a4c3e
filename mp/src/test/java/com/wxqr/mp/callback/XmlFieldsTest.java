package com.wxqr.mp.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.wxqr.mp.Article;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scanner reads every document the JDK's StAX reader reads, to the same fields and items, and
 * refuses what StAX refuses (plus nothing StAX would expand).
 */
class XmlFieldsTest {

    static List<String> wellFormed() {
        return List.of(
                "<xml><ToUserName><![CDATA[gh_abc]]></ToUserName><FromUserName><![CDATA[oUser123]]></FromUserName>"
                        + "<CreateTime>1714112445</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event>"
                        + "<EventKey><![CDATA[qrscene_q-7Fh2xK]]></EventKey><Ticket><![CDATA[gQH47jo==]]></Ticket></xml>",
                "<xml>\n<ToUserName><![CDATA[toUser]]></ToUserName>\n<Content><![CDATA[this is a test]]></Content>\n</xml>\n",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- before --><?pi data?>\n<xml><A>1</A></xml><!-- after -->\n<?pi?> ",
                "<?xml version='1.0'?><xml><A>x<?inside here?>y<!-- c -->z</A></xml>",
                "<xml><Content>a &lt; b &amp; c &gt; d &apos;e&apos; &quot;f&quot; &#20013;&#x6587; &#x1F600; &#9;</Content></xml>",
                "<xml><A>x<![CDATA[<y>&amp;]]>z</A><B><![CDATA[]]></B><C><![CDATA[p]]><![CDATA[q]]></C></xml>",
                "<xml><A>line1\r\nline2\rline3\n</A><B><![CDATA[c1\r\nc2\r]]></B></xml>",
                "<xml a=\"1\" b='2'><A c=\"&amp;&#65;\" d = 'x>y'>v</A><B/><C></C><D  /></xml>",
                "<xml><ScanCodeInfo><ScanType>qrcode</ScanType><ScanResult>1</ScanResult><Deep><Deeper>d</Deeper></Deep></ScanCodeInfo></xml>",
                "<xml><A>first</A><A>second</A><Articles><item><Title>t1</Title><Url>u1</Url><Title>t1b</Title></item>"
                        + "<item><Title>t2</Title><Url>u2</Url><Nested><Url>n</Url></Nested></item></Articles></xml>",
                "<xml><A>t<B>x</B>u</A><C>   </C><D>\t</D></xml>",
                "<xml><Text>价格 ¥96,000 😀 ok</Text><名字>值</名字></xml>",
                "<xml><A>]] ] >]></A><B>a]b]]c</B></xml>",
                "<root><one><two><three><four><five><six><seven>7</seven></six></five></four></three></two></one></root>",
                Reply.text("a]]><injected>b</injected>]]]]>\u0001c\uD83D\uDE00").toXml("o]]>x", "gh", 1L),
                Reply.news(new Article("标题", "描述 <b>&amp;", "http://x/p.png", "http://x/q?a=1&b=2"))
                        .toXml("o", "gh", 7L),
                "<xml><Encrypt><![CDATA[c2FmZSBtb2RlIGNpcGhlcnRleHQ=]]></Encrypt><MsgSignature><![CDATA[abc]]></MsgSignature>"
                        + "<TimeStamp>1714112445</TimeStamp><Nonce><![CDATA[1]]></Nonce></xml>",
                "<xml/>");
    }

    @ParameterizedTest
    @MethodSource("wellFormed")
    void readsWhatStaxReadsToTheSameFieldsAndItems(String xml) {
        StaxReference expected = StaxReference.parse(xml);
        XmlFields actual = XmlFields.parse(xml);
        assertThat(actual.fields()).containsExactlyEntriesOf(expected.fields());
        assertThat(actual.items()).isEqualTo(expected.items());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "text",
                "<xml>",
                "<xml><a></b></xml>",
                "<xml/><xml/>",
                "<xml></xml>junk",
                "<xml><a>x]]>y</a></xml>",
                "<xml><a>\u0001</a></xml>",
                "<xml><a>&#0;</a></xml>",
                "<xml><a>&#xD800;</a></xml>",
                "<xml><a>&#xZZ;</a></xml>",
                "<xml><a>& b</a></xml>",
                "<xml><a>&;</a></xml>",
                "<xml><a x=1/></xml>",
                "<xml><a x='1' x='2'/></xml>",
                "<xml><a x='<'/></xml>",
                "<xml><a x='1'y='2'/></xml>",
                "<xml><!-- a -- b --></xml>",
                "<xml><!-- open</xml>",
                " <?xml version='1.0'?><xml/>",
                "<xml><?xml version='1.0'?></xml>",
                "<xml><a>\uD800</a></xml>",
                "<xml><a>\uFFFE</a></xml>",
                "<xml><a><![CDATA[x</a></xml>",
                "<![CDATA[x]]>",
                "</xml>",
                "<xml></XML>",
                "<xml><ToUserName>gh</ToUserNameX></xml>",
                "<xml><a>x</a",
                "<xml><a",
                "<xml><1a/></xml>",
                "<xml><!ELEMENT x ANY></xml>",
                "<a><b><c><d><e><f><g><h><i>9</i></h></g></f></e></d></c></b></a>"
            })
    void refusesWhatIsNotWellFormed(String xml) {
        assertThat(refusedAsByStax(xml, CallbackRejectedException.Reason.MALFORMED_XML))
                .hasMessageContaining("not well-formed XML at line ");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<!DOCTYPE xml><xml/>",
                "<?xml version='1.0'?>\n<!DOCTYPE xml [<!ENTITY a 'b'>]><xml><A>&a;</A></xml>",
                "<xml><A>&undeclared;</A></xml>",
                "<xml><A b='&undeclared;'/></xml>",
                "<xml/><!DOCTYPE xml>",
                "<xml><!DOCTYPE x></xml>",
                "<xml><!ENTITY x 'y'></xml>"
            })
    void refusesDeclarationsAndEntitiesWithoutExpandingThem(String xml) {
        refusedAsByStax(xml, CallbackRejectedException.Reason.FORBIDDEN_DTD);
    }

    /** StAX refuses {@code xml}, and so does the scanner, for {@code reason}; the scanner's refusal. */
    private static CallbackRejectedException refusedAsByStax(String xml, CallbackRejectedException.Reason reason) {
        assertThatThrownBy(() -> StaxReference.parse(xml))
                .as("StAX refuses " + xml)
                .isInstanceOf(CallbackRejectedException.class);
        CallbackRejectedException refused =
                catchThrowableOfType(CallbackRejectedException.class, () -> XmlFields.parse(xml));
        assertThat(refused).as(xml).isNotNull();
        assertThat(refused.reason()).as(xml).isEqualTo(reason);
        return refused;
    }

    @org.junit.jupiter.api.Test
    void acceptsAByteOrderMarkBeforeTheDeclaration() {
        assertThat(XmlFields.parse("\uFEFF<?xml version=\"1.0\"?><xml><A>1</A></xml>")
                        .fields())
                .containsExactly(Map.entry("A", "1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<xml>\n<A>1</A>\n<B>\u0002</B></xml>"})
    void namesTheLineAndColumnOfTheProblem(String xml) {
        assertThatThrownBy(() -> XmlFields.parse(xml))
                .hasMessageContaining("line 3, column 4")
                .hasMessageContaining("U+0002");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8})
    void keepsLeavesOfNestedContainersByDottedPath(int depth) {
        StringBuilder xml = new StringBuilder("<xml>");
        for (int i = 1; i < depth; i++) {
            xml.append("<L").append(i).append('>');
        }
        xml.append(depth == 1 ? "" : "v");
        for (int i = depth - 1; i >= 1; i--) {
            xml.append("</L").append(i).append('>');
        }
        xml.append("</xml>");
        Map<String, String> fields = XmlFields.parse(xml.toString()).fields();
        assertThat(fields).isEqualTo(StaxReference.parse(xml.toString()).fields());
        if (depth > 1) {
            assertThat(fields).hasSize(1).containsValue("v");
        }
    }
}
