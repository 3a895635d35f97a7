package dev.eventcontracts.plugin.report;

import dev.eventcontracts.plugin.gate.GateInputs;
import dev.eventcontracts.plugin.gate.Verdict;
import dev.eventcontracts.plugin.gate.Violation;
import dev.eventcontracts.plugin.results.ContractResult;
import dev.eventcontracts.plugin.results.ScenarioResult;
import dev.eventcontracts.plugin.results.ScenarioStatus;
import dev.eventcontracts.plugin.results.SchemaCheck;
import dev.eventcontracts.plugin.results.SchemaIssue;
import dev.eventcontracts.plugin.results.SchemaStatus;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code report.junit.xml}: the verdict in the JUnit XML format CI servers chart (GitLab's
 * {@code artifacts:reports:junit}, Jenkins' {@code junit} step, GitHub test-report actions).
 *
 * <p>One {@code <testsuite>} per consumer with one {@code <testcase>} per scenario ({@code
 * classname} is the consumer, {@code name} the scenario's letter, id and sentence); failed
 * scenarios are {@code <failure>}, errored ones {@code <error>}, skipped ones {@code <skipped>}.
 * Then a suite {@code schemas} with one case per schema file, failing with every incompatibility,
 * and a suite {@code gate} whose case {@code verdict} fails exactly when the gate is red, plus one
 * case per finding or test-suite violation. Deterministic: no timestamps or host names.
 */
public final class JUnitXmlReport {

    /**
     * Renders the XML document.
     *
     * @param reportLocation where the HTML report is, for the failing verdict's text
     */
    public String render(String projectName, GateInputs inputs, Verdict verdict, String reportLocation) {
        List<Suite> suites = new ArrayList<>();
        for (ContractResult contract : inputs.contracts()) {
            suites.add(consumerSuite(contract));
        }
        inputs.compatibility().ifPresent(c -> suites.add(schemaSuite(c.schemas())));
        suites.add(gateSuite(verdict, reportLocation));
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", text("event-contracts: " + projectName));
            writeCounts(xml, suites.stream().flatMap(s -> s.cases().stream()).toList());
            for (Suite suite : suites) {
                writeSuite(xml, suite);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot render report.junit.xml: " + e.getMessage(), e);
        }
    }

    private enum Outcome {
        PASSED,
        FAILURE,
        ERROR,
        SKIPPED
    }

    private record Case(String classname, String name, long millis, Outcome outcome, String message, String body) {}

    private record Suite(String name, List<Case> cases) {}

    private static Suite consumerSuite(ContractResult contract) {
        List<Case> cases = new ArrayList<>();
        for (ScenarioResult s : contract.scenarios()) {
            ScenarioStatus status = s.status() == null ? ScenarioStatus.ERROR : s.status();
            Outcome outcome = switch (status) {
                case PASSED -> Outcome.PASSED;
                case FAILED -> Outcome.FAILURE;
                case ERROR -> Outcome.ERROR;
                case SKIPPED -> Outcome.SKIPPED;
            };
            String name = "(" + s.letter() + ") " + s.id() + (s.displayName() == null ? "" : ": " + s.displayName());
            String message = s.message() == null && status == ScenarioStatus.ERROR ? "no status recorded" : s.message();
            String body = message == null ? null : message + (s.fix() == null ? "" : "\nFix: " + s.fix());
            cases.add(new Case(contract.consumer(), name, s.durationMillis(), outcome, message, body));
        }
        return new Suite(contract.consumer(), cases);
    }

    private static Suite schemaSuite(List<SchemaCheck> checks) {
        List<Case> cases = new ArrayList<>();
        for (SchemaCheck check : checks) {
            String name = check.subject() + " (" + check.file() + ", " + check.level() + ")";
            if (check.status() != SchemaStatus.INCOMPATIBLE) {
                cases.add(new Case("schemas", name, 0, Outcome.PASSED, null, null));
                continue;
            }
            StringBuilder body = new StringBuilder();
            for (SchemaIssue issue : check.incompatibilities()) {
                body.append(issue.kind())
                        .append(" at ")
                        .append(issue.path() == null || issue.path().isBlank() ? issue.jsonPointer() : issue.path())
                        .append(" (v")
                        .append(issue.version())
                        .append(", ")
                        .append(issue.direction())
                        .append("): ")
                        .append(issue.message());
                if (issue.fix() != null) {
                    body.append(" Fix: ").append(issue.fix());
                }
                body.append('\n');
            }
            int n = check.incompatibilities().size();
            String message = n + " incompatibilit" + (n == 1 ? "y" : "ies") + " with registered versions";
            cases.add(new Case("schemas", name, 0, Outcome.FAILURE, message, body.toString()));
        }
        return new Suite("schemas", cases);
    }

    private static Suite gateSuite(Verdict verdict, String reportLocation) {
        List<Case> cases = new ArrayList<>();
        List<Violation> blocking = verdict.blocking();
        if (verdict.red()) {
            cases.add(new Case(
                    "gate",
                    "verdict",
                    0,
                    Outcome.FAILURE,
                    verdict.summaryLine(),
                    verdict.failureMessage(reportLocation)));
        } else {
            cases.add(new Case("gate", "verdict", 0, Outcome.PASSED, null, null));
        }
        for (Violation v : verdict.violations()) {
            if (v.kind() != Violation.Kind.FINDING && v.kind() != Violation.Kind.TESTS) {
                continue;
            }
            String name = v.kind().name().toLowerCase(Locale.ROOT) + " " + v.subject()
                    + (v.location() == null || v.location().isBlank() ? "" : " " + v.location());
            cases.add(
                    blocking.contains(v)
                            ? new Case("gate", name, 0, Outcome.FAILURE, v.severity() + ": " + v.problem(), v.toLine())
                            : new Case("gate", name, 0, Outcome.PASSED, null, v.severity() + ": " + v.toLine()));
        }
        return new Suite("gate", cases);
    }

    private static void writeSuite(XMLStreamWriter xml, Suite suite) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", text(suite.name()));
        writeCounts(xml, suite.cases());
        for (Case c : suite.cases()) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("testcase");
            xml.writeAttribute("classname", text(c.classname()));
            xml.writeAttribute("name", text(c.name()));
            xml.writeAttribute("time", seconds(c.millis()));
            switch (c.outcome()) {
                case PASSED -> {
                    if (c.body() != null) {
                        xml.writeStartElement("system-out");
                        xml.writeCharacters(text(c.body()));
                        xml.writeEndElement();
                    }
                }
                case SKIPPED -> {
                    xml.writeEmptyElement("skipped");
                    if (c.message() != null) {
                        xml.writeAttribute("message", text(c.message()));
                    }
                }
                case FAILURE, ERROR -> {
                    String element = c.outcome() == Outcome.FAILURE ? "failure" : "error";
                    xml.writeStartElement(element);
                    xml.writeAttribute("message", text(c.message() == null ? element : c.message()));
                    if (c.body() != null) {
                        xml.writeCharacters(text(c.body()));
                    }
                    xml.writeEndElement();
                }
            }
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void writeCounts(XMLStreamWriter xml, List<Case> cases) throws XMLStreamException {
        xml.writeAttribute("tests", Integer.toString(cases.size()));
        xml.writeAttribute("failures", count(cases, Outcome.FAILURE));
        xml.writeAttribute("errors", count(cases, Outcome.ERROR));
        xml.writeAttribute("skipped", count(cases, Outcome.SKIPPED));
        xml.writeAttribute(
                "time", seconds(cases.stream().mapToLong(Case::millis).sum()));
    }

    private static String count(List<Case> cases, Outcome outcome) {
        return Long.toString(cases.stream().filter(c -> c.outcome() == outcome).count());
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** Drops the characters XML 1.0 cannot carry (control characters other than tab and newlines). */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            boolean allowed = cp == 0x9
                    || cp == 0xA
                    || cp == 0xD
                    || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD)
                    || (cp >= 0x10000 && cp <= 0x10FFFF);
            out.appendCodePoint(allowed ? cp : 0xFFFD);
        });
        return out.toString();
    }
}
