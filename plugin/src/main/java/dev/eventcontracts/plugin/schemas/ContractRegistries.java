package dev.eventcontracts.plugin.schemas;

import dev.eventcontracts.plugin.problems.UserProblemException;
import dev.eventcontracts.registry.consumers.ContractRegistry;
import dev.eventcontracts.registry.consumers.ContractStoreException;
import dev.eventcontracts.registry.gateway.RegistryAccessException;
import dev.eventcontracts.registry.gateway.SchemaRegistryException;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Opens the consumer-contract registry ({@link ContractRegistry}) on the registry the schema goals
 * use: the same file store directory, or the same remote Apicurio Registry and credentials.
 */
public final class ContractRegistries {

    private ContractRegistries() {}

    /** The contract registry beside the selected subjects (a missing file store is created on write). */
    public static ContractRegistry open(RegistrySelection selection) {
        if (selection.remote()) {
            return ContractRegistry.remote(GatewayRegistry.remoteConfig(selection));
        }
        return ContractRegistry.fileStore(selection.directory());
    }

    /**
     * Runs a registry action, turning refusals into problems the user fixes and an unreachable
     * registry into an I/O failure.
     */
    public static <T> T call(RegistrySelection selection, Supplier<T> action) throws IOException {
        try {
            return action.get();
        } catch (RegistryAccessException e) {
            throw new UserProblemException("The registry " + selection.describe() + " refused access (HTTP "
                    + e.status() + "): " + e.getMessage() + ". Put the credentials in settings.xml"
                    + " <servers><server> with the id given in <registryServerId>.");
        } catch (ContractStoreException | IllegalArgumentException e) {
            throw new UserProblemException(e.getMessage(), e);
        } catch (SchemaRegistryException e) {
            throw new IOException("Registry " + selection.describe() + ": " + e.getMessage(), e);
        }
    }
}
