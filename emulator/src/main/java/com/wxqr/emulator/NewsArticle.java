package com.wxqr.emulator;

/** One news card (图文) as the user sees it in the chat. */
public record NewsArticle(String title, String description, String url, String picurl) {}
