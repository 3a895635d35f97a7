package dev.eventcontracts.spring.samples;

/** The sample services' event: a JSON record. */
public record ParcelScanned(String parcelId, String depot, int weightGrams) {}
