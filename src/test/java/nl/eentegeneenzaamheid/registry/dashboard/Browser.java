package nl.eentegeneenzaamheid.registry.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium driven through its chromedriver (nothing is downloaded), and the steps the dashboard's browser
 * tests share: signing in, opening a view by its URL, waiting until it is drawn, reading what a live update may
 * redraw, downloads and screenshots. In CI (CI=true) the browser must be there; elsewhere its absence skips the test.
 * Screenshots go to target/screenshots/, those of the demo data with -Ddashboard.docs=true also to docs/img/.
 */
final class Browser {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path DOCS_IMAGES = Path.of("docs", "img");

    final WebDriver driver;
    final Path downloads;
    private final String base;

    private Browser(WebDriver driver, Path downloads, String base) {
        this.driver = driver;
        this.downloads = downloads;
        this.base = base;
    }

    /** A headless browser for the registry listening on this port. */
    static Browser start(int port) throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(installed, "chromium and chromedriver are not installed (apt-get install -y "
                                              + "chromium chromium-driver); CI runs these tests");
        }
        Path downloads = Files.createTempDirectory("dashboard-downloads");
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             "--window-size=1400,1000", "--lang=nl-NL",
                             "--user-data-dir=" + Files.createTempDirectory("dashboard-profile"));
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("intl.accept_languages", "nl-NL,nl");
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("profile.default_content_setting_values.automatic_downloads", 1);
        options.setExperimentalOption("prefs", prefs);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                // Headless, date fields follow LANGUAGE, not --lang (given Debian's chromium-l10n): dd-mm-jjjj.
                .withEnvironment(Map.of("LANGUAGE", "nl")).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // Every WebSocket the page opens, so that a test can make one fail (it runs before the page's own scripts;
        // scripts added through the DevTools protocol are not subject to the page's content security policy).
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                window.testSockets = [];
                window.WebSocket = class extends window.WebSocket {
                  constructor(...args) { super(...args); window.testSockets.push(this); }
                };"""));
        return new Browser(driver, downloads, "http://localhost:" + port + "/");
    }

    void quit() {
        driver.quit();
    }

    String base() {
        return base;
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Script errors and whatever the page's content security policy refused since the last call. */
    List<String> consoleProblems() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                     .map(LogEntry::getMessage)
                     .filter(m -> m.contains("Uncaught") || m.contains("Content Security Policy")
                                  || m.contains("TypeError"))
                     .toList();
    }

    /** Opens the dashboard afresh (a new browser session's storage): the sign-in form. */
    WebElement signInForm() {
        driver.get(base);
        script("sessionStorage.clear(); location.hash = ''; location.reload();");
        return new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(b -> b.findElements(By.id("token")).stream().findFirst().orElse(null));
    }

    /** Signs in through the form. */
    void signIn(String token) {
        signInForm().sendKeys(token);
        driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(b -> !b.findElements(By.cssSelector("#sign-in .error")).isEmpty()
                            || "ready".equals(b.findElement(By.tagName("body")).getDomAttribute("data-state")));
    }

    /** Opens a view by its URL (view?date=...), as a bookmark does, and waits until it shows that date. */
    void open(String hash) {
        driver.get(base + "#/" + hash);
        waitForView(null, hash.replaceAll(".*date=([0-9-]{10}).*", "$1"));
    }

    /** Sets the date field as a person does (a new value, then change), and waits for the view to show it. */
    void setDate(String day) {
        script("const f = document.getElementById('date'); f.value = arguments[0];"
               + "f.dispatchEvent(new Event('change'));", day);
        waitForView(null, day);
    }

    void waitForView(String view, String day) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(b -> {
            WebElement body = b.findElement(By.tagName("body"));
            return "ready".equals(body.getDomAttribute("data-state")) && day.equals(body.getDomAttribute("data-date"))
                   && (view == null || view.equals(body.getDomAttribute("data-view")));
        });
    }

    List<String> navigation() {
        return driver.findElements(By.cssSelector("nav a")).stream().map(a -> a.getDomAttribute("data-view")).toList();
    }

    // A live update may redraw the view between finding an element and reading it: read again from a fresh find.
    String text(By by) {
        return fresh(by, WebElement::getText);
    }

    String attribute(By by, String name) {
        return fresh(by, e -> e.getDomAttribute(name));
    }

    List<String> texts(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(b -> b.findElements(by).stream().map(WebElement::getText).toList());
    }

    private String fresh(By by, Function<WebElement, String> read) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(b -> read.apply(b.findElement(by)));
    }

    /** The downloaded file of this name, once it is complete. */
    Path download(String name) {
        Path file = downloads.resolve(name);
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(b -> Files.exists(file) && size(file) > 0);
        return file;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** A screenshot in target/screenshots/; one for the docs also in docs/img/ with -Ddashboard.docs=true. */
    void screenshot(String name, boolean forDocs) throws IOException {
        File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        if (forDocs && Boolean.getBoolean("dashboard.docs")) {
            Files.createDirectories(DOCS_IMAGES);
            Files.copy(shot.toPath(), DOCS_IMAGES.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The page laid out as printed (CSS media print), for a screenshot of the print layout; false turns it back. */
    void printMedia(boolean print) {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", print ? "print" : ""));
    }
}
