package com.wxqr.app.quote;

import com.wxqr.app.channel.LandingSource;
import com.wxqr.app.scan.QrCode;
import com.wxqr.app.scan.QrCodes;
import com.wxqr.app.web.ClientAddress;
import com.wxqr.app.web.NotFoundException;
import com.wxqr.app.web.PublicUrl;
import com.wxqr.app.web.RefusedRequests;
import com.wxqr.app.web.Texts;
import com.wxqr.mp.api.WeChatException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The JSON API the page uses: create a quote with its QR code, read it (the polling fallback),
 * follow it over SSE, and ask for a new code once the old one expired.
 */
@RestController
class QuoteApiController {
    private final Quotes quotes;
    private final PriceTable priceTable;
    private final QrCodes qrCodes;
    private final ScanStatuses statuses;
    private final ProgressBroadcaster broadcaster;
    private final PublicUrl publicUrl;
    private final Texts texts;
    private final Clock clock;
    private final RefusedRequests refused;
    private final LandingSource landingSource;

    QuoteApiController(
            Quotes quotes,
            PriceTable priceTable,
            QrCodes qrCodes,
            ScanStatuses statuses,
            ProgressBroadcaster broadcaster,
            PublicUrl publicUrl,
            Texts texts,
            Clock clock,
            RefusedRequests refused,
            LandingSource landingSource) {
        this.quotes = quotes;
        this.priceTable = priceTable;
        this.qrCodes = qrCodes;
        this.statuses = statuses;
        this.broadcaster = broadcaster;
        this.publicUrl = publicUrl;
        this.texts = texts;
        this.clock = clock;
        this.refused = refused;
        this.landingSource = landingSource;
    }

    @PostMapping("/api/quotes")
    ResponseEntity<?> create(@Valid @RequestBody QuoteForm form, BindingResult result, HttpServletRequest request) {
        QuoteFormCheck.check(form, priceTable, result);
        if (result.hasErrors()) {
            return ResponseEntity.badRequest().body(errors(result));
        }
        String client = ClientAddress.of(request);
        if (!qrCodes.hasRoom(client)) {
            return tooMany();
        }
        Quote quote = quotes.create(
                form.usableArea(),
                Layout.fromCode(form.layout()).orElseThrow(),
                form.grade(),
                landingSource.remembered(request).orElse(null));
        QrView qr = null;
        String problem = null;
        try {
            qr = QrView.of(qrCodes.issue(quote.publicId(), client), clock.instant());
        } catch (QrCodes.TooManyQrCodesException e) {
            problem = texts.text("scan.tooMany");
        } catch (WeChatException e) {
            problem = texts.text("scan.unavailable");
        }
        return ResponseEntity.created(URI.create("/api/quotes/" + quote.publicId()))
                .body(json(quote, qr, problem));
    }

    @GetMapping("/api/quotes/{publicId}")
    QuoteJson read(@PathVariable String publicId) {
        Quote quote = quotes.find(publicId).orElseThrow(NotFoundException::new);
        QrView qr =
                qrCodes.latest(publicId).map(c -> QrView.of(c, clock.instant())).orElse(null);
        return json(quote, qr, null);
    }

    /**
     * The live status. 429 when this client or this instance holds as many streams as allowed, 503
     * while the instance stops: the page then polls {@code GET /api/quotes/{publicId}} instead.
     */
    @GetMapping(value = "/api/quotes/{publicId}/events", produces = "text/event-stream")
    ResponseEntity<SseEmitter> events(@PathVariable String publicId, HttpServletRequest request) {
        try {
            return ResponseEntity.ok(
                    broadcaster.subscribe(publicId, ClientAddress.of(request)).orElseThrow(NotFoundException::new));
        } catch (ProgressBroadcaster.StreamRefusedException e) {
            HttpStatus status = e.reason() == ProgressBroadcaster.StreamRefusedException.Reason.STOPPING
                    ? HttpStatus.SERVICE_UNAVAILABLE
                    : HttpStatus.TOO_MANY_REQUESTS;
            return ResponseEntity.status(status)
                    .header(HttpHeaders.RETRY_AFTER, "30")
                    .build();
        }
    }

    /** A new code when the latest expired (or none exists); the valid one otherwise. */
    @PostMapping("/api/quotes/{publicId}/qr")
    ResponseEntity<?> renew(@PathVariable String publicId, HttpServletRequest request) {
        if (quotes.find(publicId).isEmpty()) {
            throw new NotFoundException();
        }
        try {
            QrCode code = qrCodes.validOrNew(publicId, ClientAddress.of(request));
            broadcaster.publish(publicId);
            return ResponseEntity.ok(QrView.of(code, clock.instant()));
        } catch (QrCodes.TooManyQrCodesException e) {
            return tooMany();
        } catch (WeChatException e) {
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
                    .body(Map.of("message", texts.text("scan.unavailable")));
        }
    }

    private QuoteJson json(Quote quote, QrView qr, String problem) {
        return QuoteJson.of(
                quote,
                publicUrl.resolve("/q/" + quote.publicId()).toString(),
                statuses.of(quote.publicId()).orElseThrow(),
                qr,
                problem);
    }

    private ResponseEntity<?> tooMany() {
        refused.refused("qr-rate-limit", "a new QR code over wxqr.qr.rate-limit");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).body(Map.of("message", texts.text("scan.tooMany")));
    }

    private Map<String, Object> errors(BindingResult result) {
        Map<String, String> fields =
                result.getFieldErrors().stream().collect(Collectors.toMap(e -> e.getField(), texts::text, (a, b) -> a));
        return Map.of("message", texts.text("api.invalid"), "fields", fields);
    }
}
