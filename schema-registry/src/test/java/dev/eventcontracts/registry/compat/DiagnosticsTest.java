package dev.eventcontracts.registry.compat;

import static dev.eventcontracts.registry.compat.Schemas.avro;
import static dev.eventcontracts.registry.compat.Schemas.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Where an incompatibility is, which version it breaks against, and how it is worded. */
class DiagnosticsTest {

    private final CompatibilityChecker checker = new CompatibilityChecker();

    private static final Schema V1 = record("OrderPlaced", "{'name':'id','type':'string'}");
    private static final Schema ADDS_EMAIL =
            record("OrderPlaced", "{'name':'id','type':'string'}", "{'name':'email','type':'string'}");

    @Test
    void checkVersions_usesTheRegistrysVersionNumbers() {
        CompatibilityReport report = checker.checkVersions(
                CompatibilityLevel.BACKWARD_TRANSITIVE,
                List.of(new VersionedSchema(3, V1), new VersionedSchema(7, V1)),
                ADDS_EMAIL);

        assertThat(report.checkedVersions()).containsExactly(3, 7);
        assertThat(report.incompatibilities())
                .extracting(Incompatibility::version)
                .containsExactly(3, 7);
        assertThat(report.incompatibilitiesWith(7)).hasSize(1);
        assertThat(report.incompatibilities().get(1).message()).contains("data written with v7");
        assertThat(report.summary())
                .isEqualTo(
                        "Schema 'shop.OrderPlaced' is not BACKWARD_TRANSITIVE compatible with v3, v7: 2 incompatibilities.");
    }

    @Test
    void checkVersions_givenOutOfOrder_takesTheHighestNumberAsLatest() {
        CompatibilityReport report = checker.checkVersions(
                CompatibilityLevel.BACKWARD,
                List.of(new VersionedSchema(7, V1), new VersionedSchema(3, ADDS_EMAIL)),
                ADDS_EMAIL);

        assertThat(report.checkedVersions()).containsExactly(7);
        assertThat(report.compatible()).isFalse();
    }

