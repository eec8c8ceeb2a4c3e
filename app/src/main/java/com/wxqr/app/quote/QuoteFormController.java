package com.wxqr.app.quote;

import com.wxqr.app.channel.LandingSource;
import com.wxqr.app.web.ClientAddress;
import com.wxqr.app.web.RateLimiter;
import com.wxqr.app.web.RefusedRequests;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.Arrays;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The quote form: GET shows it, POST prices and stores the quote and redirects to its scan page.
 * Posts are rate-limited per client address ({@code wxqr.form.*}); one over the limit gets the
 * form back with a sentence and 429, and stores nothing.
 */
@Controller
class QuoteFormController {
    private final Quotes quotes;
    private final PriceTable priceTable;
    private final RateLimiter rateLimiter;
    private final FormProperties properties;
    private final RefusedRequests refused;
    private final LandingSource landingSource;

    QuoteFormController(
            Quotes quotes,
            PriceTable priceTable,
            RateLimiter rateLimiter,
            FormProperties properties,
            RefusedRequests refused,
            LandingSource landingSource) {
        this.quotes = quotes;
        this.priceTable = priceTable;
        this.rateLimiter = rateLimiter;
        this.properties = properties;
        this.refused = refused;
        this.landingSource = landingSource;
    }

    @ModelAttribute
    void choices(Model model) {
        model.addAttribute("layouts", Arrays.asList(Layout.values()));
        model.addAttribute("grades", priceTable.grades());
    }

    @GetMapping("/")
    String form(Model model) {
        model.addAttribute("quoteForm", QuoteForm.empty());
        return "quote/form";
    }

    @PostMapping("/quotes")
    ModelAndView create(
            @Valid @ModelAttribute("quoteForm") QuoteForm form, BindingResult result, HttpServletRequest request) {
        if (!rateLimiter.tryAcquire(properties.bucket(), ClientAddress.of(request))) {
            refused.refused("form-rate-limit", "POST /quotes over wxqr.form.rate-limit");
            ModelAndView tooMany = new ModelAndView("quote/form", HttpStatus.TOO_MANY_REQUESTS);
            tooMany.addObject("formProblem", "form.tooMany");
            return tooMany;
        }
        QuoteFormCheck.check(form, priceTable, result);
        if (result.hasErrors()) {
            return new ModelAndView("quote/form");
        }
        Quote quote = quotes.create(
                form.usableArea(),
                Layout.fromCode(form.layout()).orElseThrow(),
                form.grade(),
                landingSource.remembered(request).orElse(null));
        return new ModelAndView("redirect:/quotes/" + quote.publicId());
    }
}
