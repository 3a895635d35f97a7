package dev.eventcontracts.registry.gateway;

/** The registry refused the credentials (401) or the permission (403). */
public final class RegistryAccessException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public RegistryAccessException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** 401 or 403. */
    public int status() {
        return status;
    }
}
