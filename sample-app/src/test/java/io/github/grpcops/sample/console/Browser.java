package io.github.grpcops.sample.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from the system (Debian's {@code chromium} and {@code chromium-driver}), driven by
 * Selenium with the driver named explicitly, so Selenium Manager never runs and nothing is downloaded.
 * A missing browser or driver fails the test with what to install: these tests never skip.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));

    static final Path CHROMEDRIVER = Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));

    private final ChromeDriverService service;

    private final ChromeDriver driver;

    private final Path profile;

    private Browser(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    static Browser start() {
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(binary)) {
                throw new AssertionError(binary + " is missing: the console's browser tests need Chromium and its "
                        + "driver. Install them with 'apt-get install -y chromium chromium-driver' (.ci/run does), or "
                        + "point -Dconsole.chromium and -Dconsole.chromedriver at them.");
            }
        }
        // Named explicitly: Selenium looks no further (no Selenium Manager, no download).
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        try {
            Path profile = Files.createTempDirectory("grpc-ops-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile);
            options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
            return new Browser(service, new ChromeDriver(service, options), profile);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    WebDriver driver() {
        return this.driver;
    }

    /** The driver executable Selenium started. */
    String driverExecutable() {
        return this.service.getExecutable();
    }

    /**
     * Loads a console page by its hash route as a fresh document (by way of a blank page: a change of
     * the hash alone would keep the document) and waits until it has rendered.
     */
    void open(int port, String route) {
        this.driver.get("about:blank");
        this.driver.get("http://127.0.0.1:" + port + "/actuator/grpcui/#/" + route);
        waitForPage();
    }

    /** Waits until the page has rendered: a heading, no "Loading…". */
    void waitForPage() {
        waiting().until(d -> !d.findElement(By.tagName("main")).getText().contains("Loading…")
                && !d.findElements(By.cssSelector("main h1")).isEmpty());
    }

    WebDriverWait waiting() {
        // Pages re-render their tables on every refresh: an element found a moment ago may be gone.
        WebDriverWait wait = new WebDriverWait(this.driver, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** The browser's console errors (and failed loads) since the last call. */
    List<String> consoleErrors() {
        return this.driver.manage()
            .logs()
            .get(LogType.BROWSER)
            .getAll()
            .stream()
            .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
            .map(LogEntry::toString)
            .toList();
    }

    /** A PNG of the window: under target/console, and in docs/ui when -Dgrpc-ops.update-docs=true. */
    void screenshot(String name) {
        byte[] png = this.driver.getScreenshotAs(OutputType.BYTES);
        try {
            Path target = Path.of("target", "console", name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, png);
            if (Boolean.getBoolean("grpc-ops.update-docs")) {
                Path docs = Path.of("..", "docs", "ui", name + ".png");
                Files.createDirectories(docs.getParent());
                Files.write(docs, png);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        this.driver.quit();
        try (var files = Files.walk(this.profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException ex) {
            // a leftover temporary profile is harmless
        }
    }
}
