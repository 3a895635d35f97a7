package com.example.events;

/** A hand-written payload whose schema lives in avro/page-viewed.avsc. */
public class PageViewed {
    public String page;
}
