package dev.eventcontracts.registry.store;

import dev.eventcontracts.registry.compat.CompatibilityReport;
import java.util.List;
import java.util.Optional;

/**
 * A failure of a registry operation the caller can act on. The {@link Kind} carries the exception
 * name Apicurio's client maps ({@code Error.name}); the message says what failed, with the values.
 */
public class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, named as Apicurio Registry names the matching exception. */
    public enum Kind {
        ARTIFACT_NOT_FOUND("ArtifactNotFoundException"),
        VERSION_NOT_FOUND("VersionNotFoundException"),
        CONTENT_NOT_FOUND("ContentNotFoundException"),
        RULE_NOT_FOUND("RuleNotFoundException"),
        ARTIFACT_ALREADY_EXISTS("ArtifactAlreadyExistsException"),
        VERSION_ALREADY_EXISTS("VersionAlreadyExistsException"),
        RULE_ALREADY_EXISTS("RuleAlreadyExistsException"),
        RULE_VIOLATION("RuleViolationException"),
        BAD_REQUEST("BadRequestException"),
        MISSING_REQUIRED_PARAMETER("MissingRequiredParameterException"),
        INVALID_PROPERTY_VALUE("InvalidPropertyValueException"),
        INVALID_ARTIFACT_TYPE("InvalidArtifactTypeException"),
        INVALID_ARTIFACT_ID("InvalidArtifactIdException"),
        INVALID_GROUP_ID("InvalidGroupIdException"),
        PARAMETERS_CONFLICT("ParametersConflictException"),
        UNPROCESSABLE_SCHEMA("UnprocessableSchemaException"),
        LIMIT_EXCEEDED("LimitExceededException"),
        STORAGE("RegistryStorageException");

        private final String apicurioName;

        Kind(String apicurioName) {
            this.apicurioName = apicurioName;
        }

        /** The simple exception class name Apicurio's client dispatches on. */
        public String apicurioName() {
            return apicurioName;
        }
    }

    /** One reason a rule refused content: a description and where (a JSON pointer or a version). */
    public record Cause(String description, String context) {}

    private final Kind kind;
    private final List<Cause> causes;
    private final transient CompatibilityReport report;

    public RegistryException(Kind kind, String message) {
        this(kind, message, List.of(), null, null);
    }

    public RegistryException(Kind kind, String message, Throwable cause) {
        this(kind, message, List.of(), null, cause);
    }

    public RegistryException(
            Kind kind, String message, List<Cause> causes, CompatibilityReport report, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.causes = List.copyOf(causes);
        this.report = report;
    }

    public Kind kind() {
        return kind;
    }

    /** The individual causes of a rule violation; empty for other kinds. */
    public List<Cause> causes() {
        return causes;
    }

    /** The compatibility report behind a COMPATIBILITY rule violation, if that was the rule. */
    public Optional<CompatibilityReport> report() {
        return Optional.ofNullable(report);
    }
}
