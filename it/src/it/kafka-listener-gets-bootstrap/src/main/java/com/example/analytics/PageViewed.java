package com.example.analytics;

public class PageViewed {
    public String page;
}
