package com.wxqr.mp;

public record Article(String title, String description, String picUrl, String url) {}
