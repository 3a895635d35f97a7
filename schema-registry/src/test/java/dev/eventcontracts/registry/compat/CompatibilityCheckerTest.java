package dev.eventcontracts.registry.compat;

import static dev.eventcontracts.registry.compat.CompatibilityLevel.BACKWARD;
import static dev.eventcontracts.registry.compat.CompatibilityLevel.BACKWARD_TRANSITIVE;
import static dev.eventcontracts.registry.compat.CompatibilityLevel.FORWARD;
import static dev.eventcontracts.registry.compat.CompatibilityLevel.FORWARD_TRANSITIVE;
import static dev.eventcontracts.registry.compat.CompatibilityLevel.FULL;
import static dev.eventcontracts.registry.compat.CompatibilityLevel.FULL_TRANSITIVE;
import static dev.eventcontracts.registry.compat.CompatibilityLevel.NONE;
import static dev.eventcontracts.registry.compat.IncompatibilityKind.FIXED_SIZE_MISMATCH;
import static dev.eventcontracts.registry.compat.IncompatibilityKind.MISSING_ENUM_SYMBOLS;
import static dev.eventcontracts.registry.compat.IncompatibilityKind.MISSING_UNION_BRANCH;
import static dev.eventcontracts.registry.compat.IncompatibilityKind.NAME_MISMATCH;
import static dev.eventcontracts.registry.compat.IncompatibilityKind.READER_FIELD_MISSING_DEFAULT_VALUE;
import static dev.eventcontracts.registry.compat.IncompatibilityKind.TYPE_MISMATCH;
import static dev.eventcontracts.registry.compat.Schemas.avro;
import static dev.eventcontracts.registry.compat.Schemas.avroSaysCompatible;
import static dev.eventcontracts.registry.compat.Schemas.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of cases: every level and every Avro incompatibility kind. Each case asserts that our
 * verdict equals Avro's own verdict, computed in the test, and that the expected kinds are reported.
 */
class CompatibilityCheckerTest {

    record Case(
            String name,
            CompatibilityLevel level,
            List<Schema> previous,
            Schema candidate,
            Set<IncompatibilityKind> kinds) {
        @Override
        public String toString() {
            return name + " under " + level;
        }
    }

    private static Case compatible(String name, CompatibilityLevel level, Schema candidate, Schema... previous) {
        return new Case(name, level, List.of(previous), candidate, Set.of());
    }

    private static Case breaks(
            String name,
            CompatibilityLevel level,
            Set<IncompatibilityKind> kinds,
            Schema candidate,
            Schema... previous) {
        return new Case(name, level, List.of(previous), candidate, kinds);
    }

    private static final String ID = "{'name':'id','type':'string'}";
    private static final String EMAIL = "{'name':'email','type':'string'}";
    private static final String EMAIL_DEFAULT = "{'name':'email','type':['null','string'],'default':null}";

