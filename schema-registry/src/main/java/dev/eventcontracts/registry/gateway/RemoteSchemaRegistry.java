package dev.eventcontracts.registry.gateway;

import dev.eventcontracts.registry.compat.CompatibilityChecker;
import dev.eventcontracts.registry.compat.CompatibilityLevel;
import dev.eventcontracts.registry.compat.CompatibilityReport;
import dev.eventcontracts.registry.compat.VersionedSchema;
import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.RegistryClientFactory;
import io.apicurio.registry.rest.client.exception.ArtifactNotFoundException;
import io.apicurio.registry.rest.client.exception.RateLimitedClientException;
import io.apicurio.registry.rest.client.exception.RestClientException;
import io.apicurio.registry.rest.client.exception.RuleNotFoundException;
import io.apicurio.registry.rest.client.exception.RuleViolationException;
import io.apicurio.registry.rest.v2.beans.ArtifactMetaData;
import io.apicurio.registry.rest.v2.beans.IfExists;
import io.apicurio.registry.rest.v2.beans.Rule;
import io.apicurio.registry.rest.v2.beans.SearchedVersion;
import io.apicurio.registry.rest.v2.beans.VersionSearchResults;
import io.apicurio.registry.types.RuleType;
import io.apicurio.rest.client.auth.Auth;
import io.apicurio.rest.client.auth.BasicAuth;
import io.apicurio.rest.client.auth.exception.ForbiddenException;
import io.apicurio.rest.client.auth.exception.NotAuthorizedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * {@link SchemaRegistry} over a real Apicurio Registry through apicurio-registry-client 2.6.
 * Compatibility is decided locally by the engine, so the report has the engine's diagnostics; the
 * server's own rules still apply when registering. Idempotent reads are retried on 5xx, 429 and
 * timeouts; writes are not.
 */
final class RemoteSchemaRegistry implements SchemaRegistry {

    private static final int PAGE = 100;

    private final RemoteRegistryConfig config;
    private final RegistryClient client;
    private final CompatibilityChecker checker = new CompatibilityChecker();

    RemoteSchemaRegistry(RemoteRegistryConfig config) {
        this.config = config;
        Auth auth = null;
        if (config.username() != null) {
            auth = new BasicAuth(config.username(), config.password());
        } else if (config.bearerToken() != null) {
            String token = config.bearerToken();
            auth = headers -> headers.put("Authorization", "Bearer " + token);
        }
        this.client = RegistryClientFactory.create(new ApicurioTransport(config, auth));
    }

    @Override
    public List<RegisteredSchema> history(String subject) {
        List<SearchedVersion> versions = new ArrayList<>();
        try {
            int offset = 0;
            while (true) {
                int from = offset;
                VersionSearchResults page = read(
                        "list the versions of subject '" + subject + "'",
                        () -> client.listArtifactVersions(config.groupId(), subject, from, PAGE));
                if (page.getVersions() == null) {
                    throw new RegistryUnavailableException(
                            "Registry at '" + config.url() + "' answered the version list of subject '" + subject
                                    + "' without 'versions'. Is this an Apicurio Registry v2 API?",
                            null);
                }
                versions.addAll(page.getVersions());
                offset += page.getVersions().size();
                if (page.getVersions().isEmpty() || page.getCount() == null || offset >= page.getCount()) {
                    break;
                }
            }
        } catch (ArtifactNotFoundException e) {
            return List.of();
        }
        versions.sort(Comparator.comparing(SearchedVersion::getGlobalId));
        List<RegisteredSchema> history = new ArrayList<>();
        for (SearchedVersion version : versions) {
            if (version.getState() != null && version.getState().name().equals("DISABLED")) {
                continue;
            }
            String what = "read version " + version.getVersion() + " of subject '" + subject + "'";
            String content;
            try {
                content = text(read(what, () -> client.getContentByGlobalId(version.getGlobalId())));
            } catch (ArtifactNotFoundException e) {
                throw new SchemaRegistryException(
                        "Registry at '" + config.url() + "' could not " + what + " (globalId " + version.getGlobalId()
                                + "): it was deleted while being read. Run the build again.",
                        e);
            }
            Schema schema = parse(content, "version " + version.getVersion() + " of subject '" + subject + "'");
            history.add(RegisteredSchema.of(
                    subject,
                    versionNumber(version.getVersion(), history.size() + 1),
                    version.getGlobalId(),
                    version.getContentId() == null ? 0 : version.getContentId(),
                    schema));
        }
        return history;
    }

