package dev.eventcontracts.plugin.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eventcontracts.plugin.gate.GateInputs;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opens report.html in a real headless Chromium: skipped only where no Chromium is installed. */
class HtmlReportInChromiumTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("eventcontracts.chromium", "/usr/bin/chromium"));

    @TempDir
    Path dir;

    private Path report() throws IOException {
        GateInputs inputs = ReportFixtures.onlineStore();
        Path html = dir.resolve("report.html");
        Files.writeString(html, new HtmlReport().render("online-store", inputs, ReportFixtures.verdict(inputs)));
        return html;
    }

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
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(false)
                .redirectOutput(out.toFile())
                .redirectError(dir.resolve("chromium.err").toFile())
                .start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS))
                .as("Chromium finished")
                .isTrue();
        assertThat(process.exitValue())
                .as(Files.readString(dir.resolve("chromium.err")))
                .isZero();
        return Files.readString(out);
    }

    @Test
    void report_parsesIntoTheMatrixAndSchemaTables() throws Exception {
        Path html = report();

        String dom = chromium("--dump-dom", html.toUri().toString());

        assertThat(dom).contains("<table id=\"matrix\">", "<table id=\"schemas\">", "Gate failed");
        assertThat(dom.split("<td class=\"cell ", -1)).hasSize(1 + 2 * 14);
    }

    @Test
    void report_screenshotShowsTheRedVerdictBadge() throws Exception {
        Path html = report();
        Path png = dir.resolve("report.png");

        chromium("--window-size=1280,900", "--screenshot=" + png, html.toUri().toString());

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(countPixels(image, 0xcf222e))
                .as("pixels of the failed-verdict red")
                .isGreaterThan(200);
        assertThat(countPixels(image, 0xdafbe1)).as("pixels of passed cells").isGreaterThan(200);
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
