package dev.eventcontracts.registry.compat;

import static dev.eventcontracts.registry.compat.Schemas.avro;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * Golden files for the text and JSON renderings. To accept a deliberate change, run with {@code
 * -Deventcontracts.golden.update=true} and review the diff of {@code src/test/resources/compat/golden}.
 */
class ReportGoldenTest {

    private static final Path GOLDEN = Paths.get("src/test/resources/compat/golden");

    static final Schema V1 = avro("{'type':'record','name':'OrderPlaced','namespace':'shop','fields':["
            + "{'name':'orderId','type':'string'},"
            + "{'name':'status','type':{'type':'enum','name':'Status','symbols':['NEW','PAID','SHIPPED']}},"
            + "{'name':'quantity','type':'int'},"
            + "{'name':'customer','type':['null',{'type':'record','name':'Customer','fields':["
            + "{'name':'id','type':'string'}]}],'default':null},"
            + "{'name':'note','type':'string'}]}");

    static final Schema V2 = avro("{'type':'record','name':'OrderPlaced','namespace':'shop','fields':["
            + "{'name':'orderId','type':'string'},"
            + "{'name':'status','type':{'type':'enum','name':'Status','symbols':['NEW','PAID','SHIPPED']}},"
            + "{'name':'quantity','type':'int'},"
            + "{'name':'customer','type':['null',{'type':'record','name':'Customer','fields':["
            + "{'name':'id','type':'string'}]}],'default':null},"
            + "{'name':'note','type':'string','default':''}]}");

    /** Adds customer.email without default, drops SHIPPED, makes quantity a string, removes note. */
    static final Schema CANDIDATE = avro("{'type':'record','name':'OrderPlaced','namespace':'shop','fields':["
            + "{'name':'orderId','type':'string'},"
            + "{'name':'status','type':{'type':'enum','name':'Status','symbols':['NEW','PAID']}},"
            + "{'name':'quantity','type':'string'},"
            + "{'name':'customer','type':['null',{'type':'record','name':'Customer','fields':["
            + "{'name':'id','type':'string'},{'name':'email','type':'string'}]}],'default':null}]}");

    static final Schema STRICT_CANDIDATE = avro("{'type':'record','name':'OrderPlaced','namespace':'shop.v2','fields':["
            + "{'name':'orderId','type':'string'},"
            + "{'name':'amount','type':{'type':'bytes','logicalType':'decimal','precision':12,'scale':2}},"
            + "{'name':'coupon','type':['null','string'],'default':'none'}]}");

    static final Schema STRICT_PREVIOUS = avro("{'type':'record','name':'OrderPlaced','namespace':'shop','fields':["
            + "{'name':'orderId','type':'string'},"
            + "{'name':'amount','type':{'type':'bytes','logicalType':'decimal','precision':10,'scale':2}}]}");

    @Test
    void fullTransitive_manyBreaks_matchesGoldenTextAndJson() throws IOException {
        CompatibilityReport report =
                new CompatibilityChecker().check(CompatibilityLevel.FULL_TRANSITIVE, List.of(V1, V2), CANDIDATE);

        assertGolden("full-transitive.txt", report.toText());
        assertGolden("full-transitive.json", report.toJson());
    }

    @Test
    void compatible_matchesGoldenTextAndJson() throws IOException {
        CompatibilityReport report = new CompatibilityChecker().check(CompatibilityLevel.BACKWARD, List.of(V1), V2);

        assertGolden("compatible.txt", report.toText());
        assertGolden("compatible.json", report.toJson());
    }

    @Test
    void strictChecks_matchGoldenText() throws IOException {
        CompatibilityReport report = new CompatibilityChecker(CompatibilityOptions.strict())
                .check(CompatibilityLevel.FULL, List.of(STRICT_PREVIOUS), STRICT_CANDIDATE);

        assertGolden("strict.txt", report.toText());
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("eventcontracts.golden.update") || !Files.exists(file)) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as("golden file %s", file).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
