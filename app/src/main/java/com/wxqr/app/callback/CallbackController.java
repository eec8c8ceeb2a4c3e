package com.wxqr.app.callback;

import com.wxqr.app.web.RefusedRequests;
import com.wxqr.mp.callback.CallbackCodec;
import com.wxqr.mp.callback.CallbackParams;
import com.wxqr.mp.callback.CallbackRejectedException;
import com.wxqr.mp.callback.OpenedPush;
import com.wxqr.mp.callback.Reply;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The WeChat server endpoint. GET answers the URL verification; POST takes pushes in plaintext,
 * compatible and safe modes. Anything that fails verification or parsing is refused with a 4xx
 * before anything is stored, and counted and logged (at most once a minute per reason) by
 * {@link RefusedRequests}; a body that is not XML never gets here ({@link CallbackContentTypeFilter}).
 */
@RestController
class CallbackController {
    private static final MediaType TEXT = new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8);
    private static final MediaType XML = new MediaType("application", "xml", java.nio.charset.StandardCharsets.UTF_8);

    private final CallbackCodec codec;
    private final PushHandler handler;
    private final CallbackMetrics metrics;
    private final RefusedRequests refused;

    CallbackController(CallbackCodec codec, PushHandler handler, CallbackMetrics metrics, RefusedRequests refused) {
        this.codec = codec;
        this.handler = handler;
        this.metrics = metrics;
        this.refused = refused;
    }

    @GetMapping("/wechat/callback")
    ResponseEntity<String> verify(@RequestParam Map<String, String> query) {
        String echostr = codec.verifyUrl(CallbackParams.of(query::get), query.get("echostr"));
        metrics.verified();
        return ResponseEntity.ok().contentType(TEXT).body(echostr);
    }

    @PostMapping("/wechat/callback")
    ResponseEntity<String> push(@RequestParam Map<String, String> query, HttpServletRequest request)
            throws IOException {
        if (request.getContentLengthLong() > CallbackCodec.DEFAULT_MAX_BODY_BYTES) {
            throw new CallbackRejectedException(
                    CallbackRejectedException.Reason.TOO_LARGE,
                    "Content-Length " + request.getContentLengthLong() + " exceeds the limit");
        }
        byte[] body = readAtMost(request.getInputStream(), CallbackCodec.DEFAULT_MAX_BODY_BYTES + 1);
        OpenedPush opened = codec.open(CallbackParams.of(query::get), body);
        Reply reply = handler.handle(opened.message());
        String sealed = codec.seal(opened, reply);
        return ResponseEntity.ok()
                .contentType(reply instanceof Reply.Success ? TEXT : XML)
                .body(sealed);
    }

    @ExceptionHandler(CallbackRejectedException.class)
    ResponseEntity<String> rejected(CallbackRejectedException e) {
        HttpStatus status = switch (e.reason()) {
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case BAD_SIGNATURE, STALE_TIMESTAMP, DECRYPTION_FAILED, APPID_MISMATCH, ENCRYPTION_REQUIRED ->
                HttpStatus.FORBIDDEN;
            case MISSING_PARAMETER, MALFORMED_XML, FORBIDDEN_DTD, ENCRYPTION_NOT_CONFIGURED -> HttpStatus.BAD_REQUEST;
        };
        refused.refused("callback-" + e.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'), e.getMessage());
        metrics.rejected(e.reason().name());
        return ResponseEntity.status(status).contentType(TEXT).body(e.reason().name());
    }

    @ExceptionHandler(UnfitPushException.class)
    ResponseEntity<String> unfit(UnfitPushException e) {
        refused.refused("callback-field-too-long", e.getMessage());
        metrics.rejected("FIELD_TOO_LONG");
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(TEXT).body("FIELD_TOO_LONG");
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        return in.readNBytes(limit);
    }
}
