package com.example.analytics;

import com.example.events.PageViewed;
import org.springframework.kafka.annotation.KafkaListener;

public class AnalyticsListener {

    @KafkaListener(topics = Topics.PAGE_VIEWS)
    public void onPageViewed(PageViewed event) {}
}
