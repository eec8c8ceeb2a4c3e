package com.wxqr.app.profile;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Copies an avatar image from WeChat ({@code headimgurl}) so the quote page does not depend on a URL
 * that dies when the user changes their avatar. The copy is refused unless the answer is 200, at
 * most {@code wxqr.profile.avatar-max-bytes}, declared as JPEG, PNG, GIF or WebP and starting with
 * that format's signature; the whole exchange (headers and body) runs under
 * {@code wxqr.profile.avatar-timeout}. Never throws: a refused copy is empty and logged.
 */
@Component
public class AvatarCopier {
    private static final Logger log = LoggerFactory.getLogger(AvatarCopier.class);

    /** An image as stored and served. */
    @SuppressWarnings("ArrayRecordComponent") // the bytes are only read from the wire or the database and written out
    public record Avatar(String contentType, byte[] bytes) {}

    private static final Map<String, byte[]> SIGNATURES = Map.of(
            "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
            "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'},
            "image/gif", new byte[] {'G', 'I', 'F', '8'},
            "image/webp", new byte[] {'R', 'I', 'F', 'F'});

    private final ProfileProperties properties;
    private final HttpClient http;

    AvatarCopier(ProfileProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.avatarTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public Optional<Avatar> copy(String url) {
        if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + properties.avatarTimeout().toNanos();
        CompletableFuture<HttpResponse<InputStream>> pending = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(properties.avatarTimeout())
                    .GET()
                    .build();
            pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
            HttpResponse<InputStream> response = pending.get(remaining(deadline), TimeUnit.NANOSECONDS);
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    return refused(url, "HTTP " + response.statusCode());
                }
                String declaredType =
                        response.headers().firstValue("Content-Type").orElse("");
                int parameters = declaredType.indexOf(';');
                String type = (parameters < 0 ? declaredType : declaredType.substring(0, parameters))
                        .strip()
                        .toLowerCase(Locale.ROOT);
                if (type.equals("image/jpg")) {
                    type = "image/jpeg";
                }
                byte[] signature = SIGNATURES.get(type);
                if (signature == null) {
                    return refused(url, "content type " + type);
                }
                long declared =
                        response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > properties.avatarMaxBytes()) {
                    return refused(url, declared + " bytes");
                }
                // The body is read under the same deadline: java.net.http's timeout ends when headers arrive.
                byte[] bytes = CompletableFuture.supplyAsync(() -> readAtMost(body, properties.avatarMaxBytes() + 1))
                        .get(remaining(deadline), TimeUnit.NANOSECONDS);
                if (bytes.length > properties.avatarMaxBytes()) {
                    return refused(url, "more than " + properties.avatarMaxBytes() + " bytes");
                }
                if (!startsWith(bytes, signature)) {
                    return refused(url, "not a " + type + " image");
                }
                return Optional.of(new Avatar(type, bytes));
            }
        } catch (TimeoutException e) {
            return refused(url, "no complete answer within " + properties.avatarTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | IOException | IllegalArgumentException e) {
            return refused(url, e.getMessage());
        } finally {
            if (pending != null) {
                pending.cancel(true);
            }
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static byte[] readAtMost(InputStream in, int limit) {
        try {
            return in.readNBytes(limit);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Avatar> refused(String url, String why) {
        log.warn("avatar not copied from {}: {}", URI.create(url).getHost(), why);
        return Optional.empty();
    }
}
