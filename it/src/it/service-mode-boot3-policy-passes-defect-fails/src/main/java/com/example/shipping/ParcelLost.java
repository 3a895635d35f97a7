package com.example.shipping;

/** A parcel reported lost. */
public record ParcelLost(String parcelId, String reason) {}
