package dev.eventcontracts.junit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HarnessAdminTest {

    @TempDir
    Path dir;

    private Path endpoints(String amqp, String admin) throws IOException {
        Path file = dir.resolve("endpoints.properties");
        Files.writeString(
                file,
                "# Written by event-contracts:start\neventcontracts.amqp.uri=" + amqp.replace(":", "\\:")
                        + "\neventcontracts.admin.uri=" + admin.replace(":", "\\:") + "\n");
        return file;
    }

    @Test
    void endpointsFileNamingTheSameBroker_givesItsAdminJournal() throws IOException {
        Path file = endpoints("amqp://guest:guest@127.0.0.1:40123", "http://127.0.0.1:40124");

        var journal = HarnessAdmin.journalFor(URI.create("amqp://guest:guest@localhost:40123"), null, file);

        assertThat(journal).isNotNull();
        assertThat(journal.describe()).isEqualTo("the publish journal of the harness broker at http://127.0.0.1:40124");
    }

    @Test
    void endpointsFileOfAnotherBroker_orNoFile_givesNoJournal() throws IOException {
        Path file = endpoints("amqp://guest:guest@127.0.0.1:40123", "http://127.0.0.1:40124");

        assertThat(HarnessAdmin.journalFor(URI.create("amqp://user:pw@rabbit.example.com:5672"), null, file))
                .isNull();
        assertThat(HarnessAdmin.journalFor(URI.create("amqp://127.0.0.1:40123"), "", dir.resolve("absent")))
                .isNull();
    }

    @Test
    void explicitAdminUri_wins() {
        var journal = HarnessAdmin.journalFor(
                URI.create("amqp://127.0.0.1:5672"), "http://127.0.0.1:15672", dir.resolve("absent"));

        assertThat(journal.describe()).endsWith("at http://127.0.0.1:15672");
    }
}
