package com.example.analytics;

import dev.eventcontracts.junit.ConsumerFixture;
import dev.eventcontracts.junit.ContractContext;

public class AnalyticsFixture implements ConsumerFixture<AnalyticsListener> {
    @Override
    public AnalyticsListener create(ContractContext context) {
        return new AnalyticsListener();
    }
}
