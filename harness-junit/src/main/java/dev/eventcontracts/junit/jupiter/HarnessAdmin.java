package dev.eventcontracts.junit.jupiter;

import dev.eventcontracts.junit.internal.journal.AdminApiPublishLog;
import dev.eventcontracts.junit.internal.journal.PublishLog;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Finds the publish journal of the broker the tests use: the admin API named explicitly, or the
 * one the plugin's {@code start} goal recorded for the same AMQP address. A broker with neither (a
 * real RabbitMQ) has no journal.
 */
final class HarnessAdmin {

    private HarnessAdmin() {}

    static PublishLog journalFor(URI broker, String adminUri, Path endpoints) {
        if (adminUri != null && !adminUri.isBlank()) {
            return new AdminApiPublishLog(URI.create(adminUri.trim()));
        }
        if (!Files.isRegularFile(endpoints)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(endpoints, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            return null;
        }
        String amqp = p.getProperty(ContractTestExtension.AMQP_URI_PROPERTY);
        String admin = p.getProperty(ContractTestExtension.ADMIN_URI_PROPERTY);
        if (amqp == null || admin == null || !sameAddress(URI.create(amqp), broker)) {
            return null;
        }
        return new AdminApiPublishLog(URI.create(admin));
    }

    private static boolean sameAddress(URI a, URI b) {
        return a.getPort() == b.getPort() && host(a).equals(host(b));
    }

    private static String host(URI u) {
        String h = u.getHost() == null ? "" : u.getHost();
        return h.equals("localhost") ? "127.0.0.1" : h;
    }
}