    @Override
    public CompatibilityReport test(String subject, Schema candidate, CompatibilityLevel level) {
        return checker.checkVersions(level, versioned(history(subject)), candidate);
    }

    @Override
    public RegisteredSchema register(String subject, Schema candidate) {
        List<RegisteredSchema> history = history(subject);
        if (!history.isEmpty()) {
            RegisteredSchema latest = history.get(history.size() - 1);
            if (latest.canonicalForm().equals(RegisteredSchema.canonicalForm(candidate))) {
                return latest;
            }
            Optional<CompatibilityLevel> level = ruleInForce(subject);
            if (level.isPresent()) {
                CompatibilityReport report = checker.checkVersions(level.get(), versioned(history), candidate);
                if (!report.compatible()) {
                    throw new IncompatibleSchemaException(subject, report);
                }
            }
        }
        String content = candidate.toString();
        ArtifactMetaData meta;
        try {
            meta = client.createArtifact(
                    config.groupId(),
                    subject,
                    null,
                    "AVRO",
                    IfExists.UPDATE,
                    false,
                    null,
                    null,
                    null,
                    null,
                    null,
                    new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        } catch (RuleViolationException e) {
            throw new SchemaRegistryException(
                    "Registry at '" + config.url() + "' refused the new version of subject '" + subject
                            + "' under its own rules: " + message(e) + ". Check the rules configured in the registry.",
                    e);
        } catch (RuntimeException e) {
            throw translate("register a new version of subject '" + subject + "'", e);
        }
        if (meta == null || meta.getGlobalId() == null) {
            throw new RegistryUnavailableException(
                    "Registry at '" + config.url() + "' answered the registration of subject '" + subject
                            + "' without a globalId. Is this an Apicurio Registry v2 API?",
                    null);
        }
        return RegisteredSchema.of(
                subject,
                versionNumber(meta.getVersion(), history.size() + 1),
                meta.getGlobalId(),
                meta.getContentId() == null ? 0 : meta.getContentId(),
                candidate);
    }

    @Override
    public void setRule(String subject, CompatibilityLevel level) {
        Rule rule = new Rule();
        rule.setType(RuleType.COMPATIBILITY);
        rule.setConfig(level.name());
        String what = "set the " + level + " rule of subject '" + subject + "'";
        try {
            try {
                client.updateArtifactRuleConfig(config.groupId(), subject, RuleType.COMPATIBILITY, rule);
            } catch (RuleNotFoundException e) {
                client.createArtifactRule(config.groupId(), subject, rule);
            }
        } catch (ArtifactNotFoundException e) {
            throw new SchemaRegistryException(
                    "Cannot " + what + ": the subject does not exist in group '" + config.groupId() + "' of registry '"
                            + config.url() + "'. Register its first version, then set the rule.",
                    e);
        } catch (RuntimeException e) {
            throw translate(what, e);
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // nothing is left to release: the JDK client has no open resources to flush
        }
    }

    /**
     * The level an update is checked with by the registry: artifact rule, else global rule. The
     * 2.6 client marks the global-rule reads deprecated (moved to its admin client) but still
     * serves them.
     */
    @SuppressWarnings("deprecation")
    private Optional<CompatibilityLevel> ruleInForce(String subject) {
        List<RuleType> artifactRules = read(
                "list the rules of subject '" + subject + "'",
                () -> client.listArtifactRules(config.groupId(), subject));
        try {
            if (!artifactRules.isEmpty()) {
                if (!artifactRules.contains(RuleType.COMPATIBILITY)) {
                    return Optional.empty();
                }
                Rule rule = read(
                        "read the rule of subject '" + subject + "'",
                        () -> client.getArtifactRuleConfig(config.groupId(), subject, RuleType.COMPATIBILITY));
                return Optional.of(CompatibilityLevel.parse(rule.getConfig()));
            }
            Rule global = read(
                    "read the global COMPATIBILITY rule", () -> client.getGlobalRuleConfig(RuleType.COMPATIBILITY));
            return Optional.of(CompatibilityLevel.parse(global.getConfig()));
        } catch (RuleNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Runs an idempotent read, retrying transport failures, 429 and 5xx with exponential backoff. */
    private <T> T read(String what, Supplier<T> call) {
        long backoff = config.retryBackoff().toMillis();
        RuntimeException last = null;
        for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
            if (attempt > 0) {
                pause(backoff);
                backoff *= 2;
            }
            try {
                return call.get();
            } catch (ArtifactNotFoundException | RuleNotFoundException e) {
                throw e;
            } catch (RuntimeException e) {
                if (!retryable(e)) {
                    throw translate(what, e);
                }
                last = e;
            }
        }
        throw new RegistryUnavailableException(
                "Registry at '" + config.url() + "' could not " + what + " after "
                        + (config.maxRetries() + 1) + " attempts: " + message(last)
                        + ". Check that the registry is up and"
                        + " reachable, or raise the timeouts/retries.",
                last);
    }

    private static boolean retryable(RuntimeException e) {
        if (e instanceof ApicurioTransport.TransportFailure failure) {
            return failure.retryable();
        }
        if (e instanceof RateLimitedClientException) {
            return true;
        }
        return e instanceof RestClientException rest
                && rest.getError() != null
                && rest.getError().getErrorCode() != null
                && rest.getError().getErrorCode() >= 500;
    }

    private SchemaRegistryException translate(String what, RuntimeException e) {
        String where = "Registry at '" + config.url() + "'";
        if (e instanceof NotAuthorizedException) {
            return new RegistryAccessException(
                    401,
                    where + " answered 401 Unauthorized when asked to " + what
                            + ": the credentials are missing or wrong. Configure basic auth (username and password) or a bearer"
                            + " token for the registry.");
        }
        if (e instanceof ForbiddenException) {
            return new RegistryAccessException(
                    403,
                    where + " answered 403 Forbidden when asked to " + what
                            + ": the credentials are valid but lack the permission. Ask for the developer (write) role or use"
                            + " an account that has it.");
        }
        if (e instanceof ApicurioTransport.TransportFailure || e instanceof RateLimitedClientException) {
            return new RegistryUnavailableException(where + " could not " + what + ": " + message(e) + ".", e);
        }
        if (e instanceof RestClientException rest && rest.getError() != null) {
            Integer code = rest.getError().getErrorCode();
            if (code != null && code == 404) {
                return new SchemaRegistryException(
                        where + " answered 404 when asked to " + what + ": " + message(e)
                                + ". Check the registry URL (it must point at an Apicurio Registry, e.g."
                                + " https://host/apis/registry/v2) and the group '" + config.groupId() + "'.",
                        e);
            }
            if (code != null && code >= 500) {
                return new RegistryUnavailableException(
                        where + " failed with " + code + " when asked to " + what + ": " + message(e) + ".", e);
            }
            return new SchemaRegistryException(
                    where + " refused to " + what + " (" + (code == null ? "no status" : code) + "): " + message(e)
                            + ".",
                    e);
        }
        return new SchemaRegistryException(where + " could not " + what + ": " + e + ".", e);
    }

    private static String message(RuntimeException e) {
        if (e instanceof RestClientException rest && rest.getError() != null) {
            String name = rest.getError().getName();
            String message = rest.getError().getMessage();
            return (name == null ? "" : name + ": ") + (message == null ? "(no message)" : message);
        }
        return e == null ? "" : String.valueOf(e.getMessage());
    }

    private String text(InputStream stream) {
        try (InputStream in = stream) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RegistryUnavailableException(
                    "Registry at '" + config.url() + "' broke off while sending schema content: " + e + ".", e);
        }
    }

    private Schema parse(String content, String what) {
        try {
            return new Schema.Parser().parse(content);
        } catch (SchemaParseException | org.apache.avro.AvroTypeException | NullPointerException e) {
            throw new RegistryUnavailableException(
                    "Registry at '" + config.url() + "' returned content for " + what + " that is not an Avro schema: "
                            + e.getMessage() + ". Is the artifact an Avro schema?",
                    e);
        }
    }

    private static List<VersionedSchema> versioned(List<RegisteredSchema> history) {
        return history.stream()
                .map(r -> new VersionedSchema(r.version(), r.schema()))
                .toList();
    }

    private static int versionNumber(String version, int position) {
        try {
            int number = Integer.parseInt(version);
            return number > 0 ? number : position;
        } catch (NumberFormatException | NullPointerException e) {
            return position;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("Interrupted while waiting to retry a registry request.", e);
        }
    }
}
