package dev.eventcontracts.plugin.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcontracts.plugin.problems.UserProblemException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code <definitions>}: start loads the production topology into the broker. */
class HarnessEnvironmentDefinitionsTest {

    @TempDir
    Path project;

    private EnvironmentConfig config(Path definitions) {
        return new EnvironmentConfig(
                project, project.resolve("target"), null, null, false, null, null, definitions, null, null);
    }

    @Test
    void start_withDefinitions_declaresTheirTopologyAndPolicies() throws Exception {
        Path file = project.resolve("definitions.json");
        Files.writeString(file, """
                {"policies":[{"vhost":"/","name":"dlx","pattern":"^orders","apply-to":"queues",
                              "definition":{"dead-letter-exchange":"orders.dlx"},"priority":0}],
                 "queues":[{"name":"orders","vhost":"/","durable":true,"auto_delete":false,"arguments":{}}]}
                """);
        try (HarnessEnvironment environment = HarnessEnvironment.start(config(file))) {
            URI queue = URI.create(environment.endpoints().adminUri() + "/api/queues/%2F/orders");
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(queue).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"policy\":\"dlx\"");
        }
    }

    @Test
    void start_withBadDefinitions_isAUserProblemNamingTheFileAndPath() throws Exception {
        Path file = project.resolve("definitions.json");
        Files.writeString(file, "{\"vhosts\":[{\"name\":\"billing\"}]}");
        assertThatThrownBy(() -> HarnessEnvironment.start(config(file)))
                .isInstanceOf(UserProblemException.class)
                .hasMessageContaining("Cannot load <definitions> into the harness broker: " + file
                        + ": vhosts[0].name: vhost 'billing' does not exist");
    }
}
