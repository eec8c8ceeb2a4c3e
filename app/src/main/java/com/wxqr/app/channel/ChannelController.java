package com.wxqr.app.channel;

import com.wxqr.app.admin.Audit;
import com.wxqr.app.scan.QrImage;
import com.wxqr.app.web.NotFoundException;
import com.wxqr.mp.api.WeChatException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The admin's channel codes ({@code /admin/channels}): create, list with counts, download as PNG. */
@Controller
class ChannelController {
    private static final Logger log = LoggerFactory.getLogger(ChannelController.class);

    private final Channels channels;
    private final Audit audit;
    private final ZoneId zone;

    ChannelController(Channels channels, Audit audit, ZoneId zone) {
        this.channels = channels;
        this.audit = audit;
        this.zone = zone;
    }

    @GetMapping("/admin/channels")
    String list(@RequestParam(required = false) String created, Model model) {
        model.addAttribute("created", created != null);
        return page(model, "", "", null);
    }

    @PostMapping("/admin/channels")
    String create(
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String welcome,
            @AuthenticationPrincipal String me,
            jakarta.servlet.http.HttpServletResponse response,
            Model model) {
        String n = name == null ? "" : name.strip();
        String w = welcome == null ? "" : welcome.strip();
        String error = n.isEmpty()
                ? "admin.channels.nameRequired"
                : n.length() > Channels.MAX_NAME
                        ? "admin.channels.nameTooLong"
                        : w.isEmpty()
                                ? "admin.channels.welcomeRequired"
                                : w.length() > Channels.MAX_WELCOME
                                        ? "admin.channels.welcomeTooLong"
                                        : channels.nameTaken(n) ? "admin.channels.nameTaken" : null;
        if (error != null) {
            response.setStatus(400);
            return page(model, n, w, error);
        }
        try {
            Channels.Channel channel = channels.create(n, w);
            audit.record(me, "channel.create", channel.name());
        } catch (WeChatException e) {
            log.warn("channel code not created: {}", e.getMessage());
            return page(model, n, w, "admin.channels.unavailable");
        }
        return "redirect:/admin/channels?created";
    }

    private String page(Model model, String name, String welcome, String error) {
        model.addAttribute("nav", "channels");
        model.addAttribute(
                "channels",
                channels.listWithCounts().stream()
                        .map(c -> new Row(c, LocalDateTime.ofInstant(c.channel().createdAt(), zone)))
                        .toList());
        model.addAttribute("name", name);
        model.addAttribute("welcome", welcome);
        model.addAttribute("error", error);
        return "admin/channels";
    }

    record Row(Channels.WithCounts counts, LocalDateTime createdAt) {}

    @GetMapping(value = "/admin/channels/{id}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> png(@PathVariable long id) {
        Channels.Channel channel = channels.byId(id).orElseThrow(NotFoundException::new);
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_PNG)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("channel-" + id + ".png")
                                .build()
                                .toString())
                .body(QrImage.png(channel.url(), 860));
    }
}
