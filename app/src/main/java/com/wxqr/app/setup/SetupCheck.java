package com.wxqr.app.setup;

import com.wxqr.app.web.PublicUrl;
import com.wxqr.app.wechat.WeChatAccount;
import com.wxqr.mp.api.QrRequest;
import com.wxqr.mp.api.WeChatApiException;
import com.wxqr.mp.api.WeChatClient;
import com.wxqr.mp.api.WeChatException;
import com.wxqr.mp.callback.MessageMode;
import com.wxqr.mp.crypto.Signatures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The setup check (接入检查, docs/DEPLOY.md#setup-check): cheap calls that say in a sentence what is
 * wrong with the account's wiring and how to fix it. It fetches a stable token with a client of its
 * own (a normal {@code stable_token} call never disturbs a token anyone holds), creates one
 * 60-second parametric code, sends a URL verification signed with the Token to the public callback
 * URL, and reads what pushes were refused since the start. What the API cannot tell (the
 * web-authorization domain) it names for the operator to check in the console. Secrets never appear
 * in its sentences.
 */
@Component
class SetupCheck {
    private static final Pattern IP = Pattern.compile("invalid ip ([0-9A-Fa-f.:]+)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WeChatAccount account;
    private final PublicUrl publicUrl;
    private final MeterRegistry meters;
    private final Clock clock;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SetupCheck(WeChatAccount account, PublicUrl publicUrl, MeterRegistry meters, Clock clock) {
        this.account = account;
        this.publicUrl = publicUrl;
        this.meters = meters;
        this.clock = clock;
    }

    /** Runs every check, in the order an operator fixes things; blocks for the calls (seconds). */
    public List<SetupFinding> run() {
        List<SetupFinding> findings = new ArrayList<>();
        findings.add(publicUrlScheme());
        try (WeChatClient client = WeChatClient.builder()
                .appId(account.appId())
                .appSecret(account.appSecret())
                .apiBaseUrl(account.apiUrl())
                .mpBaseUrl(account.mpUrl())
                .openBaseUrl(account.openUrl())
                .stableToken(true)
                .refreshAhead(false)
                .tokenFailureBackoff(Duration.ZERO)
                .callTimeout(Duration.ofSeconds(10))
                .clock(clock)
                .build()) {
            SetupFinding credentials = credentials(client);
            findings.add(credentials);
            if (credentials.ok()) {
                findings.add(parametricCodes(client));
            }
        }
        findings.add(callbackRoundTrip());
        findings.add(pushesSinceStart());
        findings.add(messageMode());
        findings.add(webAuthorizationDomain());
        return findings;
    }

    private SetupFinding publicUrlScheme() {
        String base = publicUrl.base();
        if (publicUrl.isHttps()) {
            return SetupFinding.ok("公开地址 public URL", SetupFinding.Kind.CONFIGURED, base + " is https.");
        }
        return SetupFinding.problem(
                "公开地址 public URL",
                SetupFinding.Kind.CONFIGURED,
                base + " is not https: WeChat's web authorization and the cards' links need https:// — set "
                        + "wxqr.public-url (WXQR_PUBLIC_URL) to the https address nginx serves.");
    }

    private SetupFinding credentials(WeChatClient client) {
        String item = "AppID / AppSecret / IP白名单";
        try {
            client.accessToken();
            return SetupFinding.ok(
                    item,
                    SetupFinding.Kind.CHECKED,
                    "WeChat issued an access token: AppID, AppSecret and IP whitelist are right.");
        } catch (WeChatApiException e) {
            return SetupFinding.problem(item, SetupFinding.Kind.CHECKED, refusal(e));
        } catch (WeChatException e) {
            return SetupFinding.problem(
                    item,
                    SetupFinding.Kind.CHECKED,
                    "WeChat's API (" + account.apiUrl() + ") cannot be reached from this server: " + e.getMessage()
                            + " — check the outbound network and proxy.");
        }
    }

    private SetupFinding parametricCodes(WeChatClient client) {
        String item = "账号类型 account type";
        try {
            client.createQrCode(QrRequest.temporary("wxqr-setup-check", Duration.ofSeconds(60)));
            return SetupFinding.ok(item, SetupFinding.Kind.CHECKED, "The account may create parametric QR codes.");
        } catch (WeChatApiException e) {
            return SetupFinding.problem(item, SetupFinding.Kind.CHECKED, refusal(e));
        } catch (WeChatException e) {
            return SetupFinding.problem(
                    item, SetupFinding.Kind.CHECKED, "Creating a QR code failed: " + e.getMessage());
        }
    }

    /** What WeChat's refusal means for the operator, and where to fix it. */
    static String refusal(WeChatApiException e) {
        return switch (e.errcode()) {
            case 40125, 40001 ->
                "WeChat refuses the AppSecret (" + e.errcode() + "): copy it from 设置与开发 → 基本配置 → "
                        + "开发者密码(AppSecret) into wxqr.wechat.app-secret (WXQR_WECHAT_APP_SECRET); after a reset only "
                        + "the new one works.";
            case 40013 ->
                "WeChat does not know this AppID (40013): copy it from 设置与开发 → 基本配置 → 开发者ID(AppID) "
                        + "into wxqr.wechat.app-id.";
            case 40164 -> {
                Matcher ip = IP.matcher(e.errmsg() == null ? "" : e.errmsg());
                String address = ip.find() ? ip.group(1) : "this server's public address";
                yield "WeChat refuses calls from " + address + " (40164): add " + address + " in 设置与开发 → 基本配置 → "
                        + "IP白名单, for every machine running wxqr.";
            }
            case 48001 ->
                "The account may not create parametric QR codes (48001): parametric codes and web "
                        + "authorization need a verified service account (已认证的服务号); verify the account (微信认证) or "
                        + "configure one that is.";
            case 45009 ->
                "The account's daily quota for this call is used up (45009): wait for tomorrow (Beijing time) "
                        + "or reset it in the console (接口权限 → 调用次数 → 清零).";
            default -> "WeChat refused the call with " + e.errcode() + " (" + e.errmsg() + ").";
        };
    }

    private SetupFinding callbackRoundTrip() {
        String item = "服务器地址 / Token";
        URI url = publicUrl.resolve("/wechat/callback");
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        String nonce = HexFormat.of().formatHex(bytes(8));
        String echostr = HexFormat.of().formatHex(bytes(12));
        String signature = Signatures.sign(account.token(), timestamp, nonce);
        URI signed = URI.create(url + "?signature=" + signature + "&timestamp=" + timestamp + "&nonce=" + nonce
                + "&echostr=" + URLEncoder.encode(echostr, StandardCharsets.UTF_8));
        HttpResponse<String> answer;
        try {
            answer = http.send(
                    HttpRequest.newBuilder(signed)
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return SetupFinding.problem(
                    item,
                    SetupFinding.Kind.CHECKED,
                    url + " cannot be reached from this server (" + e.getClass().getSimpleName() + "): WeChat must "
                            + "reach it on port 443 or 80 — check DNS, nginx and wxqr.public-url.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SetupFinding.problem(item, SetupFinding.Kind.CHECKED, "Interrupted while calling " + url + ".");
        }
        if (answer.statusCode() == 200 && echostr.equals(answer.body().strip())) {
            return SetupFinding.ok(
                    item,
                    SetupFinding.Kind.CHECKED,
                    url + " answers a URL verification signed with wxqr's Token: enter this URL and the same Token "
                            + "in 设置与开发 → 基本配置 → 服务器配置.");
        }
        return SetupFinding.problem(
                item,
                SetupFinding.Kind.CHECKED,
                url + " did not echo a URL verification signed with wxqr's Token (HTTP " + answer.statusCode()
                        + "): another server, or wxqr with another Token, answers there — point wxqr.public-url and "
                        + "nginx at this wxqr.");
    }

    /** Pushes refused since the start say what the console has that wxqr has not. */
    private SetupFinding pushesSinceStart() {
        String item = "Token / EncodingAESKey / 消息加解密方式";
        long badSignature = refused("callback-bad-signature");
        long undecryptable = refused("callback-decryption-failed") + refused("callback-appid-mismatch");
        long plain = refused("callback-encryption-required");
        long encrypted = refused("callback-encryption-not-configured");
        if (badSignature > 0) {
            return SetupFinding.problem(
                    item,
                    SetupFinding.Kind.CONFIGURED,
                    badSignature
                            + " push(es) since the start carried a signature wxqr's Token does not make: the Token "
                            + "in 设置与开发 → 基本配置 → 服务器配置 differs from wxqr.wechat.token (WXQR_WECHAT_TOKEN) — "
                            + "make them the same.");
        }
        if (undecryptable > 0) {
            return SetupFinding.problem(
                    item,
                    SetupFinding.Kind.CONFIGURED,
                    undecryptable
                            + " push(es) since the start could not be opened with wxqr's EncodingAESKey: copy the "
                            + "消息加解密密钥 from 服务器配置 into wxqr.wechat.encoding-aes-key (the old one into "
                            + "wxqr.wechat.previous-encoding-aes-key while WeChat switches over).");
        }
        if (plain > 0) {
            return SetupFinding.problem(
                    item,
                    SetupFinding.Kind.CONFIGURED,
                    plain + " push(es) since the start came unencrypted while wxqr runs in " + mode() + ": set "
                            + "消息加解密方式 in 服务器配置 to 安全模式, or wxqr.wechat.message-mode to what the console says.");
        }
        if (encrypted > 0) {
            return SetupFinding.problem(
                    item,
                    SetupFinding.Kind.CONFIGURED,
                    encrypted + " push(es) since the start came encrypted while wxqr has no EncodingAESKey: copy the "
                            + "消息加解密密钥 from 服务器配置 into wxqr.wechat.encoding-aes-key and set "
                            + "wxqr.wechat.message-mode to what the console says.");
        }
        return SetupFinding.ok(
                item,
                SetupFinding.Kind.CONFIGURED,
                "No push has been refused for its signature or encryption since the start.");
    }

    private long refused(String reason) {
        Counter counter =
                meters.find("wxqr.requests.refused").tag("reason", reason).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    private SetupFinding messageMode() {
        String item = "消息加解密方式 message mode";
        String console = switch (account.messageMode()) {
            case PLAIN -> "明文模式";
            case COMPATIBLE -> "兼容模式";
            case SAFE -> "安全模式";
        };
        String key = account.messageMode() == MessageMode.PLAIN
                ? "no EncodingAESKey is needed"
                : "消息加解密密钥 must be the EncodingAESKey wxqr has";
        return SetupFinding.ok(
                item,
                SetupFinding.Kind.CONSOLE,
                "wxqr runs in " + mode() + ": 服务器配置 must say 消息加解密方式 " + console + ", and " + key
                        + " (the console's choice cannot be read through the API).");
    }

    private String mode() {
        return account.messageMode().name().toLowerCase(java.util.Locale.ROOT) + " mode";
    }

    private SetupFinding webAuthorizationDomain() {
        String host = URI.create(publicUrl.base()).getHost();
        return SetupFinding.ok(
                "网页授权域名 web-authorization domain",
                SetupFinding.Kind.CONSOLE,
                "It cannot be read through the API: check in 设置与开发 → 接口权限 → 网页服务 → 网页授权 → 网页授权域名 that it "
                        + "is " + host + " (no scheme, no path), else WeChat shows 'redirect_uri 域名与后台配置不一致' "
                        + "(10003) instead of the consent page.");
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
