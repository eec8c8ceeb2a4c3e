package com.wxqr.emulator;

import com.wxqr.emulator.http.ControlException;
import com.wxqr.emulator.http.Exchange;
import com.wxqr.emulator.users.User;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Opens a link as one user "inside WeChat": WeChat's user agent, the user's own cookie jar, redirects
 * followed, and this emulator's {@code /connect/oauth2/authorize} answered with the user's identity and
 * the given consent (without a network round trip, but logged like a served call).
 */
final class InWeChatBrowser {

    static final String USER_AGENT = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Version/4.0 Chrome/122.0.0.0 Mobile Safari/537.36 XWEB/1220099 MMWEBSDK/20240404 MicroMessenger/8.0.49.2600(0x28003133) "
            + "WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64";
    private static final int MAX_HOPS = 20;
    private static final int MAX_BODY_CHARS = 1_000_000;
    private static final int MAX_IMAGE_BYTES = 10 * 1024 * 1024;

    private final Platform platform;
    private final OpenHost open;

    InWeChatBrowser(Platform platform, OpenHost open) {
        this.platform = platform;
        this.open = open;
    }

    OpenResult open(String openid, String url, boolean consent) {
        User user = platform.users.require(openid);
        URI target = httpUrl(url);
        List<String> visited = new ArrayList<>();
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            visited.add(target.toString());
            if (isOurAuthorize(target)) {
                long start = System.nanoTime();
                Map<String, String> q = Exchange.parseQuery(target.getRawQuery());
                String location;
                try {
                    OpenHost.Request request = open.validate(q);
                    location = open.withoutAsking(request, user, target.toString());
                    if (location == null) {
                        location = open.answer(request, user, consent);
                    }
                } catch (OpenHost.Refusal e) {
                    String body = "Oops! Something went wrong:( " + e.code + " " + e.getMessage();
                    log(target, q, 200, body, start);
                    return new OpenResult(
                            target.toString(), 200, "text/html; charset=utf-8", body, List.copyOf(visited));
                }
                log(target, q, 302, null, start);
                target = target.resolve(location);
                continue;
            }
            HttpResponse<String> response = fetch(user, target);
            int status = response.statusCode();
            var location = response.headers().firstValue("Location");
            if (status >= 300 && status < 400 && location.isPresent()) {
                target = target.resolve(location.get());
                continue;
            }
            String body = response.body();
            if (body.length() > MAX_BODY_CHARS) {
                body = body.substring(0, MAX_BODY_CHARS);
            }
            return new OpenResult(
                    target.toString(),
                    status,
                    response.headers().firstValue("Content-Type").orElse(null),
                    body,
                    List.copyOf(visited));
        }
        throw new ControlException(508, "more than " + MAX_HOPS + " redirects from " + url);
    }

    /**
     * The user long-presses an image on a page inside WeChat and taps 识别图中二维码: WeChat reads the code in the
     * picture and acts as a scan of it ({@link Platform#scan}), so a non-follower sees the account's profile page and a
     * follower's {@code SCAN} is pushed. {@code imageUrl} is the image's address ({@code http(s)}, fetched as this user
     * with WeChat's user agent and the user's cookies, redirects followed) or a {@code data:} URL. Real WeChat reads a
     * screenshot of the screen instead; for a code shown whole, the outcome is the same.
     *
     * @throws ControlException 400 for a bad URL, an answer other than 200, a body over 10 MB, or no code in the image
     *     (and as {@link Platform#scan} for the code itself), 502 when the image cannot be fetched
     */
    Delivery recognize(String openid, String imageUrl, boolean follow) {
        User user = platform.users.require(openid);
        byte[] image = imageUrl != null && imageUrl.regionMatches(true, 0, "data:", 0, 5)
                ? dataUrl(imageUrl)
                : image(user, httpUrl(imageUrl));
        return platform.scan(openid, null, null, image, follow);
    }

    private byte[] image(User user, URI target) {
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            HttpResponse<InputStream> response = send(user, target, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                var location = response.headers().firstValue("Location");
                if (status >= 300 && status < 400 && location.isPresent()) {
                    target = target.resolve(location.get());
                    continue;
                }
                if (status != 200) {
                    throw new ControlException(400, "the image at " + target + " answered HTTP " + status);
                }
                byte[] bytes = body.readNBytes(MAX_IMAGE_BYTES + 1);
                if (bytes.length > MAX_IMAGE_BYTES) {
                    throw new ControlException(400, "the image at " + target + " is larger than 10 MB");
                }
                return bytes;
            } catch (IOException e) {
                throw new ControlException(502, "cannot read the image at " + target + ": " + e.getMessage());
            }
        }
        throw new ControlException(508, "more than " + MAX_HOPS + " redirects from " + target);
    }

    private static byte[] dataUrl(String url) {
        int comma = url.indexOf(',');
        if (comma < 0 || !url.substring(0, comma).toLowerCase(Locale.ROOT).endsWith(";base64")) {
            throw new ControlException(400, "a data: URL must be base64 (data:image/png;base64,…)");
        }
        try {
            return Base64.getMimeDecoder().decode(url.substring(comma + 1));
        } catch (IllegalArgumentException e) {
            throw new ControlException(400, "the data: URL is not valid base64");
        }
    }

    private static URI httpUrl(String url) {
        URI target;
        try {
            target = URI.create(url);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ControlException(400, "url must be an absolute http(s) URL");
        }
        if (target.getHost() == null || !("http".equals(target.getScheme()) || "https".equals(target.getScheme()))) {
            throw new ControlException(400, "url must be an absolute http(s) URL");
        }
        return target;
    }

    /**
     * The user taps 使用完整服务 on the snapshot page they last saw: the authorization behind it runs again, this time
     * with the consent page, answered with {@code consent}. {@link ControlException} 409 when no snapshot page was shown.
     */
    OpenResult useFullService(String openid, boolean consent) {
        User user = platform.users.require(openid);
        String authorization = user.lastSnapshotAuthorization();
        if (authorization == null) {
            throw new ControlException(409, "the user has seen no snapshot page");
        }
        user.requestFullService();
        return open(openid, authorization, consent);
    }

    private boolean isOurAuthorize(URI target) {
        URI base = platform.baseUrl();
        return "/connect/oauth2/authorize".equals(target.getPath())
                && base.getPort() == target.getPort()
                && (base.getHost().equalsIgnoreCase(target.getHost()) || isLoopback(target.getHost()));
    }

    private static boolean isLoopback(String host) {
        return host.equalsIgnoreCase("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    private void log(URI target, Map<String, String> q, int status, String body, long start) {
        long millis = (System.nanoTime() - start) / 1_000_000;
        platform.calls.add(seq -> new CallRecord(
                seq,
                platform.now(),
                "api",
                "GET",
                target.getPath(),
                q,
                null,
                status,
                null,
                body,
                millis,
                q.get("appid"),
                null));
    }

    private HttpResponse<String> fetch(User user, URI target) {
        return send(user, target, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private <T> HttpResponse<T> send(User user, URI target, HttpResponse.BodyHandler<T> handler) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(target)
                    .GET()
                    .timeout(Duration.ofSeconds(30))
                    .header("User-Agent", USER_AGENT)
                    .header("Accept-Language", "zh-CN,zh;q=0.9");
            Map<String, List<String>> cookies = user.browserCookies().get(target, Map.of());
            for (Map.Entry<String, List<String>> e : cookies.entrySet()) {
                if (!e.getValue().isEmpty()) {
                    b.header(e.getKey(), String.join("; ", e.getValue()));
                }
            }
            HttpResponse<T> response = platform.http.send(b.build(), handler);
            user.browserCookies().put(target, response.headers().map());
            return response;
        } catch (IOException e) {
            throw new ControlException(502, "cannot open " + target + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlException(503, "interrupted");
        }
    }
}
