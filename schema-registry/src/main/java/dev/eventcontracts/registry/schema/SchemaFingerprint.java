package dev.eventcontracts.registry.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The identity of a schema whatever its formatting: Avro's Parsing Canonical Form and two
 * fingerprints of it. Two schemas with equal fingerprints are read the same way off the wire (the
 * CRC-64 is Avro's single-object encoding id). They are not necessarily the same registry version:
 * the registry's identity is {@link dev.eventcontracts.registry.gateway.RegisteredSchema#canonicalForm},
 * which keeps defaults, docs and aliases because they change what readers may do.
 *
 * <p>The canonical form drops what does not affect reading: {@code doc}, {@code aliases}, {@code
 * default}, {@code order} and other attributes, including {@code logicalType}. A change that only
 * touches those keeps the fingerprint (see {@code docs/compatibility.md}).
 *
 * @param canonicalForm Avro's Parsing Canonical Form
 * @param crc64 the CRC-64-AVRO fingerprint of the canonical form (Avro's single-object encoding id)
 * @param sha256 the SHA-256 of the canonical form's UTF-8 bytes, lower-case hex
 */
public record SchemaFingerprint(String canonicalForm, long crc64, String sha256) {

    /** Checks the fields are present. */
    public SchemaFingerprint {
        Objects.requireNonNull(canonicalForm, "canonicalForm");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** Computes the canonical form and fingerprints of a schema. */
    public static SchemaFingerprint of(Schema schema) {
        String canonical = SchemaNormalization.toParsingForm(schema);
        byte[] utf8 = canonical.getBytes(StandardCharsets.UTF_8);
        return new SchemaFingerprint(canonical, SchemaNormalization.fingerprint64(utf8), sha256(utf8));
    }

    /** The CRC-64-AVRO fingerprint as 16 lower-case hex digits. */
    public String crc64Hex() {
        return HexFormat.of().toHexDigits(crc64);
    }

    /** Whether {@code other} has the same Parsing Canonical Form (reads the same wire bytes). */
    public boolean sameVersionAs(Schema other) {
        return canonicalForm.equals(SchemaNormalization.toParsingForm(other));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no SHA-256, which every Java platform must provide.", e);
        }
    }
}
