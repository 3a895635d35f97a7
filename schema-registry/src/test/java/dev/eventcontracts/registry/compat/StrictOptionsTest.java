package dev.eventcontracts.registry.compat;

import static dev.eventcontracts.registry.compat.Schemas.avro;
import static dev.eventcontracts.registry.compat.Schemas.avroSaysCompatible;
import static dev.eventcontracts.registry.compat.Schemas.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The optional checks: off by default (Avro's verdict), each adds its own kind when on. */
class StrictOptionsTest {

    private static final CompatibilityOptions NAMESPACES = new CompatibilityOptions(true, false, false);
    private static final CompatibilityOptions LOGICAL = new CompatibilityOptions(false, true, false);
    private static final CompatibilityOptions DEFAULTS = new CompatibilityOptions(false, false, true);

    private static CompatibilityReport check(
            CompatibilityOptions options, CompatibilityLevel level, Schema old, Schema candidate) {
        return new CompatibilityChecker(options).check(level, List.of(old), candidate);
    }

    @Test
    void defaults_areAllOff() {
        assertThat(CompatibilityOptions.defaults()).isEqualTo(new CompatibilityOptions(false, false, false));
        assertThat(new CompatibilityChecker().options()).isEqualTo(CompatibilityOptions.defaults());
        assertThat(CompatibilityOptions.strict().anyStrict()).isTrue();
    }

    @Test
    void namespaceChange_acceptedByAvro_reportedOnlyWhenEnabled() {
        Schema old = avro("{'type':'record','name':'OrderPlaced','namespace':'shop','fields':[{'name':'c','type':"
                + "{'type':'enum','name':'Status','namespace':'shop.status','symbols':['A']}}]}");
        Schema candidate = avro("{'type':'record','name':'OrderPlaced','namespace':'shop','fields':[{'name':'c','type':"
                + "{'type':'enum','name':'Status','namespace':'shop.state','symbols':['A']}}]}");

        assertThat(avroSaysCompatible(CompatibilityLevel.FULL, List.of(old), candidate))
                .isTrue();
        assertThat(check(CompatibilityOptions.defaults(), CompatibilityLevel.FULL, old, candidate)
                        .compatible())
                .isTrue();
        CompatibilityReport strict = check(NAMESPACES, CompatibilityLevel.BACKWARD, old, candidate);

        assertThat(strict.incompatibilities()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(IncompatibilityKind.NAMESPACE_MISMATCH);
            assertThat(i.path()).isEqualTo("OrderPlaced.c");
            assertThat(i.jsonPointer()).isEqualTo("/fields/0/type");
            assertThat(i.message()).contains("'shop.state' in the new schema but 'shop.status' in v1");
            assertThat(i.fix()).contains("\"namespace\": \"shop.status\"");
        });
    }

    @Test
    void decimalPrecisionChange_acceptedByAvro_reportedOnlyWhenEnabled() {
        Schema old = record(
                "OrderPlaced",
                "{'name':'amount','type':{'type':'bytes','logicalType':'decimal','precision':10,'scale':2}}");
        Schema scale = record(
                "OrderPlaced",
                "{'name':'amount','type':{'type':'bytes','logicalType':'decimal','precision':10,'scale':4}}");

        assertThat(avroSaysCompatible(CompatibilityLevel.FULL, List.of(old), scale))
                .isTrue();
        assertThat(check(CompatibilityOptions.defaults(), CompatibilityLevel.FULL, old, scale)
                        .compatible())
                .isTrue();
        CompatibilityReport strict = check(LOGICAL, CompatibilityLevel.FULL, old, scale);

        assertThat(strict.incompatibilities()).hasSize(2).allSatisfy(i -> {
            assertThat(i.kind()).isEqualTo(IncompatibilityKind.LOGICAL_TYPE_MISMATCH);
            assertThat(i.path()).isEqualTo("OrderPlaced.amount");
            assertThat(i.message())
                    .contains("decimal(10,4) on bytes in the new schema but decimal(10,2) on bytes in v1");
        });
        assertThat(strict.incompatibilities())
                .extracting(Incompatibility::direction)
                .containsExactly(Direction.NEW_READS_OLD, Direction.OLD_READS_NEW);
    }

    @Test
    void logicalTypeAddedInNullableField_reportedWithBranchPointer() {
        Schema old = record("OrderPlaced", "{'name':'at','type':['null','long']}");
        Schema candidate =
                record("OrderPlaced", "{'name':'at','type':['null',{'type':'long','logicalType':'timestamp-millis'}]}");

        CompatibilityReport strict = check(LOGICAL, CompatibilityLevel.BACKWARD, old, candidate);

        assertThat(strict.incompatibilities()).singleElement().satisfies(i -> {
            assertThat(i.jsonPointer()).isEqualTo("/fields/0/type/1");
            assertThat(i.message()).contains("long (timestamp-millis) in the new schema but long in v1");
        });
        assertThat(check(LOGICAL, CompatibilityLevel.BACKWARD, old, old).compatible())
                .isTrue();
    }

    @Test
    void timestampMillisToMicros_reported() {
        Schema old = record("E", "{'name':'at','type':{'type':'long','logicalType':'timestamp-millis'}}");
        Schema candidate = record("E", "{'name':'at','type':{'type':'long','logicalType':'timestamp-micros'}}");

        assertThat(check(LOGICAL, CompatibilityLevel.FORWARD, old, candidate).incompatibilities())
                .extracting(Incompatibility::kind)
                .containsExactly(IncompatibilityKind.LOGICAL_TYPE_MISMATCH);
    }

    @Test
    void unionDefaultOnLaterBranch_isASchemaErrorOnlyWhenEnabled() {
        Schema old = record("OrderPlaced", "{'name':'id','type':'string'}");
        Schema candidate = record(
                "OrderPlaced",
                "{'name':'id','type':'string'}",
                "{'name':'coupon','type':['null','string'],'default':'none'}",
                "{'name':'fine','type':['string','null'],'default':'none'}");

        assertThat(check(CompatibilityOptions.defaults(), CompatibilityLevel.FULL, old, candidate)
                        .compatible())
                .isTrue();
        CompatibilityReport strict = check(DEFAULTS, CompatibilityLevel.FULL, old, candidate);

        assertThat(strict.incompatibilities()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(IncompatibilityKind.INVALID_DEFAULT);
            assertThat(i.version()).isZero();
            assertThat(i.path()).isEqualTo("OrderPlaced.coupon");
            assertThat(i.jsonPointer()).isEqualTo("/fields/1/default");
            assertThat(i.message()).contains("\"none\"").contains("first branch (null)");
        });
        assertThat(strict.summary()).isEqualTo("Schema 'shop.OrderPlaced' is not FULL compatible: 1 incompatibility.");
    }

    @Test
    void defaultOfWrongType_inSchemaBuiltWithoutValidation_isReportedNotThrown() {
        Schema candidate = record("OrderPlaced", "{'name':'n','type':'int','default':'ten'}");

        CompatibilityReport strict = check(DEFAULTS, CompatibilityLevel.NONE, candidate, candidate);

        assertThat(strict.incompatibilities()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(IncompatibilityKind.INVALID_DEFAULT);
            assertThat(i.message()).isEqualTo("The default \"ten\" of field 'n' is not a valid int.");
        });
    }

    @Test
    void strictChecks_neverHideAvrosIncompatibilities() {
        Schema old = record("OrderPlaced", "{'name':'id','type':'string'}");
        Schema candidate = avro(
                "{'type':'record','name':'OrderPlaced','namespace':'other','fields':[{'name':'id','type':'int'}]}");

        CompatibilityReport strict = check(CompatibilityOptions.strict(), CompatibilityLevel.BACKWARD, old, candidate);

        assertThat(strict.incompatibilities())
                .extracting(Incompatibility::kind)
                .containsExactly(IncompatibilityKind.TYPE_MISMATCH, IncompatibilityKind.NAMESPACE_MISMATCH);
    }
}
