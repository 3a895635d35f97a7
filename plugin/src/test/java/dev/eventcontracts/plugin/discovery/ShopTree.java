package dev.eventcontracts.plugin.discovery;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** The small source tree under src/test/resources/shop and the request that discovers it. */
public final class ShopTree {

    private ShopTree() {}

    public static Path root() {
        try {
            return Path.of(ShopTree.class.getResource("/shop").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Main and test sources, the Avro jar and the runtime classes on the classpath, the avro directory. */
    public static DiscoveryRequest request() {
        Path root = root();
        return new DiscoveryRequest(
                List.of(root.resolve("main/java")),
                List.of(root.resolve("test/java")),
                List.of(
                        location(org.apache.avro.specific.SpecificRecordBase.class),
                        location(dev.eventcontracts.junit.ConsumerFixture.class)),
                List.of(root.resolve("avro")));
    }

    static Path location(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
