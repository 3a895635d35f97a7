package com.example.analytics;

public final class Topics {
    public static final String PAGE_VIEWS = "analytics.page-views";

    private Topics() {}
}