    static Stream<Case> cases() {
        Schema v1 = record("OrderPlaced", ID);
        Schema withEmail = record("OrderPlaced", ID, EMAIL);
        Schema withEmailDefault = record("OrderPlaced", ID, EMAIL_DEFAULT);
        Schema count = record("OrderPlaced", "{'name':'n','type':'int'}");
        Schema countLong = record("OrderPlaced", "{'name':'n','type':'long'}");
        Schema countString = record("OrderPlaced", "{'name':'n','type':'string'}");
        Schema abc =
                record("OrderPlaced", "{'name':'s','type':{'type':'enum','name':'Status','symbols':['A','B','C']}}");
        Schema ab = record("OrderPlaced", "{'name':'s','type':{'type':'enum','name':'Status','symbols':['A','B']}}");
        Schema abDefault = record(
                "OrderPlaced", "{'name':'s','type':{'type':'enum','name':'Status','symbols':['A','B'],'default':'A'}}");
        Schema abcDefault = record(
                "OrderPlaced",
                "{'name':'s','type':{'type':'enum','name':'Status','symbols':['A','B','C'],'default':'A'}}");
        Schema renamed = record("OrderCreated", ID);
        Schema renamedWithAlias = avro(
                "{'type':'record','name':'OrderCreated','namespace':'shop','aliases':['shop.OrderPlaced'],'fields':["
                        + ID + "]}");
        Schema fixed16 = record("OrderPlaced", "{'name':'h','type':{'type':'fixed','name':'Hash','size':16}}");
        Schema fixed32 = record("OrderPlaced", "{'name':'h','type':{'type':'fixed','name':'Hash','size':32}}");
        Schema threeBranches = record("OrderPlaced", "{'name':'v','type':['null','string','int']}");
        Schema twoBranches = record("OrderPlaced", "{'name':'v','type':['null','string']}");
        Schema reordered = record("OrderPlaced", "{'name':'v','type':['string','int','null']}");
        Schema customer = record(
                "OrderPlaced",
                "{'name':'customer','type':['null',{'type':'record','name':'Customer','fields':[" + ID + "]}]}");
        Schema customerEmail = record(
                "OrderPlaced",
                "{'name':'customer','type':['null',{'type':'record','name':'Customer','fields':[" + ID + "," + EMAIL
                        + "]}]}");
        Schema lines = record("OrderPlaced", "{'name':'lines','type':{'type':'array','items':'int'}}");
        Schema linesString = record("OrderPlaced", "{'name':'lines','type':{'type':'array','items':'string'}}");
        Schema tags = record("OrderPlaced", "{'name':'tags','type':{'type':'map','values':'long'}}");
        Schema tagsInt = record("OrderPlaced", "{'name':'tags','type':{'type':'map','values':'int'}}");
        Schema renamedField = record("OrderPlaced", "{'name':'orderId','type':'string','aliases':['id']}");
        Schema emailWithDefaultString = record("OrderPlaced", ID, "{'name':'email','type':'string','default':''}");
        Schema node = avro("{'type':'record','name':'Node','fields':[{'name':'v','type':'int'},"
                + "{'name':'next','type':['null','Node']}]}");
        Schema nodeString = avro("{'type':'record','name':'Node','fields':[{'name':'v','type':'string'},"
                + "{'name':'next','type':['null','Node']}]}");
        return Stream.of(
                // READER_FIELD_MISSING_DEFAULT_VALUE
                breaks(
                        "field added without default",
                        BACKWARD,
                        Set.of(READER_FIELD_MISSING_DEFAULT_VALUE),
                        withEmail,
                        v1),
                compatible("field added without default", FORWARD, withEmail, v1),
                breaks("field added without default", FULL, Set.of(READER_FIELD_MISSING_DEFAULT_VALUE), withEmail, v1),
                compatible("field added with default", FULL, withEmailDefault, v1),
                compatible("field added with default", FULL_TRANSITIVE, withEmailDefault, v1, v1),
                breaks(
                        "field removed without default",
                        FORWARD,
                        Set.of(READER_FIELD_MISSING_DEFAULT_VALUE),
                        v1,
                        withEmail),
                compatible("field removed without default", BACKWARD, v1, withEmail),
                compatible("field removed with default", FULL, v1, withEmailDefault),
                breaks(
                        "field in nullable nested record added without default",
                        BACKWARD,
                        Set.of(READER_FIELD_MISSING_DEFAULT_VALUE),
                        customerEmail,
                        customer),
                compatible("field renamed with alias on the new schema", BACKWARD, renamedField, v1),
                breaks(
                        "field renamed with alias on the new schema",
                        FORWARD,
                        Set.of(READER_FIELD_MISSING_DEFAULT_VALUE),
                        renamedField,
                        v1),
                // TYPE_MISMATCH
                breaks("int to string", BACKWARD, Set.of(TYPE_MISMATCH), countString, count),
                compatible("int promoted to long", BACKWARD, countLong, count),
                breaks("int promoted to long", FORWARD, Set.of(TYPE_MISMATCH), countLong, count),
                breaks("array items int to string", FULL, Set.of(TYPE_MISMATCH), linesString, lines),
                compatible("map values int to long", BACKWARD, tags, tagsInt),
                breaks("map values long to int", BACKWARD, Set.of(TYPE_MISMATCH), tagsInt, tags),
                breaks("recursive record field int to string", BACKWARD, Set.of(TYPE_MISMATCH), nodeString, node),
                // MISSING_ENUM_SYMBOLS
                breaks("enum symbol removed", BACKWARD, Set.of(MISSING_ENUM_SYMBOLS), ab, abc),
                compatible("enum symbol removed", FORWARD, ab, abc),
                breaks("enum symbol added", FORWARD, Set.of(MISSING_ENUM_SYMBOLS), abc, ab),
                compatible("enum symbol added, old enum has a default", FORWARD, abcDefault, abDefault),
                compatible("enum symbol removed, new enum has a default", BACKWARD, abDefault, abc),
                breaks(
                        "enum symbol added, only the new enum has a default",
                        FULL,
                        Set.of(MISSING_ENUM_SYMBOLS),
                        abcDefault,
                        ab),
                // NAME_MISMATCH
                breaks("record renamed", BACKWARD, Set.of(NAME_MISMATCH), renamed, v1),
                compatible("record renamed with alias", BACKWARD, renamedWithAlias, v1),
                breaks("record renamed with alias", FORWARD, Set.of(NAME_MISMATCH), renamedWithAlias, v1),
                // FIXED_SIZE_MISMATCH
                breaks("fixed resized", FULL, Set.of(FIXED_SIZE_MISMATCH), fixed32, fixed16),
                breaks("fixed resized", FORWARD, Set.of(FIXED_SIZE_MISMATCH), fixed32, fixed16),
                // MISSING_UNION_BRANCH
                breaks("union branch removed", BACKWARD, Set.of(MISSING_UNION_BRANCH), twoBranches, threeBranches),
                compatible("union branch added", BACKWARD, threeBranches, twoBranches),
                breaks("union branch added", FORWARD, Set.of(MISSING_UNION_BRANCH), threeBranches, twoBranches),
                compatible("union branches reordered", FULL, reordered, threeBranches),
                // transitivity
                compatible("default removed, pairwise", BACKWARD, withEmail, v1, emailWithDefaultString),
                breaks(
                        "default removed, against every version",
                        BACKWARD_TRANSITIVE,
                        Set.of(READER_FIELD_MISSING_DEFAULT_VALUE),
                        withEmail,
                        v1,
                        emailWithDefaultString),
                compatible("field with default removed, pairwise", FORWARD, v1, withEmail, withEmailDefault),
                breaks(
                        "field removed, v1 had no default",
                        FORWARD_TRANSITIVE,
                        Set.of(READER_FIELD_MISSING_DEFAULT_VALUE),
                        v1,
                        withEmail,
                        withEmailDefault),
                compatible("enum grows with defaults everywhere", FULL_TRANSITIVE, abcDefault, abDefault, abDefault),
                breaks(
                        "enum grows, v1 had no default",
                        FULL_TRANSITIVE,
                        Set.of(MISSING_ENUM_SYMBOLS),
                        abcDefault,
                        ab,
                        abDefault),
                compatible("only the latest counts", FULL, withEmailDefault, countString, v1),
                // NONE and first versions
                compatible("anything goes", NONE, countString, count),
                compatible("no previous version", FULL_TRANSITIVE, countString));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verdict_equalsAvros_andNamesExpectedKinds(Case c) {
        CompatibilityReport report = new CompatibilityChecker().check(c.level(), c.previous(), c.candidate());

        assertThat(report.compatible())
                .as("our verdict equals Avro's")
                .isEqualTo(avroSaysCompatible(c.level(), c.previous(), c.candidate()));
        assertThat(report.compatible())
                .as("expected verdict")
                .isEqualTo(c.kinds().isEmpty());
        assertThat(report.incompatibilities().stream()
                        .map(Incompatibility::kind)
                        .collect(Collectors.toSet()))
                .isEqualTo(c.kinds());
        assertThat(report.incompatibilities()).allSatisfy(i -> {
            assertThat(i.message()).doesNotContainIgnoringCase("reader").doesNotContainIgnoringCase("writer");
            assertThat(i.fix()).isNotBlank();
            assertThat(i.path()).startsWith(c.candidate().getName());
            assertThat(i.version()).isBetween(1, c.previous().size());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyLevel_verdictEqualsAvros(Case c) {
        for (CompatibilityLevel level : CompatibilityLevel.values()) {
            CompatibilityReport report = new CompatibilityChecker().check(level, c.previous(), c.candidate());
            assertThat(report.compatible())
                    .as("%s under %s", c.name(), level)
                    .isEqualTo(avroSaysCompatible(level, c.previous(), c.candidate()));
        }
    }

    static List<IncompatibilityKind> avroKinds() {
        return Arrays.stream(IncompatibilityKind.values())
                .filter(IncompatibilityKind::fromAvro)
                .toList();
    }

    @ParameterizedTest
    @MethodSource("avroKinds")
    void table_coversEveryAvroKind(IncompatibilityKind kind) {
        assertThat(cases().flatMap(c -> c.kinds().stream())).contains(kind);
    }
}
