package dev.eventcontracts.spring.samples;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Where a sample listener records the parcels it stored. */
public interface ParcelStore {

    /** Records the parcel; false when it was recorded before (the event is a repeat). */
    boolean add(String parcelId);

    /** A record in the listener instance's memory: lost on a restart, unseen by other instances. */
    static ParcelStore inMemory() {
        Set<String> stored = ConcurrentHashMap.newKeySet();
        return stored::add;
    }
}
