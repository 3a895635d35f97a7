package dev.eventcontracts.registry.consumers;

import dev.eventcontracts.registry.compat.CompatibilityLevel;
import dev.eventcontracts.registry.gateway.RegisteredSchema;
import dev.eventcontracts.registry.gateway.RemoteRegistryConfig;
import dev.eventcontracts.registry.gateway.SchemaRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Consumer contracts and deployment records kept in a schema registry as ordinary Avro artifacts,
 * so the committed file store, the embedded registry and a real Apicurio Registry all hold them
 * and {@code apicurio-registry-client} reads them like any schema. Layout ({@code
 * docs/registry.md}, "Consumer contracts"):
 *
 * <ul>
 *   <li>group {@value #CONTRACTS_GROUP}, artifact = the subject read; each version is one
 *       consumer service version's contract (its reader schema with the property {@code
 *       eventcontracts.consumer}); the latest version of a service is its current contract;
 *   <li>group {@value #DEPLOYMENTS_GROUP}, artifact = the environment; each version records one
 *       service version deployed there; the latest version of a service is what runs.
 * </ul>
 *
 * Both artifacts get the compatibility rule {@code NONE} when created: their versions belong to
 * different services, so a registry-wide rule must not compare them.
 */
public final class ContractRegistry implements AutoCloseable {

    /** The Apicurio group of consumer contracts. */
    public static final String CONTRACTS_GROUP = "event-contracts.consumers";

    /** The Apicurio group of deployment records. */
    public static final String DEPLOYMENTS_GROUP = "event-contracts.deployments";

    private final SchemaRegistry contracts;
    private final SchemaRegistry deployments;
    private final ContractCodec codec = new ContractCodec();

    /**
     * A contract registry over two gateways: one opened on {@link #CONTRACTS_GROUP}, one on {@link
     * #DEPLOYMENTS_GROUP}. Closing it closes both.
     */
    public ContractRegistry(SchemaRegistry contracts, SchemaRegistry deployments) {
        this.contracts = Objects.requireNonNull(contracts, "contracts");
        this.deployments = Objects.requireNonNull(deployments, "deployments");
    }

    /** The contracts kept in the file store of a directory (the one the subjects are in). */
    public static ContractRegistry fileStore(Path directory) {
        return new ContractRegistry(
                SchemaRegistry.fileStore(directory, CONTRACTS_GROUP),
                SchemaRegistry.fileStore(directory, DEPLOYMENTS_GROUP));
    }

    /** The contracts kept in a real Apicurio Registry (the config's group is replaced). */
    public static ContractRegistry remote(RemoteRegistryConfig config) {
        return new ContractRegistry(
                SchemaRegistry.remote(config.withGroupId(CONTRACTS_GROUP)),
                SchemaRegistry.remote(config.withGroupId(DEPLOYMENTS_GROUP)));
    }

    /**
     * Records a consumer contract as the newest version of its subject's artifact. Returns
     * {@code false} and writes nothing when the service's latest contract on the subject is equal
     * (same version, reader schema and reads).
     */
    public boolean register(ConsumerContract contract) {
        Optional<ConsumerContract> current = latestPerService(contract.subject()).stream()
                .filter(c -> c.service().equals(contract.service()))
                .findFirst();
        if (current.isPresent() && same(current.get(), contract)) {
            return false;
        }
        add(contracts, contract.subject(), codec.encode(contract));
        return true;
    }

    /** Every contract registered for a subject, oldest first. */
    public List<ConsumerContract> history(String subject) {
        List<ConsumerContract> all = new ArrayList<>();
        for (RegisteredSchema version : contracts.history(subject)) {
            all.add(codec.decodeContract(version.schema(), where(CONTRACTS_GROUP, subject, version)));
        }
        return all;
    }

    /** The latest contract of each consumer service reading a subject, sorted by service. */
    public List<ConsumerContract> latestPerService(String subject) {
        Map<String, ConsumerContract> latest = new LinkedHashMap<>();
        for (ConsumerContract contract : history(subject)) {
            latest.put(contract.service(), contract);
        }
        return latest.values().stream()
                .sorted(Comparator.comparing(ConsumerContract::service))
                .toList();
    }

    /**
     * Records that a service version runs in an environment. Returns {@code false} and writes
     * nothing when it is already the latest record of that service there.
     */
    public boolean recordDeployment(Deployment deployment) {
        Optional<Deployment> current = deployed(deployment.environment()).stream()
                .filter(d -> d.service().equals(deployment.service()))
                .findFirst();
        Schema encoded = codec.encode(deployment);
        if (current.isPresent() && codec.encode(current.get()).toString().equals(encoded.toString())) {
            return false;
        }
        add(deployments, deployment.environment(), encoded);
        return true;
    }

    /** What runs in an environment: the latest record of each service, sorted by service. */
    public List<Deployment> deployed(String environment) {
        ContractNames.check("environment", environment);
        Map<String, Deployment> latest = new LinkedHashMap<>();
        for (RegisteredSchema version : deployments.history(environment)) {
            Deployment d = codec.decodeDeployment(version.schema(), where(DEPLOYMENTS_GROUP, environment, version));
            latest.put(d.service(), d);
        }
        return latest.values().stream()
                .sorted(Comparator.comparing(Deployment::service))
                .toList();
    }

    /** The contracts on a subject of the services deployed in an environment, sorted by service. */
    public List<ConsumerContract> deployedReaders(String environment, String subject) {
        return deployed(environment).stream()
                .flatMap(d -> d.reads().stream())
                .filter(c -> c.subject().equals(subject))
                .sorted(Comparator.comparing(ConsumerContract::service))
                .toList();
    }

    @Override
    public void close() {
        try {
            contracts.close();
        } finally {
            deployments.close();
        }
    }

    private static void add(SchemaRegistry registry, String artifact, Schema content) {
        boolean fresh = registry.history(artifact).isEmpty();
        registry.register(artifact, content);
        if (fresh) {
            registry.setRule(artifact, CompatibilityLevel.NONE);
        }
    }

    private static boolean same(ConsumerContract a, ConsumerContract b) {
        return a.version().equals(b.version())
                && a.reads().equals(b.reads())
                && RegisteredSchema.canonicalForm(a.reader()).equals(RegisteredSchema.canonicalForm(b.reader()));
    }

    private static String where(String group, String artifact, RegisteredSchema version) {
        return "Artifact '" + group + "/" + artifact + "' version " + version.version();
    }
}
