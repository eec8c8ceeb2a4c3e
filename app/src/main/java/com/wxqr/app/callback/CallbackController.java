package com.wxqr.app.callback;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.wxqr.mp.callback.CallbackCodec;
import com.wxqr.mp.callback.CallbackParams;
import com.wxqr.mp.callback.CallbackRejectedException;
import com.wxqr.mp.callback.Inbound;
import com.wxqr.mp.callback.Reply;

/**
 * The WeChat server endpoint. GET answers the URL verification; POST takes pushes in plaintext,
 * compatible and safe modes. Anything that fails verification or parsing is refused with a 4xx
 * before anything is stored.
 */
@RestController
class CallbackController {
    private static final Logger log = LoggerFactory.getLogger(CallbackController.class);
    private static final MediaType TEXT = new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8);
    private static final MediaType XML = new MediaType("application", "xml", java.nio.charset.StandardCharsets.UTF_8);

    private final CallbackCodec codec;
    private final PushHandler handler;
    private final MeterRegistry meters;

    CallbackController(CallbackCodec codec, PushHandler handler, MeterRegistry meters) {
        this.codec = codec;
        this.handler = handler;
        this.meters = meters;
    }

    @GetMapping("/wechat/callback")
    ResponseEntity<String> verify(@RequestParam Map<String, String> query) {
        String echostr = codec.verifyUrl(CallbackParams.of(query::get), query.get("echostr"));
        meters.counter("wxqr.callbacks", "outcome", "verified", "type", "url-verification").increment();
        return ResponseEntity.ok().contentType(TEXT).body(echostr);
    }

    @PostMapping("/wechat/callback")
    ResponseEntity<String> push(@RequestParam Map<String, String> query, HttpServletRequest request)
            throws IOException {
        if (request.getContentLengthLong() > CallbackCodec.DEFAULT_MAX_BODY_BYTES) {
            throw new CallbackRejectedException(CallbackRejectedException.Reason.TOO_LARGE,
                    "Content-Length " + request.getContentLengthLong() + " exceeds the limit");
        }
        byte[] body = readAtMost(request.getInputStream(), CallbackCodec.DEFAULT_MAX_BODY_BYTES + 1);
        Inbound inbound = codec.open(CallbackParams.of(query::get), body);
        Reply reply = handler.handle(inbound.message());
        String sealed = codec.seal(inbound, reply);
        return ResponseEntity.ok().contentType(reply instanceof Reply.Success ? TEXT : XML).body(sealed);
    }

    @ExceptionHandler(CallbackRejectedException.class)
    ResponseEntity<String> rejected(CallbackRejectedException e) {
        HttpStatus status = switch (e.reason()) {
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case BAD_SIGNATURE, STALE_TIMESTAMP, DECRYPTION_FAILED, APPID_MISMATCH, ENCRYPTION_REQUIRED -> HttpStatus.FORBIDDEN;
            case MISSING_PARAMETER, MALFORMED_XML, FORBIDDEN_DTD, ENCRYPTION_NOT_CONFIGURED -> HttpStatus.BAD_REQUEST;
        };
        log.warn("callback refused: {}", e.getMessage());
        meters.counter("wxqr.callbacks", "outcome", "rejected", "type", e.reason().name()).increment();
        return ResponseEntity.status(status).contentType(TEXT).body(e.reason().name());
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        return in.readNBytes(limit);
    }
}
