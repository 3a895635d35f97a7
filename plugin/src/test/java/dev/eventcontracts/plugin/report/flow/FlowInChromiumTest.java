package dev.eventcontracts.plugin.report.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eventcontracts.plugin.gate.GateInputs;
import dev.eventcontracts.plugin.gate.GateRules;
import dev.eventcontracts.plugin.gate.Severity;
import dev.eventcontracts.plugin.report.HtmlReport;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flow section in a real headless Chromium: skipped only where no Chromium is installed. */
class FlowInChromiumTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("eventcontracts.chromium", "/usr/bin/chromium"));

    @TempDir
    Path dir;

    private String chromium(String... args) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM);
        List<String> command = new ArrayList<>(List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(dir, "profile")));
        command.addAll(List.of(args));
        Path out = dir.resolve("chromium.out");
        Path err = dir.resolve("chromium.err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS))
                .as("Chromium finished")
                .isTrue();
        assertThat(process.exitValue()).as(Files.readString(err)).isZero();
        return Files.readString(out);
    }

    @Test
    void fullReport_parsesTheFlowSvgsAndTimelinesAsSvgElements() throws Exception {
        GateInputs inputs =
                new GateInputs(FlowFixtures.contracts(), Optional.empty(), Optional.empty(), Optional.empty());
        Path html = dir.resolve("report.html");
        Files.writeString(
                html,
                new HtmlReport(FlowSection.reading(FlowFixtures.shopAsyncApi()))
                        .render(
                                "shop",
                                inputs,
                                new GateRules("target/failsafe-reports").judge(inputs, Severity.ERROR, true)));

        String dom = chromium("--dump-dom", html.toUri().toString());

        assertThat(dom).contains("<section id=\"flow\">", "Event flow");
        assertThat(dom.split("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"flow\"", -1))
                .hasSize(3);
        assertThat(dom.split("class=\"timeline\"", -1)).hasSize(3);
        assertThat(dom).contains("<g class=\"consumer FAILED\"", "<g class=\"consumer PASSED\"");
    }

    @Test
    void screenshot_showsGreenAndRedConsumers_andTheDeadLetterSquare() throws Exception {
        StringBuilder body = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>");
        FlowSection.reading(FlowFixtures.shopAsyncApi()).appendTo(body, FlowFixtures.contracts());
        body.append("</body></html>");
        Path html = dir.resolve("flow.html");
        Files.writeString(html, body.toString());
        Path png = dir.resolve("flow.png");

        chromium("--window-size=1280,900", "--screenshot=" + png, html.toUri().toString());

        BufferedImage image = ImageIO.read(png.toFile());
        Files.copy(png, Path.of("target", "flow-screenshot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(image).isNotNull();
        assertThat(countPixels(image, 0xdafbe1))
                .as("pixels of the passed consumer")
                .isGreaterThan(3000);
        assertThat(countPixels(image, 0xffebe9))
                .as("pixels of the broken consumer")
                .isGreaterThan(3000);
        assertThat(countPixels(image, 0xbc4c00))
                .as("pixels of DLQ edges and the dead-letter square")
                .isGreaterThan(100);
    }

    private static int countPixels(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }
}
