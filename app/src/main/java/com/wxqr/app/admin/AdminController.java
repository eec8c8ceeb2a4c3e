package com.wxqr.app.admin;

import com.wxqr.app.login.LoginCode;
import com.wxqr.app.login.LoginCodeView;
import com.wxqr.app.login.LoginCodes;
import com.wxqr.app.login.Sessions;
import com.wxqr.app.profile.WeChatUsers;
import com.wxqr.app.web.Texts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The admin area's pages: logging in, the first admin's setup, the funnel and trends (the home
 * page) with its JSON, the admins and the audit list. Leads and channels have their own controllers.
 */
@Controller
class AdminController {
    static final int PAGE_SIZE = 20;

    private final LoginCodes loginCodes;
    private final Sessions sessions;
    private final Admins admins;
    private final AdminSetup setup;
    private final Audit audit;
    private final Funnel funnel;
    private final WeChatUsers users;
    private final TransactionTemplate transactions;
    private final Texts texts;
    private final Clock clock;
    private final ZoneId zone;

    AdminController(
            LoginCodes loginCodes,
            Sessions sessions,
            Admins admins,
            AdminSetup setup,
            Audit audit,
            Funnel funnel,
            WeChatUsers users,
            TransactionTemplate transactions,
            Texts texts,
            Clock clock,
            ZoneId zone) {
        this.loginCodes = loginCodes;
        this.sessions = sessions;
        this.admins = admins;
        this.setup = setup;
        this.audit = audit;
        this.funnel = funnel;
        this.users = users;
        this.transactions = transactions;
        this.texts = texts;
        this.clock = clock;
        this.zone = zone;
    }

    @GetMapping("/admin/login")
    String login(HttpServletRequest request, HttpServletResponse response, Model model) {
        if (sessions.adminOpenid(request).filter(admins::isAdmin).isPresent()) {
            return "redirect:/admin";
        }
        // a visitor's login (我的报价) never opens the admin area, even for an admin's WeChat
        model.addAttribute("notAdmin", sessions.openid(request).isPresent());
        model.addAttribute("noAdminYet", !admins.any());
        LoginCodeView.show(loginCodes, LoginCode.Purpose.ADMIN, null, request, response, model);
        return "admin/login";
    }

    @GetMapping("/admin/setup")
    String setupForm(Model model) {
        setup.renewIfExpired();
        model.addAttribute("done", admins.any());
        return "admin/setup";
    }

    /** The setup code typed: when it works, this very answer shows the code to scan (never a GET). */
    @PostMapping("/admin/setup")
    String setup(
            @RequestParam(required = false) String code,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("done", admins.any());
        if (!setup.accepts(code)) {
            model.addAttribute("error", admins.any() ? "admin.setup.done" : "admin.setup.wrong");
            response.setStatus(400);
            return "admin/setup";
        }
        LoginCodeView.show(loginCodes, LoginCode.Purpose.SETUP, null, request, response, model);
        return "login/page";
    }

    @GetMapping("/admin")
    String home(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        model.addAttribute("nav", "funnel");
        DateRange range = DateRange.parse(from, to, LocalDate.now(clock.withZone(zone)));
        model.addAttribute("range", range);
        model.addAttribute("figures", funnel.figures(range.from(), range.to(), stageNames()));
        return "admin/funnel";
    }

