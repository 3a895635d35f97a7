package dev.eventcontracts.spring.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service's own application context, started with its web server off and its RabbitMQ
 * connection pointed at the broker under test. The properties go in as command-line arguments, so
 * they win over the service's {@code application.yml}; {@code eventcontracts.http.uri} and {@code
 * eventcontracts.registry.uri} are there for the service's configuration to reference.
 */
public final class ServiceApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private ServiceApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Where the service connects and what it may reference. */
    public record Wiring(URI amqp, URI httpStub, String registryUri) {}

    /**
     * Starts {@code application}.
     *
     * @throws ServiceStartException naming the application and the cause
     */
    public static ServiceApp start(Class<?> application, Wiring wiring) {
        List<String> args = new ArrayList<>(arguments(wiring));
        try {
            SpringApplication app = new SpringApplication(application);
            return new ServiceApp(app.run(args.toArray(String[]::new)));
        } catch (RuntimeException e) {
            throw new ServiceStartException(
                    "The application context of '" + application.getName()
                            + "' did not start against the harness broker (" + wiring.amqp() + "): " + rootCause(e)
                            + ". Fix the service's configuration for a test run (docs/service-mode.md, properties).",
                    e);
        }
    }

    /** The command-line arguments that point the service at the broker and the stubs. */
    static List<String> arguments(Wiring wiring) {
        URI amqp = wiring.amqp();
        String user = "guest";
        String password = "guest";
        if (amqp.getRawUserInfo() != null) {
            String[] parts = amqp.getUserInfo().split(":", 2);
            user = parts[0];
            password = parts.length > 1 ? parts[1] : "";
        }
        String path = amqp.getPath();
        String vhost = path == null || path.isEmpty() || path.equals("/") ? "/" : path.substring(1);
        int port = amqp.getPort() > 0 ? amqp.getPort() : (amqp.getScheme().equals("amqps") ? 5671 : 5672);
        List<String> args = new ArrayList<>();
        args.add("--spring.main.web-application-type=none");
        args.add("--spring.main.banner-mode=off");
        args.add("--spring.rabbitmq.addresses=" + amqp.getHost() + ":" + port);
        if (amqp.getScheme().equals("amqps")) {
            args.add("--spring.rabbitmq.ssl.enabled=true");
        }
        args.add("--spring.rabbitmq.username=" + user);
        args.add("--spring.rabbitmq.password=" + password);
        args.add("--spring.rabbitmq.virtual-host=" + vhost);
        args.add("--eventcontracts.http.uri=" + wiring.httpStub());
        if (wiring.registryUri() != null && !wiring.registryUri().isBlank()) {
            args.add("--eventcontracts.registry.uri=" + wiring.registryUri());
        }
        return args;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** The running context. */
    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }

    /** The service's context could not start. */
    public static final class ServiceStartException extends RuntimeException {
        ServiceStartException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
