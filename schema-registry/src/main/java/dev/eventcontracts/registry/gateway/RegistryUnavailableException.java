package dev.eventcontracts.registry.gateway;

/**
 * The registry could not be reached, timed out, kept failing with 5xx after the retries, or
 * answered with a body that is not what Apicurio sends.
 */
public final class RegistryUnavailableException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
