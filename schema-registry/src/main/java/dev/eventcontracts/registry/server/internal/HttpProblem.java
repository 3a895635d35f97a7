package dev.eventcontracts.registry.server.internal;

/**
 * A request the server refuses at the HTTP level (bad parameter, unsupported media type, body
 * too large), with the status and the Apicurio exception name to answer with.
 */
public final class HttpProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String name;

    public HttpProblem(int status, String name, String message) {
        super(message);
        this.status = status;
        this.name = name;
    }

    /** A 400 {@code BadRequestException}. */
    public static HttpProblem badRequest(String message) {
        return new HttpProblem(400, "BadRequestException", message);
    }

    public int status() {
        return status;
    }

    public String name() {
        return name;
    }
}