    @Test
    void checkVersions_sameNumberTwice_isRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> checker.checkVersions(
                        CompatibilityLevel.FULL,
                        List.of(new VersionedSchema(3, V1), new VersionedSchema(3, V1)),
                        ADDS_EMAIL))
                .withMessageContaining("version '3' is given twice");
    }

    @Test
    void equalButDistinctSchemas_areCompatibleInEveryLevel() {
        Schema copy = new Schema.Parser().parse(ADDS_EMAIL.toString());

        for (CompatibilityLevel level : CompatibilityLevel.values()) {
            assertThat(checker.check(level, List.of(copy, copy), ADDS_EMAIL).compatible())
                    .isTrue();
            assertThat(Schemas.avroSaysCompatible(level, List.of(copy, copy), ADDS_EMAIL))
                    .isTrue();
        }
    }

    @Test
    void nonTransitiveLevel_checksOnlyTheLatest() {
        CompatibilityReport report = checker.check(CompatibilityLevel.BACKWARD, List.of(V1, ADDS_EMAIL), ADDS_EMAIL);

        assertThat(report.checkedVersions()).containsExactly(2);
        assertThat(report.compatible()).isTrue();
    }

    @Test
    void fieldsInArraysAndMaps_haveReadablePaths() {
        Schema old = record(
                "OrderPlaced",
                "{'name':'lines','type':{'type':'array','items':{'type':'record','name':'Line','fields':[{'name':'qty','type':'int'}]}}}",
                "{'name':'tags','type':{'type':'map','values':'string'}}");
        Schema candidate = record(
                "OrderPlaced",
                "{'name':'lines','type':{'type':'array','items':{'type':'record','name':'Line','fields':[{'name':'qty','type':'string'}]}}}",
                "{'name':'tags','type':{'type':'map','values':'int'}}");

        CompatibilityReport report = checker.check(CompatibilityLevel.BACKWARD, List.of(old), candidate);

        assertThat(report.incompatibilities())
                .extracting(Incompatibility::path, Incompatibility::jsonPointer)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "OrderPlaced.lines[].qty", "/fields/0/type/items/fields/0/type"),
                        org.assertj.core.groups.Tuple.tuple("OrderPlaced.tags{}", "/fields/1/type/values"));
    }

    @Test
    void nullableRecordInArray_oldReadsNew_explainsInsideTheBranch() {
        Schema old = record(
                "OrderPlaced",
                "{'name':'lines','type':{'type':'array','items':['null',{'type':'record','name':'Line',"
                        + "'fields':[{'name':'sku','type':'string'},{'name':'qty','type':'int'}]}]}}");
        Schema candidate = record(
                "OrderPlaced",
                "{'name':'lines','type':{'type':'array','items':['null',{'type':'record',"
                        + "'name':'Line','fields':[{'name':'sku','type':'string'}]}]}}");

        CompatibilityReport report = checker.check(CompatibilityLevel.FORWARD, List.of(old), candidate);

        assertThat(report.compatible())
                .isEqualTo(Schemas.avroSaysCompatible(CompatibilityLevel.FORWARD, List.of(old), candidate));
        assertThat(report.incompatibilities()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(IncompatibilityKind.READER_FIELD_MISSING_DEFAULT_VALUE);
            assertThat(i.direction()).isEqualTo(Direction.OLD_READS_NEW);
            assertThat(i.path()).isEqualTo("OrderPlaced.lines[].qty");
            assertThat(i.jsonPointer()).isEqualTo("/fields/0/type/items/1/fields/1");
            assertThat(i.message()).contains("Field 'qty' (int) of record 'Line' is missing from the new schema");
        });
    }

    @Test
    void sameTypeUsedTwice_eachBreakReportedOnce() {
        String address =
                "{'name':'billing','type':{'type':'record','name':'Address','fields':[{'name':'city','type':'string'}%s]}},"
                        + "{'name':'shipping','type':'Address'}";
        Schema old = record("OrderPlaced", String.format(address, ""));
        Schema candidate = record("OrderPlaced", String.format(address, ",{'name':'zip','type':'string'}"));

        CompatibilityReport report = checker.check(CompatibilityLevel.BACKWARD, List.of(old), candidate);

        assertThat(report.compatible()).isFalse();
        assertThat(report.incompatibilities())
                .hasSize(1)
                .first()
                .extracting(Incompatibility::path)
                .isEqualTo("OrderPlaced.billing.zip");
    }

    @Test
    void unionBranchRemoved_newReadsOld_namesTheMissingBranch() {
        Schema old = record("OrderPlaced", "{'name':'v','type':['null','string','int']}");
        Schema candidate = record("OrderPlaced", "{'name':'v','type':['null','string']}");

        Incompatibility i = checker.check(CompatibilityLevel.BACKWARD, List.of(old), candidate)
                .incompatibilities()
                .get(0);

        assertThat(i.kind()).isEqualTo(IncompatibilityKind.MISSING_UNION_BRANCH);
        assertThat(i.jsonPointer()).isEqualTo("/fields/0/type/2");
        assertThat(i.message())
                .isEqualTo("'OrderPlaced.v' in the new schema is union [null, string], which has no branch"
                        + " that can read int written by v1.");
        assertThat(i.fix()).contains("Keep int as a branch");
    }

    @Test
    void unionBranchAdded_oldReadsNew_saysTheOldVersionCannotReadIt() {
        Schema old = record("OrderPlaced", "{'name':'v','type':['null','string']}");
        Schema candidate = record("OrderPlaced", "{'name':'v','type':['null','string','int']}");

        Incompatibility i = checker.check(CompatibilityLevel.FORWARD, List.of(old), candidate)
                .incompatibilities()
                .get(0);

        assertThat(i.direction()).isEqualTo(Direction.OLD_READS_NEW);
        assertThat(i.message())
                .isEqualTo("'OrderPlaced.v' may be int in the new schema, but in v1 it is union [null, string],"
                        + " which has no branch that can read it.");
    }

    @Test
    void enumSymbolAdded_oldReadsNew_suggestsEnumDefault() {
        Schema old = record("OrderPlaced", "{'name':'s','type':{'type':'enum','name':'Status','symbols':['A']}}");
        Schema candidate =
                record("OrderPlaced", "{'name':'s','type':{'type':'enum','name':'Status','symbols':['A','B']}}");

        Incompatibility i = checker.check(CompatibilityLevel.FORWARD, List.of(old), candidate)
                .incompatibilities()
                .get(0);

        assertThat(i.message())
                .isEqualTo("The new schema adds symbols 'B' to enum 'Status', which v1 does not know and has no"
                        + " enum-level \"default\" for.");
        assertThat(i.fix()).contains("enum-level \"default\"");
    }

    @Test
    void recordRenamed_newReadsOld_suggestsAliasWithOldFullName() {
        Schema candidate = avro(
                "{'type':'record','name':'OrderCreated','namespace':'shop','fields':[{'name':'id','type':'string'}]}");

        Incompatibility i = checker.check(CompatibilityLevel.BACKWARD, List.of(V1), candidate)
                .incompatibilities()
                .get(0);

        assertThat(i.kind()).isEqualTo(IncompatibilityKind.NAME_MISMATCH);
        assertThat(i.jsonPointer()).isEqualTo("/name");
        assertThat(i.fix()).startsWith("Add \"aliases\": [\"shop.OrderPlaced\"] to record 'shop.OrderCreated'");
    }

    @Test
    void recordRenamedWithAlias_oldReadsNew_explainsOnlyReadingAliasesCount() {
        Schema candidate =
                avro("{'type':'record','name':'OrderCreated','namespace':'shop','aliases':['shop.OrderPlaced'],"
                        + "'fields':[{'name':'id','type':'string'}]}");

        Incompatibility i = checker.check(CompatibilityLevel.FORWARD, List.of(V1), candidate)
                .incompatibilities()
                .get(0);

        assertThat(i.fix()).contains("only the reading schema's aliases count");
    }

    @Test
    void fixedResized_namesBothSizes() {
        Schema old = record("OrderPlaced", "{'name':'h','type':{'type':'fixed','name':'Hash','size':16}}");
        Schema candidate = record("OrderPlaced", "{'name':'h','type':{'type':'fixed','name':'Hash','size':32}}");

        Incompatibility i = checker.check(CompatibilityLevel.BACKWARD, List.of(old), candidate)
                .incompatibilities()
                .get(0);

        assertThat(i.jsonPointer()).isEqualTo("/fields/0/type/size");
        assertThat(i.message()).isEqualTo("Fixed 'Hash' has size 32 in the new schema but 16 in v1.");
    }

    @Test
    void fieldRemoved_oldReadsNew_saysKeepIt() {
        Incompatibility i = checker.check(CompatibilityLevel.FORWARD, List.of(ADDS_EMAIL), V1)
                .incompatibilities()
                .get(0);

        assertThat(i.path()).isEqualTo("OrderPlaced.email");
        assertThat(i.jsonPointer()).isEqualTo("/fields/1");
        assertThat(i.message())
                .isEqualTo("Field 'email' (string) of record 'OrderPlaced' is missing from the new schema and"
                        + " has no default in v1, so v1 cannot read data written with the new schema.");
        assertThat(i.fix()).startsWith("Keep field 'email' in the new schema");
    }

    @Test
    void noneLevel_andFirstVersion_areAcceptedWithReason() {
        assertThat(checker.check(CompatibilityLevel.NONE, List.of(V1), ADDS_EMAIL)
                        .summary())
                .isEqualTo("Schema 'shop.OrderPlaced' is accepted: the level is NONE, nothing was checked.");
        assertThat(checker.check(CompatibilityLevel.FULL, List.of(), ADDS_EMAIL).summary())
                .isEqualTo(
                        "Schema 'shop.OrderPlaced' is accepted: there is no previous version to check FULL against.");
    }

    @Test
    void invalidArguments_areRejectedWithNames() {
        assertThatNullPointerException()
                .isThrownBy(() -> checker.check(null, List.of(), V1))
                .withMessage("level");
        assertThatNullPointerException()
                .isThrownBy(() -> checker.check(CompatibilityLevel.FULL, List.of(), null))
                .withMessage("candidate");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new VersionedSchema(0, V1))
                .withMessageContaining("'0'");
    }

    @Test
    void primitiveTopLevelSchema_isCheckedToo() {
        Schema old = Schema.create(Schema.Type.STRING);
        Schema candidate = Schema.create(Schema.Type.INT);

        CompatibilityReport report = checker.check(CompatibilityLevel.BACKWARD, List.of(old), candidate);

        assertThat(report.schemaName()).isEqualTo("int");
        assertThat(report.incompatibilities()).singleElement().satisfies(i -> {
            assertThat(i.path()).isEqualTo("int");
            assertThat(i.jsonPointer()).isEqualTo("/");
        });
    }
}
