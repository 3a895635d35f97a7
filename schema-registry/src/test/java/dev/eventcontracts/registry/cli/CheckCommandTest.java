package dev.eventcontracts.registry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CheckCommandTest {

    private static final String V1 = "{'type':'record','name':'OrderPlaced','namespace':'shop','fields':[\n"
            + "  {'name':'id','type':'string'}\n]}\n";
    private static final String ADDS_EMAIL = "{'type':'record','name':'OrderPlaced','namespace':'shop','fields':[\n"
            + "  {'name':'id','type':'string'},\n  {'name':'email','type':'string'}\n]}\n";
    private static final String ADDS_EMAIL_DEFAULT =
            "{'type':'record','name':'OrderPlaced','namespace':'shop','fields':[\n"
                    + "  {'name':'id','type':'string'},\n  {'name':'email','type':['null','string'],'default':null}\n]}\n";

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    private Path write(String name, String singleQuoted) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, singleQuoted.replace('\'', '"'), StandardCharsets.UTF_8);
        return file;
    }

    private static Run run(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> strings = new ArrayList<>();
        for (Object arg : args) {
            strings.add(arg.toString());
        }
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), strings.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void check_compatible_exitsZeroAndSaysSo() throws IOException {
        Path v1 = write("v1.avsc", V1);
        Path candidate = write("v2.avsc", ADDS_EMAIL_DEFAULT);

        Run run = run("check", "--level", "FULL", "--previous", v1, "--candidate", candidate);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("v1: " + v1).contains("Schema 'shop.OrderPlaced' is FULL compatible with v1.");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void check_incompatible_exitsOneWithPathAndFix() throws IOException {
        Path v1 = write("v1.avsc", V1);
        Path candidate = write("v2.avsc", ADDS_EMAIL);

        Run run = run("check", "--level", "backward", "--previous", v1, "--candidate", candidate);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("is not BACKWARD compatible with v1: 1 incompatibility.")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE at OrderPlaced.email")
                .contains("Fix: Give field 'email' a default in the new schema");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void check_jsonFormat_printsMachineReadableReport() throws IOException {
        Path v1 = write("v1.avsc", V1);
        Path v2 = write("v2.avsc", ADDS_EMAIL_DEFAULT);
        Path candidate = write("v3.avsc", ADDS_EMAIL);

        Run run = run(
                "check",
                "--level",
                "BACKWARD_TRANSITIVE",
                "--previous",
                v1,
                "--previous",
                v2,
                "--candidate",
                candidate,
                "--format",
                "json");

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("compatible").asBoolean()).isFalse();
        assertThat(json.get("checkedVersions").toString()).isEqualTo("[1,2]");
        JsonNode first = json.get("incompatibilities").get(0);
        assertThat(first.get("kind").asText()).isEqualTo("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(first.get("version").asInt()).isEqualTo(1);
        assertThat(first.get("direction").asText()).isEqualTo("NEW_READS_OLD");
        assertThat(first.get("path").asText()).isEqualTo("OrderPlaced.email");
        assertThat(first.get("jsonPointer").asText()).isEqualTo("/fields/1");
        JsonNode second = json.get("incompatibilities").get(1);
        assertThat(second.get("kind").asText()).isEqualTo("TYPE_MISMATCH");
        assertThat(second.get("version").asInt()).isEqualTo(2);
        assertThat(second.get("message").asText())
                .isEqualTo("'OrderPlaced.email' is string in the new schema, but v2 may write null there"
                        + " (a branch of its union), which Avro cannot convert to string.");
        assertThat(json.get("incompatibilities")).hasSize(2);
    }

    @Test
    void check_noPrevious_firstVersionIsAccepted() throws IOException {
        Path candidate = write("v1.avsc", V1);

        Run run = run("check", "--level", "FULL_TRANSITIVE", "--candidate", candidate);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("no previous version");
    }

    @Test
    void check_reformattedSameSchema_isRecognised() throws IOException {
        Path v1 = write("v1.avsc", V1);
        Path candidate = write("v1-pretty.avsc", V1.replace(",", " ,\n    ").replace("{'type'", "{ 'type'"));

        Run run = run("check", "--level", "FULL", "--previous", v1, "--candidate", candidate);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("v1: " + v1 + " (same canonical form as the candidate)");
    }

    @Test
    void check_onlyADefaultAdded_isNotCalledTheSameSchema() throws IOException {
        String v1 = "{'type':'record','name':'R','fields':[{'name':'a','type':'int'}]}";
        Path previous = write("v1.avsc", v1);
        Path candidate = write("v2.avsc", v1.replace("'type':'int'", "'type':'int','default':0"));

        Run run = run("check", "--level", "FULL", "--previous", previous, "--candidate", candidate);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("v1: " + previous + " (same Parsing Canonical Form as the candidate: differs only in doc,"
                        + " default, aliases or other attributes, so a registry keeps it as a new version)")
                .doesNotContain("(same canonical form as the candidate)");
    }

    @Test
    void check_strictDefaults_reportsUnionDefaultOnLaterBranch() throws IOException {
        Path candidate = write(
                "v2.avsc",
                "{'type':'record','name':'R','fields':[{'name':'c','type':['null','string'],'default':'x'}]}");
        Path v1 = write("v1.avsc", "{'type':'record','name':'R','fields':[]}");

        Run lenient = run("check", "--level", "FULL", "--previous", v1, "--candidate", candidate);
        Run strict = run("check", "--level", "FULL", "--previous", v1, "--candidate", candidate, "--strict-defaults");

        assertThat(lenient.exitCode()).isZero();
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.out()).contains("INVALID_DEFAULT at R.c").contains("first branch");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("not JSON", "{'type':'record',\n 'name':'R',,}", ":2:13: Not valid JSON"),
                Arguments.of(
                        "not a schema",
                        "{'type':'record','name':'R','fields':[\n  {'name':'a','type':7}]}",
                        ":2:22: Not a schema: 7"),
                Arguments.of(
                        "unknown type",
                        "{'type':'record','name':'R','fields':[\n  {'name':'a','type':'strng'}]}",
                        ":2:22: Unknown type 'strng'"),
                Arguments.of(
                        "duplicate names",
                        "{'type':'record','name':'R','fields':[\n  {'name':'a','type':{'type':'fixed','name':'R','size':2}}]}",
                        ":2:22: Duplicate name 'R'"),
                Arguments.of(
                        "bad default",
                        "{'type':'record','name':'R','fields':[\n  {'name':'a','type':'long','default':1.5}]}",
                        ":2:39: Invalid default for field 'a'"),
                Arguments.of("empty file", "", ": The file is empty"),
                Arguments.of("two values", "\"int\"\n\"long\"", ":2:1: Unexpected content after the schema"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void check_malformedCandidate_exitsTwoWithLocationAndNoStackTrace(String name, String content, String expected)
            throws IOException {
        Path v1 = write("v1.avsc", V1);
        Path candidate = write("bad.avsc", content);

        Run run = run("check", "--level", "BACKWARD", "--previous", v1, "--candidate", candidate);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .startsWith("error: " + candidate + expected)
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void check_malformedPrevious_exitsTwoNamingThatFile() throws IOException {
        Path v1 = write("v1.avsc", "[\"int\", 'long'");
        Path candidate = write("v2.avsc", V1);

        Run run = run("check", "--level", "BACKWARD", "--previous", v1, "--candidate", candidate);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: " + v1 + ":1:").contains("Not valid JSON");
    }

    @Test
    void check_missingFile_exitsTwo() {
        Path missing = dir.resolve("missing.avsc");

        Run run = run("check", "--level", "BACKWARD", "--candidate", missing);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: " + missing + ": Cannot read the file");
    }

    @Test
    void check_brokenIdl_exitsTwoWithLine() throws IOException {
        Path candidate = write("bad.avdl", "namespace shop;\nschema R;\nrecord R {\n  string id\n}\n");

        Run run = run("check", "--level", "BACKWARD", "--candidate", candidate);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .startsWith("error: " + candidate + ":5:1: Not a valid Avro IDL file")
                .doesNotContain("\tat ");
    }

    @Test
    void check_unknownLevel_exitsTwoListingLevels() throws IOException {
        Path candidate = write("v1.avsc", V1);

        Run run = run("check", "--level", "SIDEWAYS", "--candidate", candidate);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown compatibility level 'SIDEWAYS'").contains("FULL_TRANSITIVE");
    }

    @Test
    void check_withoutCandidate_exitsTwoWithUsage() {
        Run run = run("check", "--level", "FULL");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("Missing required option: '--candidate=FILE'")
                .contains("Usage:");
    }

    @Test
    void noSubcommand_exitsTwoListingSubcommands() {
        Run run = run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing subcommand").contains("check");
    }
}
