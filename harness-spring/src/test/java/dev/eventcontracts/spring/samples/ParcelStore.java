package dev.eventcontracts.spring.samples;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Where a sample listener records the parcels it stored. */
public interface ParcelStore {

    /** Records the parcel; false when it was recorded before (the event is a repeat). */
    boolean add(String parcelId);

    /** Forgets the parcel (its effect failed). */
    void remove(String parcelId);

    /**
     * Records the parcel and runs {@code effect} as one step: when the effect throws, the record is
     * undone and the exception passes on. False, without running it, for a repeat.
     */
    default boolean addThen(String parcelId, Runnable effect) {
        if (!add(parcelId)) {
            return false;
        }
        try {
            effect.run();
            return true;
        } catch (RuntimeException e) {
            remove(parcelId);
            throw e;
        }
    }

    /** A record in the listener instance's memory: lost on a restart, unseen by other instances. */
    static ParcelStore inMemory() {
        Set<String> stored = ConcurrentHashMap.newKeySet();
        return new ParcelStore() {
            @Override
            public boolean add(String parcelId) {
                return stored.add(parcelId);
            }

            @Override
            public void remove(String parcelId) {
                stored.remove(parcelId);
            }
        };
    }
}
