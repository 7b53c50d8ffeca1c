package io.pikko.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import redis.clients.jedis.Jedis;

/**
 * The dashboard page in a real browser (Debian's headless Chromium, driven by Selenium through the
 * system's chromedriver) against three node JVMs: it shows the nodes and the slot map, starts a
 * migration and follows its progress to the end, previews then confirms a rebalance, and shows the
 * API's refusal of a bad assignment. Screenshots of each step go to target/dashboard-screenshots.
 */
class DashboardPageTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");

    @RegisterExtension
    static final PikkoCluster cluster = PikkoCluster.of(3);

    private static ChromeDriver browser;

    @BeforeAll
    static void openBrowser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: the browser test needs Debian's chromium and chromium-driver (/usr/bin/chromium and"
                        + " /usr/bin/chromedriver); scripts/test-deps.sh installs them");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1500");
        // The driver given by path: no Selenium Manager, no download.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static void screenshot(String name) throws Exception {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void until(String what, java.util.function.Supplier<Boolean> condition) {
        // The page redraws its tables each second: an element found just before is then stale, and looked up again.
        new WebDriverWait(browser, WAIT).withMessage(what).ignoring(StaleElementReferenceException.class)
                .until(driver -> condition.get());
    }

    private static void fill(String form, String... namesAndValues) {
        WebElement element = browser.findElement(By.id(form));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            WebElement input = element.findElement(By.name(namesAndValues[i]));
            input.clear();
            input.sendKeys(namesAndValues[i + 1]);
        }
        element.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private static String errorShown() {
        WebElement error = browser.findElement(By.id("error"));
        return error.isDisplayed() ? error.getText() : "";
    }

    @Test
    void anOperatorSteersTheClusterFromThePage() throws Exception {
        AdminClient admin = cluster.node(0).admin();
        List<String> keys = SlotKeys.inSlots("page:", 0, 3, 2000);
        try (Jedis jedis = cluster.node(0).jedis()) {
            for (String key : keys) {
                jedis.set(key, "v");
            }
        }
        // Slow enough that the page sees the move running.
        admin.actionSettingsOk("{\"max_keys_per_sec\":300}");

        browser.get("http://127.0.0.1:" + cluster.node(0).adminPort() + "/");
        until("three nodes up", () -> browser.findElement(By.id("summary")).getText().startsWith("3 nodes (3 up)"));
        assertEquals(3, browser.findElements(By.cssSelector("#nodes tr.node")).size());
        assertEquals(1024, browser.findElements(By.cssSelector("#slot-map .slot")).size());
        until("the slot map coloured", () -> "1".equals(browser.findElement(By.cssSelector(".slot[data-slot='0']")).getAttribute("data-group")));
        assertTrue(browser.findElement(By.id("nodes")).getText().contains("yes"), "the dashboard's node is marked");
        screenshot("1-overview");

        fill("group-create", "id", "2");
        fill("server-add", "group", "2", "node", cluster.node(1).respAddress());
        until("group 2 with its server", () -> browser.findElement(By.id("groups")).getText().contains(cluster.node(1).respAddress()));
        assertEquals("", errorShown());

        fill("migrate", "from", "0", "to", "3", "group", "2");
        until("a move's progress bar part way", () -> browser.findElements(By.cssSelector("#actions tr.action progress")).stream()
                .anyMatch(bar -> {
                    double value = Double.parseDouble(bar.getDomProperty("value"));
                    return value > 0 && value < Double.parseDouble(bar.getDomProperty("max"));
                }));
        screenshot("2-migration-progress");
        until("the four slots moved", () -> browser.findElements(By.cssSelector("#actions tr.action")).isEmpty()
                && browser.findElements(By.cssSelector(".slot[data-group='2']")).size() == 4);
        int[] slots = admin.slots();
        for (int slot = 0; slot <= 3; slot++) {
            assertEquals(2, slots[slot], "slot " + slot);
        }
        try (Jedis jedis = cluster.node(1).jedis()) {
            assertEquals("v", jedis.get(keys.get(0)));
        }
        screenshot("3-migrated");

        // A bad action: slots that hold keys cannot be assigned; the API's refusal is shown.
        fill("assign", "from", "0", "to", "3", "group", "1");
        until("the API's error", () -> !errorShown().isEmpty());
        assertTrue(errorShown().contains("holds") && errorShown().endsWith("(HTTP 409)"), errorShown());
        screenshot("4-refused");

        admin.actionSettingsOk("{\"max_keys_per_sec\":0,\"disabled\":true}");
        browser.findElement(By.id("rebalance-preview")).click();
        until("the plan", () -> browser.findElement(By.id("rebalance-plan")).getText().startsWith("Plan: "));
        assertTrue(admin.actions().isEmpty(), "a preview schedules nothing");
        screenshot("5-rebalance-plan");
        browser.findElement(By.id("rebalance-confirm")).click();
        until("the plan scheduled", () -> browser.findElement(By.id("rebalance-plan")).getText().startsWith("Scheduled: "));
        assertTrue(admin.actions().size() > 400, "the moves are queued: " + admin.actions().size());
        until("the queued moves listed", () -> browser.findElements(By.cssSelector("#actions tr.action")).size() > 400);
        assertEquals("Resume", browser.findElement(By.id("actions-toggle")).getText(), "the actions are paused");
        screenshot("6-rebalance-scheduled");
    }
}
