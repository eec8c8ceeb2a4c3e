package com.wxqr.app.admin;

import com.wxqr.app.web.Texts;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The leads list ({@code /admin/leads}) with its filters and paging, and its CSV export. */
@Controller
class LeadsController {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** The export's limit: far more than a list page, bounded so one request cannot exhaust memory. */
    static final int CSV_MAX_ROWS = 100_000;

    private final Leads leads;
    private final Funnel funnel;
    private final Audit audit;
    private final Texts texts;
    private final Clock clock;
    private final ZoneId zone;

    LeadsController(Leads leads, Funnel funnel, Audit audit, Texts texts, Clock clock, ZoneId zone) {
        this.leads = leads;
        this.funnel = funnel;
        this.audit = audit;
        this.texts = texts;
        this.clock = clock;
        this.zone = zone;
    }

    @GetMapping("/admin/leads")
    String list(LeadsQuery query, @RequestParam(defaultValue = "1") String page, Model model) {
        model.addAttribute("nav", "leads");
        model.addAttribute("stages", Leads.Stage.values());
        model.addAttribute("channels", leads.channels());
        model.addAttribute("zone", zone);
        Leads.Filter filter = filter(query);
        int p = Paging.page(page);
        model.addAttribute("range", DateRange.parse(query.from(), query.to(), today()));
        model.addAttribute(
                "stage",
                filter.stage() == null ? "" : String.valueOf(filter.stage().number()));
        model.addAttribute("channel", filter.channel() == null ? "" : filter.channel());
        model.addAttribute(
                "leads",
                leads.find(filter, (p - 1) * AdminController.PAGE_SIZE, AdminController.PAGE_SIZE).stream()
                        .map(l -> new Row(l, LocalDateTime.ofInstant(l.createdAt(), zone)))
                        .toList());
        model.addAttribute("paging", new Paging(p, AdminController.PAGE_SIZE, leads.count(filter)));
        return "admin/leads";
    }

    /**
     * The filter as typed in the leads page's query string, each part optional: the dates
     * ({@code yyyy-MM-dd}, see {@link DateRange}), the stage's number and the channel's name.
     */
    record LeadsQuery(String from, String to, String stage, String channel) {}

    /** One lead with its time in the admin's zone. */
    record Row(Leads.Lead lead, LocalDateTime createdAt) {}

    /** The filtered leads as CSV, UTF-8 with a BOM so that Excel reads the Chinese right. */
    @GetMapping("/admin/leads.csv")
    void csv(LeadsQuery query, @AuthenticationPrincipal String me, HttpServletResponse response) throws IOException {
        Leads.Filter filter = filter(query);
        List<Leads.Lead> rows = leads.find(filter, 0, CSV_MAX_ROWS);
        DateRange range = DateRange.parse(query.from(), query.to(), today());
        audit.record(me, "leads.export", range.from() + " ~ " + range.to() + "，" + rows.size() + " 条");
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename("leads-" + range.from() + "-" + range.to() + ".csv")
                        .build()
                        .toString());
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        out.write('\uFEFF');
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.EXCEL)) {
            csv.printRecord(
                    label("admin.leads.time"),
                    label("admin.leads.id"),
                    label("quote.usableArea"),
                    label("quote.layout"),
                    label("quote.grade"),
                    label("quote.total"),
                    label("admin.leads.channel"),
                    label("admin.leads.stage"),
                    label("admin.leads.nickname"),
                    label("admin.leads.follower"),
                    label("admin.leads.unfollowed"));
            for (Leads.Lead l : rows) {
                csv.printRecord(
                        TIME.format(LocalDateTime.ofInstant(l.createdAt(), zone)),
                        l.publicId(),
                        l.usableArea().toPlainString(),
                        label("layout." + l.layout()),
                        label("grade." + l.grade()),
                        l.total().toPlainString(),
                        l.channel(),
                        label(l.stage().messageKey()),
                        l.nickname() == null ? "" : l.nickname(),
                        l.scannedAs() == null ? "" : label("admin.follower." + l.scannedAs()),
                        l.unfollowed() ? label("admin.yes") : "");
            }
        }
    }

    private Leads.Filter filter(LeadsQuery query) {
        DateRange range = DateRange.parse(query.from(), query.to(), today());
        Instant start = funnel.startOf(range.from());
        Instant end = funnel.startOf(range.to().plusDays(1));
        return new Leads.Filter(
                start,
                end,
                stage(query.stage()),
                query.channel() == null || query.channel().isBlank()
                        ? null
                        : query.channel().strip());
    }

    private static Leads.Stage stage(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(typed.strip());
            if (n >= 1 && n <= Leads.Stage.values().length) {
                return Leads.Stage.of(n);
            }
        } catch (NumberFormatException e) {
            // the sentence below
        }
        throw new BadInputException("请从列表中选择阶段");
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /** A column or value label; a value without one (say, a grade no longer priced) shows as it is. */
    private String label(String key) {
        return texts.labelOrKey(key);
    }
}
