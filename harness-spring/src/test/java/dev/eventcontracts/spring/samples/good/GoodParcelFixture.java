package dev.eventcontracts.spring.samples.good;

import dev.eventcontracts.spring.ServiceFixture;
import dev.eventcontracts.spring.samples.ParcelListener;
import dev.eventcontracts.spring.samples.ParcelScanned;
import java.util.List;

/** A parcel with a negative weight: the listener's own validation refuses it. */
public class GoodParcelFixture implements ServiceFixture<ParcelListener> {

    @Override
    public List<?> poisonSamples() {
        return List.of(new ParcelScanned("parcel-invalid", "depot-1", -5));
    }
}
