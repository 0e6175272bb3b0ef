package dev.salvo.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.RequestResult;
import dev.salvo.Responses;
import dev.salvo.testing.TestServer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a report of a real burst in headless Chromium: the timeline must render one row per
 * request, the page must print nothing to the console (no script error, no blocked resource),
 * and the screenshot must show the bars painted. The screenshot is kept as
 * {@code target/salvo-report-screenshot.png}, the burst's JSON file beside it.
 */
class ReportInBrowserTest {

    static final Path SCREENSHOT = Path.of("target", "salvo-report-screenshot.png");
    /** The data behind the screenshot, kept beside it. */
    static final Path SCREENSHOT_DATA = Path.of("target", "salvo-report-screenshot.json");
    /** Tall enough for the page of a 20-request burst, and no taller. */
    private static final int SCREENSHOT_HEIGHT = 740;
    private static final Pattern ROW = Pattern.compile("<g class=\"row o-([a-z0-9]+)\"");
    private static final int SUCCESS_RGB = 0x2f9e44;

    @TempDir
    Path scratch;

    @Test
    void timelineRendersOneRowPerRequestWithoutConsoleMessages() throws Exception {
        HeadlessChromium chromium = new HeadlessChromium(scratch);
        Path page;
        Responses responses;
        try (TestServer server = TestServer.start(); ReportWriter writer = new ReportWriter(scratch.resolve("reports"))) {
            BurstReport report = DemoBurst.fire(server);
            responses = report.responses();
            page = writer.write(report).page();
        }
        assertThat(responses.statusCounts()).containsOnlyKeys(200, 404, 500);
        assertThat(responses.failures()).extracting(RequestResult::index).containsExactly(17);

        HeadlessChromium.Run dom = chromium.dumpDom(page);
        assertThat(dom.consoleMessages()).as("console messages of %s", page).isEmpty();
        assertThat(rowOutcomes(dom.stdout())).as("rows in the rendered DOM").hasSize(DemoBurst.COUNT)
                .filteredOn("5xx"::equals).hasSize(responses.statusCounts().get(500).intValue());
        assertThat(dom.stdout()).contains("class=\"legend\"", "class=\"release\"", "class=\"spread\"");

        HeadlessChromium.Run index = chromium.dumpDom(page.resolveSibling("index.html"));
        assertThat(index.consoleMessages()).isEmpty();
        assertThat(index.stdout()).containsOnlyOnce("class=\"burst-row");

        Files.createDirectories(SCREENSHOT.getParent());
        Files.deleteIfExists(SCREENSHOT);
        HeadlessChromium.Run shot = chromium.screenshot(page, SCREENSHOT, SCREENSHOT_HEIGHT);
        assertThat(shot.consoleMessages()).isEmpty();
        BufferedImage image = ImageIO.read(SCREENSHOT.toFile());
        assertThat(image.getWidth()).isEqualTo(1400);
        Files.copy(page.resolveSibling("dev.example.CouponTest.redeem.json"), SCREENSHOT_DATA, StandardCopyOption.REPLACE_EXISTING);
        assertThat(pixels(image, SUCCESS_RGB)).as("pixels in the 2xx colour: the legend and the badge have about 1 600, "
                + "the bars of 15 responses answered after 20 to 260 ms about 90 000").isGreaterThan(20_000);
    }

    private static List<String> rowOutcomes(String dom) {
        List<String> outcomes = new ArrayList<>();
        Matcher matcher = ROW.matcher(dom);
        while (matcher.find()) {
            outcomes.add(matcher.group(1));
        }
        return outcomes;
    }

    /** @return how many pixels have this colour, give or take a little antialiasing */
    private static int pixels(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int pixel = image.getRGB(x, y);
                if (near(pixel >> 16, rgb >> 16) && near(pixel >> 8, rgb >> 8) && near(pixel, rgb)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static boolean near(int a, int b) {
        return Math.abs((a & 0xff) - (b & 0xff)) <= 6;
    }

}
