package dev.eventcontracts.spring.samples;

/** A second event of the class-level listener sample: a JSON record. */
public record ParcelLost(String parcelId, String lastDepot) {}
