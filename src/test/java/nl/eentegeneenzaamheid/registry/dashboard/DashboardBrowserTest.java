package nl.eentegeneenzaamheid.registry.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.RegistryTest;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's chromium driven through its chromedriver (nothing is downloaded). In CI
 * (CI=true) these tests must run; elsewhere they are skipped when the two binaries are absent. Screenshots go to
 * target/screenshots/, and with -Ddashboard.docs=true also to docs/img/ for docs/dashboard.md.
 */
@RegistryTest
class DashboardBrowserTest extends GraphQlClient {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path DOCS_IMAGES = Path.of("docs", "img");

    private static WebDriver browser;
    private static Path downloads;

    @BeforeAll
    static void startBrowser() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(installed, "chromium and chromedriver are not installed (apt-get install -y "
                                              + "chromium chromium-driver); CI runs these tests");
        }
        downloads = Files.createTempDirectory("dashboard-downloads");
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             "--window-size=1400,1000", "--lang=nl-NL",
                             "--user-data-dir=" + Files.createTempDirectory("dashboard-profile"));
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("profile.default_content_setting_values.automatic_downloads", 1);
        options.setExperimentalOption("prefs", prefs);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    /** No script error and nothing the page's content security policy refused, in whatever the test did. */
    @AfterEach
    void theConsoleShowsNoErrors() {
        List<String> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Uncaught") || m.contains("Content Security Policy") || m.contains("TypeError"))
                .toList();
        assertThat(problems).isEmpty();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theGrowthChartShowsTheMembersOnTheChosenDayAndExportsAsSvgPngAndCsv() throws Exception {
        // Our own members, so that the figure the chart must show is known whatever other tests recorded: three
        // joined in 2020 count on 2020-12-31; one that left in 2020 and one that joined in 2021 do not.
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        int before = membersOn("2020-12-31");
        for (String joinedOn : List.of("2020-02-03", "2020-06-30", "2020-12-31", "2021-01-01")) {
            join(national("Dashboard member " + joinedOn + " " + suffix), joinedOn);
        }
        String leaver = national("Dashboard leaver " + suffix);
        join(leaver, "2019-05-01");
        graphQl().document("mutation($o: ID!) { leaveCoalition(coalitionId: \"national\", organisationId: $o, "
                           + "leftOn: \"2020-03-01\") { leftOn } }").variable("o", leaver).execute()
                 .path("leaveCoalition.leftOn").entity(String.class).isEqualTo("2020-03-01");
        int expected = before + 3;
        assertThat(membersOn("2020-12-31")).isEqualTo(expected);

        long start = System.nanoTime();
        signIn(PROGRAMME_TEAM_TOKEN);
        long signedIn = System.nanoTime();
        Object firstView = ((JavascriptExecutor) browser).executeScript(
                "return window.dashboardTimings && window.dashboardTimings.firstViewMs");
        System.out.printf("Dashboard: first view (growth) rendered %s ms after navigation start; sign-in to first "
                          + "view %d ms as measured by the test%n", firstView, (signedIn - start) / 1_000_000);
        Files.writeString(Path.of("target", "dashboard-performance.txt"),
                          "firstViewMs=" + firstView + "\n", StandardCharsets.UTF_8);

        setDate("2020-12-31");
        assertThat(text(By.id("headline-value"))).isEqualTo(String.valueOf(expected));
        assertThat(attribute(By.tagName("body"), "data-requests")).isEqualTo("1");
        // The chart's own figures: its table (the text alternative) ends with the year 2020 and its total.
        browser.findElement(By.cssSelector("#figure-growth-total [data-export=toggle]")).click();
        List<String> cells = texts(By.cssSelector("#figure-growth-total tbody tr:last-child td"));
        assertThat(cells.get(0)).isEqualTo("2020");
        assertThat(cells.get(cells.size() - 1)).isEqualTo(String.valueOf(expected));
        browser.findElement(By.cssSelector("#figure-growth-total [data-export=toggle]")).click();
        screenshot("growth");

        // The slider moves by a day with the keyboard.
        browser.findElement(By.id("date-slider")).sendKeys(Keys.ARROW_LEFT);
        waitForView("growth", "2020-12-30");
        setDate("2020-12-31");

        browser.findElement(By.cssSelector("#figure-growth-total [data-export=svg]")).click();
        browser.findElement(By.cssSelector("#figure-growth-total [data-export=png]")).click();
        browser.findElement(By.cssSelector("#figure-growth-total [data-export=csv]")).click();
        String name = "leden-nationale-coalitie-totaal-aan-het-eind-van-elke-periode-2020-12-31";
        String svg = Files.readString(download(name + ".svg"), StandardCharsets.UTF_8);
        assertThat(svg).startsWith("<svg").contains("xmlns=\"http://www.w3.org/2000/svg\"").contains("<path")
                       .contains(">" + expected + "<").doesNotContain("<image");
        BufferedImage png = ImageIO.read(download(name + ".png").toFile());
        assertThat(png.getWidth()).isGreaterThan(1000);
        assertThat(png.getHeight()).isGreaterThan(400);
        List<String> csv = Files.readAllLines(download(name + ".csv"), StandardCharsets.UTF_8);
        assertThat(csv.get(0)).isEqualTo("\ufeffPeriode,Einde periode,Totaal");
        assertThat(csv.get(csv.size() - 1)).isEqualTo("2020,2020-12-31," + expected);

        // The open page follows the registry: a member recorded elsewhere shows without a reload. The programme
        // team follows by the registryEvents subscription (no polling runs then), which the page's CSP allows.
        assertThat(attribute(By.tagName("body"), "data-live")).isEqualTo("subscription");
        join(national("Dashboard latecomer " + suffix), "2020-11-11");
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(b -> text(By.id("headline-value")).equals(String.valueOf(expected + 1)));
        assertThat(text(By.id("live"))).startsWith("Live bijgewerkt");
        assertThat(attribute(By.tagName("body"), "data-live")).isEqualTo("subscription");
    }

    @Test
    void theMapCountsTheJoinedMunicipalitiesAsTheIndicatorsDoAndShowsALocalCoalition() throws Exception {
        String code = testMunicipality("Dashboarddorp", "UTRECHT", "2090-01-01");
        mutate("mutation($c: ID!) { joinProgramme(municipalityCode: $c, joinedOn: \"2090-03-01\") { code } }", "c", code);
        String coalition = graphQl().document("mutation($c: ID!) { foundLocalCoalition(municipalityCode: $c, "
                        + "foundedOn: \"2090-06-01\", phase: INITIATING) { id } }").variable("c", code).execute()
                .path("foundLocalCoalition.id").entity(String.class).get();
        String partner = national("Dashboard partner " + code);
        String branch = graphQl().document("mutation($n: String!, $p: ID!, $c: ID!) { registerOrganisation(name: $n, "
                        + "kind: LOCAL, parentId: $p, municipalityCode: $c) { id } }")
                .variable("n", "Dashboard branch " + code).variable("p", partner).variable("c", code).execute()
                .path("registerOrganisation.id").entity(String.class).get();
        graphQl().document("mutation($c: ID!, $o: ID!) { joinLocalCoalition(coalitionId: $c, organisationId: $o, "
                           + "joinedOn: \"2090-07-01\", partyType: NATIONAL_PARTNER_BRANCH) { joinedOn } }")
                 .variable("c", coalition).variable("o", branch).execute().path("joinLocalCoalition.joinedOn")
                 .hasValue();
        graphQl().document("mutation($c: ID!, $o: ID!) { assignLead(coalitionId: $c, organisationId: $o, "
                           + "since: \"2090-07-01\") { id } }").variable("c", coalition).variable("o", branch)
                 .execute().path("assignLead.id").hasValue();
        int joined = graphQl().document("{ indicators(asOf: \"2091-01-01\") { municipalitiesParticipating } }")
                              .execute().path("indicators.municipalitiesParticipating").entity(Integer.class).get();

        signIn(PROGRAMME_TEAM_TOKEN);
        open("map?date=2091-01-01");
        assertThat(joined).isPositive();
        assertThat(attribute(By.id("map-joined-count"), "data-value")).isEqualTo(String.valueOf(joined));
        assertThat(attribute(By.tagName("body"), "data-requests")).isEqualTo("1");
        // Ours has no boundary on any map (a test municipality): it is listed beside the map and opens from there.
        browser.findElements(By.cssSelector(".view-map .note button")).stream()
               .filter(b -> b.getText().contains(code)).findFirst().orElseThrow().click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> text(By.id("municipality-details"))
                .contains("Dashboard branch " + code));
        String details = text(By.id("municipality-details"));
        assertThat(details).contains("Lokale coalitie Dashboarddorp " + code, "Initiërend",
                                     "Dashboard partner " + code + " — via lokale vestiging Dashboard branch " + code);
        // Coloured by the national partners present: one request still, and ours counts its partner (by the branch).
        open("map?date=2091-01-01&colour=partners");
        assertThat(attribute(By.tagName("body"), "data-requests")).isEqualTo("1");
        assertThat((String) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#figure-map tbody tr')].find(r => r.cells[0].textContent === "
                + "arguments[0]).cells[4].textContent", code)).isEqualTo("1");
        browser.findElements(By.cssSelector(".view-map .note button")).stream()
               .filter(b -> b.getText().contains(code)).findFirst().orElseThrow().click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> !b.findElements(By.id("partners-present")).isEmpty());
        assertThat(text(By.id("partners-present"))).isEqualTo("Dashboard partner " + code
                + " — Lokale vestiging in lokale coalitie, sinds 1 juli 2090");
        open("map?date=2020-12-31");
        screenshot("map");
    }

    @Test
    void theNetworkShowsAConfirmedCollaborationWithItsDegreesAndComponent() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String first = national("Dashboard network A " + suffix);
        String second = national("Dashboard network B " + suffix);
        String collaboration = graphQl().document("mutation($p: ID!, $q: ID!) { proposeCollaboration(title: "
                        + "\"Dashboard network\", proposedBy: $p, partyIds: [$q], startsOn: \"2096-03-01\") { id } }")
                .variable("p", first).variable("q", second).execute().path("proposeCollaboration.id")
                .entity(String.class).get();
        graphQl().document("mutation($k: ID!, $o: ID!) { confirmCollaboration(collaborationId: $k, organisationId: $o) "
                           + "{ status } }").variable("k", collaboration).variable("o", second).execute()
                 .path("confirmCollaboration.status").entity(String.class).isEqualTo("ACTIVE");
        int edges = graphQl().document("{ network(asOf: \"2096-06-01\") { edges { id } } }").execute()
                             .path("network.edges").entityList(Object.class).get().size();
        assertThat(edges).isPositive();

        signIn(PROGRAMME_TEAM_TOKEN);
        open("network?date=2096-06-01");
        assertThat(attribute(By.tagName("body"), "data-requests")).isEqualTo("1");
        assertThat(attribute(By.id("network-edges"), "data-value")).isEqualTo(String.valueOf(edges));
        // The graph draws on a canvas; its table (the text alternative) gives each of ours one partner, one group of 2.
        browser.findElement(By.cssSelector("#figure-network [data-export=toggle]")).click();
        for (String name : List.of("Dashboard network A " + suffix, "Dashboard network B " + suffix)) {
            List<String> cells = browser.findElements(By.xpath("//section[@id='figure-network']//tr[td[1]='" + name
                                                               + "']/td")).stream().map(WebElement::getText).toList();
            assertThat(cells.subList(0, 6)).containsExactly(name, "Cultuur", "1", "0", cells.get(4), "2");
        }
        browser.findElement(By.cssSelector("#figure-network [data-export=toggle]")).click();
        assertThat(browser.findElements(By.cssSelector("#figure-network .chart canvas"))).isNotEmpty();
        browser.findElement(By.cssSelector("#figure-network [data-export=csv]")).click();
        assertThat(Files.readString(download("network-2096-06-01.csv"), StandardCharsets.UTF_8))
                .contains("Dashboard network A " + suffix + ",Cultuur,1,0,");
        screenshot("network");
        // The organisation page lists the collaboration with the other party.
        open("organisations?date=2096-06-01&org=" + first);
        assertThat(text(By.id("figure-collaborations"))).contains("Dashboard network", "Actief",
                                                                  "Dashboard network B " + suffix);
        // Filtered to a sector neither belongs to, they are gone.
        open("network?date=2096-06-01&sector=SPORT");
        assertThat((String) ((JavascriptExecutor) browser).executeScript(
                "return document.querySelector('#figure-network table').textContent"))
                .doesNotContain("Dashboard network A " + suffix);
    }

    @Test
    void anAuditorSeesAnOrganisationsHistoryAPartnerDoesNot() {
        String organisation = national("Dashboard history " + UUID.randomUUID());
        join(organisation, "2096-02-01");
        String auditor = token("AUDITOR", null);
        String partner = token("PARTNER", organisation);
        signIn(auditor);
        open("organisations?date=2096-06-01&org=" + organisation);
        List<String> events = browser.findElements(By.cssSelector("#figure-history tbody tr td:nth-child(2)")).stream()
                                     .map(WebElement::getText).toList();
        assertThat(events).containsExactly("OrganisationRegistered", "MemberJoined");
        browser.findElement(By.id("sign-out")).click();
        signIn(partner);
        open("organisations?date=2096-06-01&org=" + organisation);
        assertThat(attribute(By.tagName("body"), "data-state")).isEqualTo("ready");
        assertThat(text(By.id("organisation-name"))).startsWith("Dashboard history");
        assertThat(browser.findElements(By.id("figure-history"))).isEmpty();
        assertThat(browser.findElements(By.id("figure-memberships"))).hasSize(1);
    }

    @Test
    void aPartnerIsNotOfferedTheAccessViewTheProgrammeTeamIs() {
        String organisation = national("Dashboard partner organisation " + UUID.randomUUID());
        String secret = graphQl().document("mutation($o: ID!, $l: String!) { issueAccessToken(role: PARTNER, "
                        + "organisationId: $o, label: $l) { secret } }").variable("o", organisation)
                .variable("l", "dashboard-" + UUID.randomUUID()).execute().path("issueAccessToken.secret")
                .entity(String.class).get();
        signIn(PROGRAMME_TEAM_TOKEN);
        assertThat(navigation()).containsExactly("growth", "map", "indicators", "network", "organisations", "tokens");
        browser.findElement(By.id("sign-out")).click();
        signIn(secret);
        assertThat(navigation()).containsExactly("growth", "map", "indicators", "network", "organisations");
        // The audit log is not a partner's to read: the page follows the registry by polling.
        assertThat(attribute(By.tagName("body"), "data-live")).isEqualTo("polling");
        // Asked for by URL, the access view is not shown either.
        open("tokens?date=2020-12-31");
        assertThat(attribute(By.tagName("body"), "data-view")).isEqualTo("growth");
    }

    @Test
    void aWrongTokenIsRefusedWithAMessage() {
        signIn("not-a-token");
        assertThat(text(By.cssSelector("#sign-in .error"))).contains("niet geaccepteerd");
    }

    // --- the registry, through GraphQL ---

    private int membersOn(String day) {
        return graphQl().document("query($d: Date!) { indicators(asOf: $d) { nationalCoalitionMembers } }")
                        .variable("d", day).execute().path("indicators.nationalCoalitionMembers")
                        .entity(Integer.class).get();
    }

    private String national(String name) {
        return graphQl().document("mutation($n: String!) { registerOrganisation(name: $n, kind: NATIONAL, "
                                  + "sector: CULTURE) { id } }").variable("n", name).execute()
                        .path("registerOrganisation.id").entity(String.class).get();
    }

    private void join(String organisation, String on) {
        graphQl().document("mutation($o: ID!, $d: Date!) { joinNationalCoalition(organisationId: $o, joinedOn: $d) "
                           + "{ joinedOn } }").variable("o", organisation).variable("d", on).execute()
                 .path("joinNationalCoalition.joinedOn").entity(String.class).isEqualTo(on);
    }

    private String token(String role, String organisation) {
        return graphQl().document("mutation($r: Role!, $o: ID, $l: String!) { issueAccessToken(role: $r, "
                                  + "organisationId: $o, label: $l) { secret } }").variable("r", role)
                        .variable("o", organisation).variable("l", "dashboard-" + UUID.randomUUID()).execute()
                        .path("issueAccessToken.secret").entity(String.class).get();
    }

    private void mutate(String document, String name, String value) {
        graphQl().document(document).variable(name, value).execute().errors().verify();
    }

    // --- the browser ---

    private String base() {
        return "http://localhost:" + port + "/";
    }

    /** Opens the dashboard afresh (a new browser session's storage) and signs in through the form. */
    private void signIn(String token) {
        browser.get(base());
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear(); location.hash = ''; location.reload();");
        WebElement field = new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(b -> b.findElements(By.id("token")).stream().findFirst().orElse(null));
        field.sendKeys(token);
        browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> !b.findElements(By.cssSelector("#sign-in .error")).isEmpty()
                || "ready".equals(b.findElement(By.tagName("body")).getDomAttribute("data-state")));
    }

    /** Opens a view by its URL (view?date=...), as a bookmark does, and waits until it shows that date. */
    private void open(String hash) {
        browser.get(base() + "#/" + hash);
        waitForView(null, hash.replaceAll(".*date=([0-9-]{10}).*", "$1"));
    }

    /** Sets the date field as a person does (a new value, then change), and waits for the view to show it. */
    private void setDate(String day) {
        ((JavascriptExecutor) browser).executeScript(
                "const f = document.getElementById('date'); f.value = arguments[0];"
                + "f.dispatchEvent(new Event('change'));", day);
        waitForView(null, day);
    }

    private void waitForView(String view, String day) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> {
            WebElement body = b.findElement(By.tagName("body"));
            return "ready".equals(body.getDomAttribute("data-state")) && day.equals(body.getDomAttribute("data-date"))
                   && (view == null || view.equals(body.getDomAttribute("data-view")));
        });
    }

    private List<String> navigation() {
        return browser.findElements(By.cssSelector("nav a")).stream().map(a -> a.getDomAttribute("data-view")).toList();
    }

    // A live update may redraw the view between finding an element and reading it: read again from a fresh find.
    private String text(By by) {
        return fresh(by, WebElement::getText);
    }

    private String attribute(By by, String name) {
        return fresh(by, e -> e.getDomAttribute(name));
    }

    private List<String> texts(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(b -> b.findElements(by).stream().map(WebElement::getText).toList());
    }

    private String fresh(By by, java.util.function.Function<WebElement, String> read) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(b -> read.apply(b.findElement(by)));
    }

    private Path download(String name) {
        Path file = downloads.resolve(name);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> Files.exists(file) && size(file) > 0);
        return file;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (Boolean.getBoolean("dashboard.docs")) {
            Files.createDirectories(DOCS_IMAGES);
            Files.copy(shot.toPath(), DOCS_IMAGES.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
