package io.pikko.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The dashboard page in a real browser (Debian's headless Chromium, driven by Selenium through the
 * system's chromedriver) against three node JVMs with an admin token: read-only until the token is
 * given (a wrong one refused), asked for once per session; it shows the nodes with their memory and
 * disk, the slot map and its heat under load, live plots, the groups' servers with their roles,
 * starts a migration and follows its progress to the end, previews then confirms a rebalance, and
 * shows the API's refusal of a bad assignment. Screenshots of each step go to target/dashboard-screenshots.
 */
class DashboardPageTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");

    private static final String TOKEN = "page-test-token";
    /** A slot of group 1 that no step moves, under load for the whole test. */
    private static final int HOT_SLOT = 700;

    @RegisterExtension
    static final PikkoCluster cluster = PikkoCluster.of(3).withAdminToken(TOKEN);

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

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static boolean enabled(String form) {
        return browser.findElement(By.id(form)).findElement(By.cssSelector("button[type=submit]")).isEnabled();
    }

    /** The legend entries of a live plot: series name → its latest value (NaN for none) and points drawn. */
    private static List<double[]> legend(String id) {
        return browser.findElements(By.cssSelector("#" + id + " .series")).stream().map(series -> {
            String latest = series.getAttribute("data-latest");
            return new double[] {latest.isEmpty() ? Double.NaN : Double.parseDouble(latest),
                    Double.parseDouble(series.getAttribute("data-points"))};
        }).toList();
    }

    private static void plotsAndHeat() throws Exception {
        until("the ops/s of three nodes plotted, node 0's busy", () -> {
            List<double[]> ops = legend("legend-ops");
            return ops.size() == 3 && ops.stream().anyMatch(series -> series[0] > 50 && series[1] >= 3);
        });
        until("a p99 plotted", () -> legend("legend-p99").stream().anyMatch(series -> series[0] > 0));

        // The heat view: the loaded slot is the hottest, and hovering it tells its load.
        browser.findElement(By.id("view-heat")).click();
        WebElement hot = browser.findElement(By.cssSelector(".slot[data-slot='" + HOT_SLOT + "']"));
        until("the loaded slot hottest", () -> {
            int ops = Integer.parseInt(hot.getAttribute("data-ops"));
            return ops > 50 && browser.findElements(By.cssSelector("#slot-map .slot")).stream()
                    .allMatch(cell -> Integer.parseInt(cell.getAttribute("data-ops")) <= ops);
        });
        new Actions(browser).moveToElement(hot).perform();
        until("the hovered slot described", () -> text("slot-info").matches(
                "slot " + HOT_SLOT + ": group 1, (\\d+ keys|keys unknown), [1-9]\\d* ops/s"));
        screenshot("2-heat-and-plots");
        browser.findElement(By.id("view-groups")).click();
    }

    /** SETs and GETs on keys of {@link #HOT_SLOT} through node 0, a few hundred a second, until interrupted. */
    private static Thread load() {
        List<String> keys = SlotKeys.inSlots("hot:", HOT_SLOT, HOT_SLOT, 20);
        Thread thread = new Thread(() -> {
            for (int i = 0; !Thread.currentThread().isInterrupted(); ) {
                try (Jedis jedis = cluster.node(0).jedis()) {
                    for (; ; i++) {
                        String key = keys.get(i % keys.size());
                        jedis.set(key, "v" + i);
                        jedis.get(key);
                        Thread.sleep(2);
                    }
                } catch (JedisException slow) {
                    // A reply late on a loaded machine: a new connection, and on.
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }, "dashboard-page-load");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String errorShown() {
        WebElement error = browser.findElement(By.id("error"));
        return error.isDisplayed() ? error.getText() : "";
    }

    @Test
    void anOperatorSteersTheClusterFromThePage() throws Exception {
        AdminClient admin = cluster.node(0).admin();
        // About 1,500 keys a slot: three batches of 512 each, so a move's progress shows part way.
        List<String> keys = SlotKeys.inSlots("page:", 0, 3, 6000);
        try (Jedis jedis = cluster.node(0).jedis()) {
            for (String key : keys) {
                jedis.set(key, "v");
            }
        }
        // Slow enough that the page sees the move running: a slot's batches come over about 4 s.
        admin.actionSettingsOk("{\"max_keys_per_sec\":400}");

        String page = "http://127.0.0.1:" + cluster.node(0).adminPort() + "/";
        browser.get(page);
        until("three nodes up", () -> text("summary").startsWith("3 nodes (3 up)"));
        assertEquals(3, browser.findElements(By.cssSelector("#nodes tr.node")).size());
        assertEquals(1024, browser.findElements(By.cssSelector("#slot-map .slot")).size());
        until("the slot map coloured", () -> "1".equals(browser.findElement(By.cssSelector(".slot[data-slot='0']")).getAttribute("data-group")));
        assertTrue(browser.findElement(By.id("nodes")).getText().contains("yes"), "the dashboard's node is marked");
        until("every node's memory and disk", () -> browser.findElements(By.cssSelector("#nodes tr.node")).stream().allMatch(row ->
                row.findElement(By.className("heap")).getText().matches("[0-9.]+ MiB / [0-9.]+ MiB")
                        && row.findElement(By.className("data-dir")).getText().matches("[0-9.]+ (KiB|MiB)")));

        // The cluster has a token: the page asks for it, and is read-only meanwhile.
        assertTrue(browser.findElement(By.id("token-ask")).isDisplayed(), "the page asks for the token");
        assertEquals("read-only", text("mode"));
        assertFalse(enabled("migrate"), "read-only: no migrating");
        browser.findElement(By.id("token")).sendKeys("not-the-token");
        browser.findElement(By.cssSelector("#token-form button[type=submit]")).click();
        until("the wrong token refused", () -> errorShown().endsWith("(HTTP 401)"));
        assertEquals("read-only", text("mode"));
        screenshot("1-token-asked");
        assertEquals("", browser.findElement(By.id("token")).getDomProperty("value"), "a refused token is cleared");
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.cssSelector("#token-form button[type=submit]")).click();
        until("the token taken", () -> text("mode").equals("admin (token set)"));
        assertFalse(browser.findElement(By.id("token-ask")).isDisplayed());
        assertEquals("", errorShown());
        assertTrue(enabled("migrate"), "with the token the page may change the cluster");

        // Live plots: a line per node, moving with the load node 0 takes.
        Thread load = load();
        try {
            plotsAndHeat();
        } finally {
            load.interrupt();
            load.join(20_000);
        }

        fill("group-create", "id", "2");

        fill("server-add", "group", "2", "node", cluster.node(1).respAddress());
        until("group 2 with its server", () -> text("groups").contains(cluster.node(1).respAddress()));
        assertEquals("", errorShown());
        List<WebElement> groups = browser.findElements(By.cssSelector("#groups tr.group"));
        assertEquals(2, groups.size());
        for (WebElement group : groups) {
            assertTrue(group.findElement(By.cssSelector(".server .role")).getText().equals("master"), group.getText());
            assertEquals("up", group.findElement(By.cssSelector(".server .state")).getText(), group.getText());
            assertEquals("async", group.findElement(By.className("mode")).getText(), "the default replication mode");
        }

        fill("migrate", "from", "0", "to", "3", "group", "2");
        until("a move's progress bar part way", () -> browser.findElements(By.cssSelector("#actions tr.action progress")).stream()
                .anyMatch(bar -> {
                    double value = Double.parseDouble(bar.getDomProperty("value"));
                    return value > 0 && value < Double.parseDouble(bar.getDomProperty("max"));
                }));
        until("the migration's keys/s plotted", () -> legend("legend-migration").stream().anyMatch(series -> series[0] > 0));
        screenshot("3-migration-progress");
        until("the four slots moved", () -> browser.findElements(By.cssSelector("#actions tr.action")).isEmpty()
                && browser.findElements(By.cssSelector(".slot[data-group='2']")).size() == 4);
        int[] slots = admin.slots();
        for (int slot = 0; slot <= 3; slot++) {
            assertEquals(2, slots[slot], "slot " + slot);
        }
        try (Jedis jedis = cluster.node(1).jedis()) {
            assertEquals("v", jedis.get(keys.get(0)));
        }
        screenshot("4-migrated");

        // A bad action: slots that hold keys cannot be assigned; the API's refusal is shown.
        fill("assign", "from", "0", "to", "3", "group", "1");
        until("the API's error", () -> !errorShown().isEmpty());
        assertTrue(errorShown().contains("holds") && errorShown().endsWith("(HTTP 409)"), errorShown());
        screenshot("5-refused");

        admin.actionSettingsOk("{\"max_keys_per_sec\":0,\"disabled\":true}");
        browser.findElement(By.id("rebalance-preview")).click();
        until("the plan", () -> browser.findElement(By.id("rebalance-plan")).getText().startsWith("Plan: "));
        assertTrue(admin.actions().isEmpty(), "a preview schedules nothing");
        screenshot("6-rebalance-plan");
        browser.findElement(By.id("rebalance-confirm")).click();
        until("the plan scheduled", () -> browser.findElement(By.id("rebalance-plan")).getText().startsWith("Scheduled: "));
        assertTrue(admin.actions().size() > 400, "the moves are queued: " + admin.actions().size());
        until("the queued moves listed", () -> browser.findElements(By.cssSelector("#actions tr.action")).size() > 400);
        assertEquals("Resume", browser.findElement(By.id("actions-toggle")).getText(), "the actions are paused");
        screenshot("7-rebalance-scheduled");

        // The token is asked for once a browser session: a reload keeps it.
        browser.navigate().refresh();
        until("the page again", () -> text("summary").startsWith("3 nodes"));
        assertEquals("admin (token set)", text("mode"));
        assertFalse(browser.findElement(By.id("token-ask")).isDisplayed(), "no second ask");
    }
}
