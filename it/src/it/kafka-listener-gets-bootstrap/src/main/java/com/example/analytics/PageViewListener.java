package com.example.analytics;

import org.springframework.kafka.annotation.KafkaListener;

public class PageViewListener {

    @KafkaListener(topics = "page-views")
    public void onPageViewed(PageViewed event) {}
}
