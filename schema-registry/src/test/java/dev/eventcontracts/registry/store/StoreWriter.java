package dev.eventcontracts.registry.store;

import dev.eventcontracts.registry.testing.Avsc;
import java.nio.file.Path;

/**
 * A second process writing to a file store: {@code StoreWriter DIR PREFIX COUNT}. Registers COUNT
 * subjects {@code PREFIX-i} (forever when COUNT is negative) and adds one version per subject to
 * the shared subject {@code shared}. Prints {@code ready} before the first write and {@code done
 * N} at the end.
 */
public final class StoreWriter {

    private StoreWriter() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        try (RegistryStore store = RegistryStore.open(dir)) {
            System.out.println("ready");
            System.out.flush();
            int i = 0;
            while (count < 0 || i < count) {
                store.create(
                        null, prefix + "-" + i, "AVRO", NewVersion.of(Avsc.numbered("Event", i)), IfExists.FAIL, false);
                store.create(null, "shared", "AVRO", NewVersion.of(Avsc.numbered(prefix, i)), IfExists.UPDATE, false);
                i++;
                if (count < 0) {
                    System.out.println("wrote " + i);
                    System.out.flush();
                }
            }
            System.out.println("done " + i);
        }
    }
}
