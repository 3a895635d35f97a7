package dev.eventcontracts.registry.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.avro.Schema;

/**
 * One registered version of a subject.
 *
 * @param version the version number (a non-numeric version name is numbered by its position)
 * @param globalId the registry's id of this version, unique in the registry
 * @param contentId the registry's id of this content, shared by equal content
 * @param canonicalForm Avro's full JSON rendering of the schema: whitespace and key order
 *     normalized; defaults, aliases, docs and logical types kept, so it changes whenever the
 *     schema's meaning does
 * @param fingerprint SHA-256 (lower-case hex) of {@code canonicalForm}
 */
public record RegisteredSchema(
        String subject,
        int version,
        long globalId,
        long contentId,
        Schema schema,
        String canonicalForm,
        String fingerprint) {

    /** Builds the record, deriving the canonical form and fingerprint from the schema. */
    public static RegisteredSchema of(String subject, int version, long globalId, long contentId, Schema schema) {
        String canonical = canonicalForm(schema);
        return new RegisteredSchema(subject, version, globalId, contentId, schema, canonical, fingerprint(canonical));
    }

    /** The canonical form used to decide whether a schema changed. */
    public static String canonicalForm(Schema schema) {
        return schema.toString();
    }

    static String fingerprint(String canonicalForm) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(canonicalForm.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
