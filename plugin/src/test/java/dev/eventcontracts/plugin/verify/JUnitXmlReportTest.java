package dev.eventcontracts.plugin.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code report.junit.xml} through the gate: what CI servers chart must say what the gate said. */
class JUnitXmlReportTest {

    @TempDir
    Path dir;

    private SampleBuild build;

    @BeforeEach
    void setUp() {
        build = new SampleBuild(dir);
    }

    private Document run() throws Exception {
        VerifyOutcome outcome = new VerifyGate().run(build.config());
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(outcome.junitXml().toFile());
    }

    @Test
    void render_brokenConsumerAndSchema_failsTheirCasesAndTheVerdict() throws Exception {
        build.consumer(
                        "com.example.ShippingConsumer#onOrderPlaced",
                        "shipping.dlq",
                        "FAILED:2 shipments created for order o-1, expected 1",
                        "PASSED",
                        "ERROR:consumer threw NullPointerException",
                        "SKIPPED")
                .compatibility(SampleBuild.incompatibleOrderPlaced());

        Document xml = run();

        Element root = xml.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("name")).isEqualTo("event-contracts: online-store");
        assertThat(root.getAttribute("tests")).isEqualTo("7");
        assertThat(root.getAttribute("failures")).isEqualTo("3");
        assertThat(root.getAttribute("errors")).isEqualTo("1");
        assertThat(root.getAttribute("skipped")).isEqualTo("1");
        assertThat(suiteNames(xml)).containsExactly("com.example.ShippingConsumer#onOrderPlaced", "schemas", "gate");

        Element suite = suite(xml, "com.example.ShippingConsumer#onOrderPlaced");
        assertThat(suite.getAttribute("time")).isEqualTo("0.046");
        Element duplicate = testcase(suite, "(a) duplicate-delivery: scenario duplicate-delivery");
        assertThat(duplicate.getAttribute("classname")).isEqualTo("com.example.ShippingConsumer#onOrderPlaced");
        assertThat(duplicate.getAttribute("time")).isEqualTo("0.010");
        Element failure = child(duplicate, "failure");
        assertThat(failure.getAttribute("message")).isEqualTo("2 shipments created for order o-1, expected 1");
        assertThat(child(testcase(suite, "(c) out-of-order-redelivery: scenario out-of-order-redelivery"), "error")
                        .getAttribute("message"))
                .isEqualTo("consumer threw NullPointerException");
        assertThat(child(testcase(suite, "(d) batch-replay: scenario batch-replay"), "skipped"))
                .isNotNull();
        assertThat(testcase(suite, "(b) lost-ack: scenario lost-ack")
                        .getChildNodes()
                        .getLength())
                .isZero();

        Element schemas = suite(xml, "schemas");
        Element orderPlaced = testcase(schemas, "com.example.OrderPlaced (src/main/avro/order.avsc, BACKWARD)");
        Element schemaFailure = child(orderPlaced, "failure");
        assertThat(schemaFailure.getAttribute("message")).isEqualTo("1 incompatibility with registered versions");
        assertThat(schemaFailure.getTextContent())
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE at customer.email (v2, new reads old):"
                        + " field 'customer.email' was added without a default Fix: Add \"default\": null");
        assertThat(testcase(schemas, "com.example.OrderShipped (src/main/avro/shipped.avsc, BACKWARD)")
                        .getElementsByTagName("failure")
                        .getLength())
                .isZero();

        Element verdict = testcase(suite(xml, "gate"), "verdict");
        assertThat(child(verdict, "failure").getTextContent())
                .startsWith("event-contracts gate failed: 3 violations at ERROR or above")
                .endsWith("Report: target/event-contracts/report.html");
    }

    @Test
    void render_allPassed_hasNoFailureAnywhere() throws Exception {
        build.consumer("com.example.InventoryConsumer#onOrderPlaced", "inventory.dlq", "PASSED", "PASSED");

        Document xml = run();

        assertThat(xml.getDocumentElement().getAttribute("tests")).isEqualTo("3");
        assertThat(xml.getElementsByTagName("failure").getLength()).isZero();
        assertThat(xml.getElementsByTagName("error").getLength()).isZero();
        assertThat(testcase(suite(xml, "gate"), "verdict").getChildNodes().getLength())
                .isZero();
    }

    @Test
    void render_findingBelowThreshold_isAPassingCaseThatStillSaysIt() throws Exception {
        build.findings("""
                {"formatVersion":1,"consumers":["com.example.AnalyticsConsumer#onOrderPlaced"],
                 "findings":[{"severity":"WARNING","code":"NO_DEAD_LETTER_QUEUE","message":"consumer has no dead-letter queue",
                   "file":"src/main/java/com/example/AnalyticsConsumer.java","line":14}]}
                """);

        Document xml = run();

        Element finding = testcase(
                suite(xml, "gate"),
                "finding NO_DEAD_LETTER_QUEUE at src/main/java/com/example/AnalyticsConsumer.java:14");
        assertThat(finding.getElementsByTagName("failure").getLength()).isZero();
        assertThat(child(finding, "system-out").getTextContent())
                .startsWith("WARNING: finding 'NO_DEAD_LETTER_QUEUE'")
                .contains("consumer has no dead-letter queue");
    }

    @Test
    void render_controlCharactersInMessages_stayWellFormed() throws Exception {
        build.consumer("com.example.C#on", "c.dlq", "FAILED:bad byte \\u0001 here <&>");

        Document xml = run();

        Element failure = (Element) xml.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("bad byte \uFFFD here <&>");
    }

    private static List<String> suiteNames(Document xml) {
        NodeList suites = xml.getElementsByTagName("testsuite");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < suites.getLength(); i++) {
            names.add(((Element) suites.item(i)).getAttribute("name"));
        }
        return names;
    }

    private static Element suite(Document xml, String name) {
        NodeList suites = xml.getElementsByTagName("testsuite");
        for (int i = 0; i < suites.getLength(); i++) {
            Element e = (Element) suites.item(i);
            if (e.getAttribute("name").equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no testsuite '" + name + "' in " + suiteNames(xml));
    }

    private static Element testcase(Element suite, String name) {
        NodeList cases = suite.getElementsByTagName("testcase");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            if (e.getAttribute("name").equals(name)) {
                return e;
            }
            names.add(e.getAttribute("name"));
        }
        throw new AssertionError("no testcase '" + name + "' in " + names);
    }

    private static Element child(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        assertThat(nodes.getLength())
                .as("<%s> in %s", tag, parent.getAttribute("name"))
                .isEqualTo(1);
        return (Element) nodes.item(0);
    }
}
