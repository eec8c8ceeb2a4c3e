package com.wxqr.app.followup;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** 联系客户 on a lead: {@code /admin/leads/{id}/contact} shows the ways open now and the attempts; a POST sends. */
@Controller
class FollowupController {
    private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private final FollowUp followUp;
    private final MessageSource messages;
    private final ZoneId zone;

    FollowupController(FollowUp followUp, MessageSource messages, ZoneId zone) {
        this.followUp = followUp;
        this.messages = messages;
        this.zone = zone;
    }

    /** One attempt as the page shows it: WeChat's answer in words. */
    record Row(LocalDateTime at, String kind, String content, int errcode, boolean delivered, String outcome) {}

    @GetMapping("/admin/leads/{id}/contact")
    String page(@PathVariable String id, @RequestParam(required = false) String done, Model model) {
        FollowUp.Lead lead = lead(id);
        model.addAttribute(
                "done",
                "sent".equals(done) ? "followup.done.sent" : "refused".equals(done) ? "followup.done.refused" : null);
        return show(lead, model, null, "");
    }

    @PostMapping("/admin/leads/{id}/contact")
    String send(
            @PathVariable String id,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String text,
            @AuthenticationPrincipal String me,
            HttpServletResponse response,
            Model model) {
        FollowUp.Lead lead = lead(id);
        FollowUp.Kind k;
        try {
            k = FollowUp.Kind.valueOf(kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return show(lead, model, "followup.error.kind", text);
        }
        ContactAttempts.Attempt attempt;
        try {
            attempt = followUp.send(lead, me, k, text);
        } catch (IllegalArgumentException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return show(lead, model, e.getMessage(), text);
        }
        return "redirect:/admin/leads/" + lead.publicId() + "/contact?done="
                + (attempt.delivered() ? "sent" : "refused");
    }

    private FollowUp.Lead lead(String id) {
        return followUp.lead(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private String show(FollowUp.Lead lead, Model model, String error, String text) {
        FollowUp.Options options = followUp.options(lead);
        model.addAttribute("nav", "leads");
        model.addAttribute("lead", lead);
        model.addAttribute("options", options);
        model.addAttribute(
                "windowCloses",
                local(options.window() == null ? null : options.window().closes()));
        model.addAttribute("lastInteraction", local(options.lastInteraction()));
        model.addAttribute("error", error);
        model.addAttribute("text", text == null ? "" : text);
        model.addAttribute("maxText", FollowUp.MAX_TEXT);
        List<Row> rows = followUp.attempts(lead).stream()
                .map(a -> new Row(local(a.at()), a.kind(), a.content(), a.errcode(), a.delivered(), outcome(a)))
                .toList();
        model.addAttribute("attempts", rows);
        return "admin/contact";
    }

    /** 已送达, or the refusal in words: the codes of the window and the subscription have their own sentence. */
    private String outcome(ContactAttempts.Attempt a) {
        if (a.delivered()) {
            return messages.getMessage("followup.errcode.0", null, CHINESE);
        }
        String fallback = messages.getMessage(
                "followup.errcode.other",
                new Object[] {String.valueOf(a.errcode()), a.errmsg() == null ? "" : a.errmsg()},
                CHINESE);
        return messages.getMessage("followup.errcode." + a.errcode(), null, fallback, CHINESE);
    }

    private LocalDateTime local(Instant t) {
        return t == null ? null : LocalDateTime.ofInstant(t, zone);
    }
}
