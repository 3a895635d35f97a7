package dev.eventcontracts.registry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaLoaderTest {

    @TempDir
    Path dir;

    private final SchemaLoader loader = new SchemaLoader();

    private Path write(String name, String singleQuoted) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, singleQuoted.replace('\'', '"'), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void loadDirectory_typesAcrossFiles_resolvedInDependencyOrder() throws IOException {
        // alphabetical order is the wrong order: a-order uses b-customer, which uses z/address
        Path order = write(
                "a-order.avsc",
                "{'type':'record','name':'OrderPlaced','namespace':'shop','fields':["
                        + "{'name':'customer','type':'Customer'},{'name':'ship','type':'shop.geo.Address'}]}");
        Path customer = write(
                "b-customer.avsc",
                "{'type':'record','name':'Customer','namespace':'shop','fields':["
                        + "{'name':'home','type':'shop.geo.Address'}]}");
        Path address = write(
                "z/address.avsc",
                "{'type':'record','name':'Address','namespace':'shop.geo','fields':["
                        + "{'name':'city','type':'string'}]}");

        SchemaSet set = loader.loadDirectory(dir);

        assertThat(set.schemas())
                .extracting(LoadedSchema::fullName)
                .containsExactly("shop.geo.Address", "shop.Customer", "shop.OrderPlaced");
        assertThat(set.find("shop.OrderPlaced"))
                .get()
                .extracting(LoadedSchema::source)
                .isEqualTo(order);
        assertThat(set.find("shop.Customer"))
                .get()
                .extracting(LoadedSchema::source)
                .isEqualTo(customer);
        assertThat(set.find("shop.geo.Address"))
                .get()
                .extracting(LoadedSchema::source)
                .isEqualTo(address);
        Schema loadedOrder = set.find("shop.OrderPlaced").orElseThrow().schema();
        assertThat(loadedOrder.getField("ship").schema().getField("city")).isNotNull();
    }

    @Test
    void load_unknownName_namesFileLineColumnAndName() throws IOException {
        Path order = write(
                "order.avsc",
                "{'type':'record','name':'OrderPlaced','namespace':'shop','fields':[\n"
                        + "  {'name':'customer','type':'Custmer'}]}");

        SchemaLoadException e = catchThrowableOfType(SchemaLoadException.class, () -> loader.load(List.of(order)));

        assertThat(e.file()).isEqualTo(order);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(29);
        assertThat(e.getMessage())
                .startsWith(order + ":2:29: ")
                .contains("Unknown type 'Custmer'")
                .contains("'shop.Custmer'")
                .doesNotContain("Did you mean");
    }

    @Test
    void load_misspelledName_suggestsTheClosestDefinedName() throws IOException {
        Path customer = write("customer.avsc", "{'type':'record','name':'Customer','namespace':'shop','fields':[]}");
        Path order = write(
                "order.avsc",
                "{'type':'record','name':'OrderPlaced','namespace':'shop','fields':["
                        + "{'name':'customer','type':'Custmer'},{'name':'note','type':'strng'}]}");

        assertThatThrownBy(() -> loader.load(List.of(customer, order)))
                .hasMessageContaining("Unknown type 'Custmer'")
                .hasMessageContaining("Did you mean 'shop.Customer'?");
        Path typo = write("typo.avsc", "{'type':'record','name':'R','fields':[{'name':'note','type':'strng'}]}");
        assertThatThrownBy(() -> loader.loadFile(typo)).hasMessageContaining("Did you mean 'string'?");
    }

    @Test
    void load_cycleBetweenFiles_namesBothFilesAndNames() throws IOException {
        Path a = write(
                "a.avsc",
                "{'type':'record','name':'A','namespace':'shop','fields':[{'name':'b','type':['null','B']}]}");
        Path b = write(
                "b.avsc",
                "{'type':'record','name':'B','namespace':'shop','fields':[{'name':'a','type':['null','A']}]}");

        assertThatThrownBy(() -> loader.load(List.of(a, b)))
                .isInstanceOf(SchemaLoadException.class)
                .hasMessageContaining("cycle")
                .hasMessageContaining(a + " uses 'shop.B'")
                .hasMessageContaining("uses 'shop.A'")
                .hasMessageContaining("defined in " + b)
                .hasMessageContaining("into one file");
    }

    @Test
    void load_sameNameInTwoFiles_namesBothFiles() throws IOException {
        Path a = write("a.avsc", "{'type':'record','name':'Customer','namespace':'shop','fields':[]}");
        Path b = write("b.avsc", "{'type':'record','name':'Customer','namespace':'shop','fields':[]}");

        SchemaLoadException e = catchThrowableOfType(SchemaLoadException.class, () -> loader.load(List.of(a, b)));

        assertThat(e.file()).isEqualTo(b);
        assertThat(e.getMessage()).contains("Duplicate name 'shop.Customer'").contains("also defined in " + a + ":1:1");
    }

    @Test
    void loadFile_duplicateNameInOneFile_pointsAtSecondDefinition() throws IOException {
        Path file = write(
                "dup.avsc",
                "{'type':'record','name':'R','fields':[\n"
                        + "{'name':'a','type':{'type':'enum','name':'E','symbols':['X']}},\n"
                        + "{'name':'b','type':{'type':'enum','name':'E','symbols':['Y']}}]}");

        SchemaLoadException e = catchThrowableOfType(SchemaLoadException.class, () -> loader.loadFile(file));

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("Duplicate name 'E'").contains("line 2");
    }

    @Test
    void loadFile_duplicateField_pointsAtSecondField() throws IOException {
        Path file = write(
                "dupfield.avsc",
                "{'type':'record','name':'R','fields':[\n{'name':'a','type':'int'},\n{'name':'a','type':'long'}]}");

        SchemaLoadException e = catchThrowableOfType(SchemaLoadException.class, () -> loader.loadFile(file));

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.problem()).contains("Duplicate field 'a' in record 'R'");
    }

    @Test
    void loadFile_notJson_reportsJacksonLineAndColumn() throws IOException {
        Path file = write("broken.avsc", "{'type':'record',\n'name':'R' 'fields':[]}");

        SchemaLoadException e = catchThrowableOfType(SchemaLoadException.class, () -> loader.loadFile(file));

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(12);
        assertThat(e.problem()).startsWith("Not valid JSON");
    }

    @Test
    void loadFile_notASchema_saysWhatASchemaIs() throws IOException {
        Path number = write("number.avsc", "42");
        Path noType = write("notype.avsc", "{'name':'R','fields':[]}");

        assertThatThrownBy(() -> loader.loadFile(number))
                .isInstanceOf(SchemaLoadException.class)
                .hasMessageContaining(number + ":1:1")
                .hasMessageContaining("Not a schema: 42");
        assertThatThrownBy(() -> loader.loadFile(noType))
                .isInstanceOf(SchemaLoadException.class)
                .hasMessageContaining("has no \"type\"");
    }

    @Test
    void loadFile_badDefault_pointsAtTheDefault() throws IOException {
        Path file = write(
                "default.avsc",
                "{'type':'record','name':'R','fields':[\n  {'name':'n','type':'int','default':'ten'}]}");

        SchemaLoadException e = catchThrowableOfType(SchemaLoadException.class, () -> loader.loadFile(file));

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(38);
        assertThat(e.problem())
                .contains("Invalid default for field 'n' of record 'R'")
                .contains("\"ten\"");
    }

    @Test
    void loadFile_invalidName_pointsAtTheName() throws IOException {
        Path file = write("name.avsc", "{'type':'record','name':'Order-Placed','fields':[]}");

        assertThatThrownBy(() -> loader.loadFile(file))
                .isInstanceOf(SchemaLoadException.class)
                .hasMessageContaining(":1:25:")
                .hasMessageContaining("Invalid record name 'Order-Placed'.");
    }

    @Test
    void loadFile_idlMainSchema_loadsWithSource() throws IOException {
        Path file = write("order.avdl", """
                namespace shop;
                schema OrderPlaced;
                enum Status { NEW, PAID }
                record OrderPlaced {
                  string id;
                  Status status = "NEW";
                  union { null, string } email = null;
                }
                """);

        LoadedSchema loaded = loader.loadFile(file);

        assertThat(loaded.fullName()).isEqualTo("shop.OrderPlaced");
        assertThat(loaded.source()).isEqualTo(file);
        assertThat(loaded.schema().getField("email").hasDefaultValue()).isTrue();
    }

    @Test
    void loadDirectory_idlProtocol_loadsEveryType() throws IOException {
        write("events.avdl", """
                @namespace("shop")
                protocol Events {
                  record Shipped { string id; }
                  record Cancelled { string id; string reason; }
                }
                """);

        SchemaSet set = loader.loadDirectory(dir);

        assertThat(set.schemas())
                .extracting(LoadedSchema::fullName)
                .containsExactlyInAnyOrder("shop.Shipped", "shop.Cancelled");
    }

    @Test
    void loadFile_brokenIdl_reportsLine() throws IOException {
        Path file = write("broken.avdl", "namespace shop;\nschema R;\nrecord R {\n  strin id;\n}\n");

        SchemaLoadException e = catchThrowableOfType(SchemaLoadException.class, () -> loader.loadFile(file));

        assertThat(e.file()).isEqualTo(file);
        assertThat(e.getMessage()).contains("broken.avdl").contains("strin");
    }

    @Test
    void loadFile_idlSyntaxError_reportsLineAndColumn() throws IOException {
        Path file = write("syntax.avdl", "namespace shop;\nschema R;\nrecord R {\n  string id\n}\n");

        SchemaLoadException e = catchThrowableOfType(SchemaLoadException.class, () -> loader.loadFile(file));

        assertThat(e.line()).isEqualTo(5);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.problem()).startsWith("Not a valid Avro IDL file");
    }

    @Test
    void fingerprint_reformattedSchema_isTheSameVersion() throws IOException {
        Path compact = write(
                "compact.avsc", "{'type':'record','name':'R','namespace':'shop','fields':[{'name':'a','type':'int'}]}");
        Path pretty = write(
                "pretty.avsc",
                "{\n  'namespace' : 'shop',\n  'type' : 'record',\n  'doc' : 'documented',\n"
                        + "  'name' : 'R',\n  'fields' : [ { 'type' : 'int', 'name' : 'a' } ]\n}\n");
        Path changed = write(
                "changed.avsc",
                "{'type':'record','name':'R','namespace':'shop','fields':[{'name':'a','type':'long'}]}");

        SchemaFingerprint one = loader.loadFile(compact).fingerprint();
        SchemaFingerprint two = loader.loadFile(pretty).fingerprint();
        SchemaFingerprint three = loader.loadFile(changed).fingerprint();

        assertThat(two).isEqualTo(one);
        assertThat(one.canonicalForm())
                .isEqualTo("{\"name\":\"shop.R\",\"type\":\"record\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
        assertThat(one.sha256()).hasSize(64);
        assertThat(one.crc64Hex()).hasSize(16);
        assertThat(three.crc64()).isNotEqualTo(one.crc64());
        assertThat(three.sha256()).isNotEqualTo(one.sha256());
        assertThat(one.sameVersionAs(loader.loadFile(pretty).schema())).isTrue();
    }

    @Test
    void parse_textWithKnownTypes_resolvesReferences() {
        LoadedSchema customer = loader.parse(
                "{\"type\":\"record\",\"name\":\"Customer\",\"namespace\":\"shop\",\"fields\":["
                        + "{\"name\":\"tier\",\"type\":{\"type\":\"enum\",\"name\":\"Tier\",\"symbols\":[\"GOLD\"]}}]}");

        LoadedSchema order = loader.parse(
                "{\"type\":\"record\",\"name\":\"OrderPlaced\",\"namespace\":\"shop\",\"fields\":["
                        + "{\"name\":\"customer\",\"type\":\"Customer\"},{\"name\":\"tier\",\"type\":\"Tier\"}]}",
                List.of(customer.schema()));

        assertThat(order.schema().getField("customer").schema()).isEqualTo(customer.schema());
        assertThatThrownBy(
                        () -> loader.parse(
                                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"c\",\"type\":\"shop.Customer\"}]}"))
                .isInstanceOf(SchemaLoadException.class)
                .hasMessageContaining("Unknown type 'shop.Customer'");
    }

    @Test
    void parse_text_reportsLineAndColumnWithoutFile() {
        SchemaLoadException e = catchThrowableOfType(
                SchemaLoadException.class,
                () -> loader.parse(
                        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[\n{\"name\":\"x\",\"type\":\"Nope\"}]}"));

        assertThat(e.file()).isNull();
        assertThat(e.getMessage()).startsWith("<schema>:2:");
        assertThat(loader.parse("\"string\"").fullName()).isEqualTo("string");
    }
}