    @GetMapping(value = "/admin/api/funnel", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Funnel.Figures> funnelJson(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        DateRange range = DateRange.parse(from, to, LocalDate.now(clock.withZone(zone)));
        return ResponseEntity.ok(funnel.figures(range.from(), range.to(), stageNames()));
    }

    @GetMapping("/admin/admins")
    String adminList(
            @RequestParam(required = false) String done,
            @AuthenticationPrincipal String me,
            HttpServletRequest request,
            Model model) {
        model.addAttribute("nav", "admins");
        model.addAttribute("admins", admins.list());
        model.addAttribute("me", me);
        model.addAttribute(
                "invitations",
                loginCodes.pendingInvitations(me).stream()
                        .map(c -> new Invitation(
                                c.sceneStr(),
                                users.profile(c.openid()).nickname(),
                                LocalDateTime.ofInstant(c.scannedAt(), zone)))
                        .toList());
        model.addAttribute(
                "sessions",
                sessions.of(me, request).stream()
                        .map(e -> new SessionRow(
                                LocalDateTime.ofInstant(e.createdAt(), zone),
                                LocalDateTime.ofInstant(e.lastSeenAt(), zone),
                                e))
                        .toList());
        model.addAttribute(
                "done",
                done == null
                        ? null
                        : switch (done) {
                            case "removed" -> "admin.admins.removed";
                            case "self" -> "admin.admins.notSelf";
                            case "gone" -> "admin.admins.gone";
                            case "last" -> "admin.admins.last";
                            case "approved" -> "admin.admins.approved";
                            case "declined" -> "admin.admins.declined";
                            case "undecidable" -> "admin.admins.undecidable";
                            default -> null;
                        });
        return "admin/admins";
    }

    /** A scanned invitation as the inviter sees it: who scanned (nickname when known) and when. */
    record Invitation(String scene, String nickname, LocalDateTime scannedAt) {}

    /** One of my sessions, times in the site's zone. */
    record SessionRow(LocalDateTime createdAt, LocalDateTime lastSeenAt, Sessions.Entry entry) {}

    /** Shows an invitation code: its first scanner is named here, and becomes an admin once the inviter approves. */
    @PostMapping("/admin/admins/invite")
    String invite(
            @AuthenticationPrincipal String me, HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("nav", "admins");
        LoginCodeView.show(loginCodes, LoginCode.Purpose.INVITE, me, request, response, model);
        audit.record(me, "admin.invite", null);
        return "login/page";
    }

    /**
     * The inviter approves ({@code approve=true}) or declines the first scanner of their invitation,
     * once: concurrent approvals of one invitation make one admin.
     */
    @PostMapping("/admin/admins/invitations/{scene}")
    String decideInvitation(
            @PathVariable String scene,
            @RequestParam(defaultValue = "false") boolean approve,
            @AuthenticationPrincipal String me) {
        String done = transactions.execute(s -> {
            LoginCode code = loginCodes.decideInvitation(scene, me, approve).orElse(null);
            if (code == null) {
                return "undecidable";
            }
            if (!approve) {
                audit.record(me, "admin.decline", null);
                return "declined";
            }
            if (admins.add(code.openid(), me)) {
                long id = admins.list().stream()
                        .filter(a -> a.openid().equals(code.openid()))
                        .findFirst()
                        .orElseThrow()
                        .id();
                audit.record(me, "admin.add", "管理员 #" + id);
            }
            return "approved";
        });
        return "redirect:/admin/admins?done=" + done;
    }

    /** Ends every session of mine, this browser's too (sign out everywhere). */
    @PostMapping("/admin/sessions/end-all")
    String signOutEverywhere(@AuthenticationPrincipal String me) {
        int ended = sessions.endAll(me);
        audit.record(me, "sessions.endAll", ended + " 个会话");
        return "redirect:/admin/login";
    }

    @PostMapping("/admin/admins/{id}/remove")
    String remove(@PathVariable long id, @AuthenticationPrincipal String me) {
        Admins.Admin admin = admins.byId(id).orElse(null);
        if (admin == null) {
            return "redirect:/admin/admins?done=gone";
        }
        switch (admins.remove(id, me)) {
            case GONE -> {
                return "redirect:/admin/admins?done=gone";
            }
            case SELF -> {
                return "redirect:/admin/admins?done=self";
            }
            case LAST -> {
                return "redirect:/admin/admins?done=last";
            }
            case REMOVED -> {}
        }
        sessions.endAll(admin.openid());
        audit.record(me, "admin.remove", "管理员 #" + id + (admin.nickname() == null ? "" : "（" + admin.nickname() + "）"));
        return "redirect:/admin/admins?done=removed";
    }

    @GetMapping("/admin/audit")
    String auditList(@RequestParam(defaultValue = "1") String page, Model model) {
        model.addAttribute("nav", "audit");
        int p = Paging.page(page);
        model.addAttribute("entries", audit.latest(PAGE_SIZE, (p - 1) * PAGE_SIZE));
        model.addAttribute("paging", new Paging(p, PAGE_SIZE, audit.count()));
        return "admin/audit";
    }

    Map<Leads.Stage, String> stageNames() {
        Map<Leads.Stage, String> names = new EnumMap<>(Leads.Stage.class);
        for (Leads.Stage s : Leads.Stage.values()) {
            names.put(s, texts.text(s.messageKey()));
        }
        return names;
    }
}
