package com.wxqr.app.quote;

import com.wxqr.app.scan.QrCode;
import com.wxqr.app.scan.QrCodes;
import com.wxqr.app.scan.QrImage;
import com.wxqr.app.scan.QrProperties;
import com.wxqr.app.web.ClientAddress;
import com.wxqr.app.web.NotFoundException;
import com.wxqr.app.web.PublicUrl;
import com.wxqr.mp.api.WeChatException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page of a quote: the quote, its QR code and the live status. A reload reuses a valid code;
 * the first view creates one; an expired one waits for the visitor to ask for a new one. How the
 * page asks for the code to reach WeChat depends on where it is shown ({@link VisitorDevice}):
 * scanned from a PC screen, long-pressed inside WeChat, or saved and picked from the album.
 */
@Controller
class ScanPageController {
    private static final Logger log = LoggerFactory.getLogger(ScanPageController.class);

    private final Quotes quotes;
    private final QrCodes qrCodes;
    private final ScanStatuses statuses;
    private final PublicUrl publicUrl;
    private final Clock clock;
    private final QrProperties properties;

    ScanPageController(
            Quotes quotes,
            QrCodes qrCodes,
            ScanStatuses statuses,
            PublicUrl publicUrl,
            Clock clock,
            QrProperties properties) {
        this.quotes = quotes;
        this.qrCodes = qrCodes;
        this.statuses = statuses;
        this.publicUrl = publicUrl;
        this.clock = clock;
        this.properties = properties;
    }

    @GetMapping("/quotes/{publicId}")
    String page(
            @PathVariable String publicId,
            @RequestHeader(value = HttpHeaders.USER_AGENT, required = false) String userAgent,
            HttpServletRequest request,
            Model model) {
        Quote quote = quotes.find(publicId).orElseThrow(NotFoundException::new);
        model.addAttribute("quote", quote);
        model.addAttribute("pageUrl", publicUrl.resolve("/q/" + publicId));
        model.addAttribute("device", VisitorDevice.of(userAgent).key());
        // the link a phone visitor copies to open this page inside WeChat and long-press the code there
        model.addAttribute("scanPageUrl", publicUrl.resolve("/quotes/" + publicId));
        model.addAttribute("downloadName", downloadName(publicId));
        model.addAttribute("followHintAfterMillis", properties.followHintAfter().toMillis());
        try {
            QrCode code = qrCodes.latest(publicId)
                    .filter(c -> !c.isValidAt(clock.instant()))
                    .orElseGet(() -> qrCodes.validOrNew(publicId, ClientAddress.of(request)));
            model.addAttribute("qr", QrView.of(code, clock.instant()));
        } catch (QrCodes.TooManyQrCodesException e) {
            model.addAttribute("qrProblem", "scan.tooMany");
        } catch (WeChatException e) {
            log.warn("QR code for a quote not created: {}", e.getMessage());
            model.addAttribute("qrProblem", "scan.unavailable");
        }
        model.addAttribute("status", statuses.of(publicId).orElseThrow());
        return "quote/page";
    }

    /** The code's PNG; with {@code download=true} as an attachment named for the quote (保存二维码 on a phone). */
    @GetMapping(value = "/quotes/{publicId}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> image(
            @PathVariable String publicId, @RequestParam(defaultValue = "false") boolean download) {
        QrCode code = qrCodes.latest(publicId).orElseThrow(NotFoundException::new);
        ResponseEntity.BodyBuilder response =
                ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_PNG);
        if (download) {
            response.header(
                    HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment()
                            .filename(downloadName(publicId))
                            .build()
                            .toString());
        }
        return response.body(QrImage.png(code.url(), 430));
    }

    /** The file name a saved code gets (the page's {@code download} attribute says the same). */
    static String downloadName(String publicId) {
        return "wechat-qr-quote-" + publicId + ".png";
    }
}
