package com.wxqr.app.quote;

import java.util.Arrays;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

import com.wxqr.app.channel.LandingSource;

/** The quote form: GET shows it, POST prices and stores the quote and redirects to its scan page. */
@Controller
class QuoteFormController {
    private final Quotes quotes;
    private final PriceTable priceTable;
    private final LandingSource landingSource;

    QuoteFormController(Quotes quotes, PriceTable priceTable, LandingSource landingSource) {
        this.quotes = quotes;
        this.priceTable = priceTable;
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
    String create(@Valid @ModelAttribute("quoteForm") QuoteForm form, BindingResult result, HttpServletRequest request) {
        QuoteFormCheck.check(form, priceTable, result);
        if (result.hasErrors()) {
            return "quote/form";
        }
        Quote quote = quotes.create(form.usableArea(), Layout.fromCode(form.layout()).orElseThrow(), form.grade());
        landingSource.record(quote.publicId(), request);
        return "redirect:/quotes/" + quote.publicId();
    }
}
