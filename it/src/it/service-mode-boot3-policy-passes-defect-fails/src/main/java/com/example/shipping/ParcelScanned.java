package com.example.shipping;

/** A parcel scanned at a depot. */
public record ParcelScanned(String parcelId, String depot) {}
