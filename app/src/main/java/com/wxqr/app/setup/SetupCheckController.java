package com.wxqr.app.setup;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /admin/check} (接入检查): runs the {@link SetupCheck} and shows its findings; admins only. */
@Controller
class SetupCheckController {
    private final SetupCheck check;

    SetupCheckController(SetupCheck check) {
        this.check = check;
    }

    @GetMapping("/admin/check")
    String check(Model model) {
        model.addAttribute("nav", "check");
        model.addAttribute("findings", check.run());
        return "admin/check";
    }
}
