package com.wxqr.app.admin;

import com.wxqr.app.login.LoginCode;
import com.wxqr.app.login.LoginCodeView;
import com.wxqr.app.login.LoginCodes;
import com.wxqr.app.login.Sessions;
import com.wxqr.app.web.Texts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
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
            Texts texts,
            Clock clock,
            ZoneId zone) {
        this.loginCodes = loginCodes;
        this.sessions = sessions;
        this.admins = admins;
        this.setup = setup;
        this.audit = audit;
        this.funnel = funnel;
        this.texts = texts;
        this.clock = clock;
        this.zone = zone;
    }

    @GetMapping("/admin/login")
    String login(HttpServletRequest request, HttpServletResponse response, Model model) {
        String openid = sessions.openid(request).orElse(null);
        if (openid != null && admins.isAdmin(openid)) {
            return "redirect:/admin";
        }
        model.addAttribute("notAdmin", openid != null);
        model.addAttribute("noAdminYet", !admins.any());
        LoginCodeView.show(loginCodes, LoginCode.Purpose.ADMIN, null, request, response, model);
        return "admin/login";
    }

    @GetMapping("/admin/setup")
    String setupForm(Model model) {
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
    String adminList(@RequestParam(required = false) String done, @AuthenticationPrincipal String me, Model model) {
        model.addAttribute("nav", "admins");
        model.addAttribute("admins", admins.list());
        model.addAttribute("me", me);
        model.addAttribute(
                "done",
                done == null
                        ? null
                        : switch (done) {
                            case "removed" -> "admin.admins.removed";
                            case "self" -> "admin.admins.notSelf";
                            case "gone" -> "admin.admins.gone";
                            default -> null;
                        });
        return "admin/admins";
    }

    /** Shows an invitation code: whoever scans it becomes an admin. */
    @PostMapping("/admin/admins/invite")
    String invite(
            @AuthenticationPrincipal String me, HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("nav", "admins");
        LoginCodeView.show(loginCodes, LoginCode.Purpose.INVITE, me, request, response, model);
        audit.record(me, "admin.invite", null);
        return "login/page";
    }

    @PostMapping("/admin/admins/{id}/remove")
    String remove(@PathVariable long id, @AuthenticationPrincipal String me) {
        Admins.Admin admin = admins.byId(id).orElse(null);
        if (admin == null) {
            return "redirect:/admin/admins?done=gone";
        }
        if (admin.openid().equals(me)) {
            return "redirect:/admin/admins?done=self";
        }
        admins.remove(id);
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
