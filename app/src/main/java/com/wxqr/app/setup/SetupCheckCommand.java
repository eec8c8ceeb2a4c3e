package com.wxqr.app.setup;

import java.io.PrintStream;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The setup check as a command: {@code java -jar wxqr-app.jar --wxqr.check --server.port=0} (with the
 * production settings) starts the app, prints one line per finding, stops, and exits 0 when nothing
 * is wrong, 1 otherwise. Without {@code --wxqr.check} it does nothing.
 */
@Component
class SetupCheckCommand implements ApplicationRunner {
    private final SetupCheck check;
    private final ConfigurableApplicationContext context;

    SetupCheckCommand(SetupCheck check, ConfigurableApplicationContext context) {
        this.check = check;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption("wxqr.check")) {
            return;
        }
        List<SetupFinding> findings = check.run();
        print(findings, System.out);
        int code = findings.stream().allMatch(SetupFinding::ok) ? 0 : 1;
        System.exit(SpringApplication.exit(context, () -> code));
    }

    /** One line per finding: {@code [ok]}, {@code [!!]} (to fix) or {@code [console]} (to check there). */
    static void print(List<SetupFinding> findings, PrintStream out) {
        out.println("wxqr 接入检查 (setup check)");
        for (SetupFinding f : findings) {
            String mark = !f.ok() ? "[!!]" : f.kind() == SetupFinding.Kind.CONSOLE ? "[console]" : "[ok]";
            out.println(mark + " " + f.item() + ": " + f.sentence());
        }
    }
}
