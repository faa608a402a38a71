package nl.eentegeneenzaamheid.registry.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.RegistryTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The dashboard in a real browser ({@link Browser}), on the shared test registry: the figures are checked against
 * facts each test records itself. {@code DemoDashboardBrowserTest} checks the demo dataset's figures.
 */
@RegistryTest
class DashboardBrowserTest extends GraphQlClient {

    private static Browser browser;

    @BeforeEach
    void startBrowser() throws IOException {
        if (browser == null) {
            browser = Browser.start(port);
        }
    }

    /** No script error and nothing the page's content security policy refused, in whatever the test did. */
    @AfterEach
    void theConsoleShowsNoErrors() {
        assertThat(browser.consoleProblems()).isEmpty();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
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

        browser.signIn(PROGRAMME_TEAM_TOKEN);
        browser.setDate("2020-12-31");
        assertThat(browser.text(By.id("headline-value"))).isEqualTo(String.valueOf(expected));
        assertThat(browser.attribute(By.tagName("body"), "data-requests")).isEqualTo("1");
        // The chart's own figures: its table (the text alternative) ends with the year 2020 and its total.
        browser.driver.findElement(By.cssSelector("#figure-growth-total [data-export=toggle]")).click();
        List<String> cells = browser.texts(By.cssSelector("#figure-growth-total tbody tr:last-child td"));
        assertThat(cells.get(0)).isEqualTo("2020");
        assertThat(cells.get(cells.size() - 1)).isEqualTo(String.valueOf(expected));
        browser.driver.findElement(By.cssSelector("#figure-growth-total [data-export=toggle]")).click();
        browser.screenshot("test-growth", false);

        // The slider moves by a day with the keyboard.
        browser.driver.findElement(By.id("date-slider")).sendKeys(Keys.ARROW_LEFT);
        browser.waitForView("growth", "2020-12-30");
        browser.setDate("2020-12-31");

        browser.driver.findElement(By.cssSelector("#figure-growth-total [data-export=svg]")).click();
        browser.driver.findElement(By.cssSelector("#figure-growth-total [data-export=png]")).click();
        browser.driver.findElement(By.cssSelector("#figure-growth-total [data-export=csv]")).click();
        String name = "leden-nationale-coalitie-totaal-aan-het-eind-van-elke-periode-2020-12-31";
        String svg = Files.readString(browser.download(name + ".svg"), StandardCharsets.UTF_8);
        assertThat(svg).startsWith("<svg").contains("xmlns=\"http://www.w3.org/2000/svg\"").contains("<path")
                       .contains(">" + expected + "<").doesNotContain("<image");
        BufferedImage png = ImageIO.read(browser.download(name + ".png").toFile());
        assertThat(png.getWidth()).isGreaterThan(1000);
        assertThat(png.getHeight()).isGreaterThan(400);
        List<String> csv = Files.readAllLines(browser.download(name + ".csv"), StandardCharsets.UTF_8);
        assertThat(csv.get(0)).isEqualTo("\ufeffPeriode,Einde periode,Totaal");
        assertThat(csv.get(csv.size() - 1)).isEqualTo("2020,2020-12-31," + expected);

        // The open page follows the registry: a member recorded elsewhere shows without a reload. The programme
        // team follows by the registryEvents subscription (no polling runs then), which the page's CSP allows.
        assertThat(browser.attribute(By.tagName("body"), "data-live")).isEqualTo("subscription");
        join(national("Dashboard latecomer " + suffix), "2020-11-11");
        new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                .until(b -> browser.text(By.id("headline-value")).equals(String.valueOf(expected + 1)));
        assertThat(browser.text(By.id("live"))).startsWith("Live bijgewerkt");
        assertThat(browser.attribute(By.tagName("body"), "data-live")).isEqualTo("subscription");

        // The socket fails (as in a restart or a network change): the page subscribes again after a pause, from
        // the last position it saw, and what is recorded next shows as well.
        String connections = browser.attribute(By.tagName("body"), "data-live-connections");
        browser.script("window.testSockets.at(-1).close()");
        new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                .until(b -> !connections.equals(browser.attribute(By.tagName("body"), "data-live-connections")));
        assertThat(browser.attribute(By.tagName("body"), "data-live")).isEqualTo("subscription");
        assertThat(browser.script("return window.testSockets.length")).isEqualTo(2L);
        join(national("Dashboard after a reconnection " + suffix), "2020-10-10");
        new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                .until(b -> browser.text(By.id("headline-value")).equals(String.valueOf(expected + 2)));
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

        browser.signIn(PROGRAMME_TEAM_TOKEN);
        browser.open("map?date=2091-01-01");
        assertThat(joined).isPositive();
        assertThat(browser.attribute(By.id("map-joined-count"), "data-value")).isEqualTo(String.valueOf(joined));
        assertThat(browser.attribute(By.tagName("body"), "data-requests")).isEqualTo("1");
        // Ours has no boundary on any map (a test municipality): it is listed beside the map and opens from there.
        browser.driver.findElements(By.cssSelector(".view-map .note button")).stream()
               .filter(b -> b.getText().contains(code)).findFirst().orElseThrow().click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(b -> browser.text(By.id("municipality-details"))
                .contains("Dashboard branch " + code));
        String details = browser.text(By.id("municipality-details"));
        assertThat(details).contains("Lokale coalitie Dashboarddorp " + code, "Initiërend",
                                     "Dashboard partner " + code + " — via lokale vestiging Dashboard branch " + code);
        // Coloured by the national partners present: one request still, and ours counts its partner (by the branch).
        browser.open("map?date=2091-01-01&colour=partners");
        assertThat(browser.attribute(By.tagName("body"), "data-requests")).isEqualTo("1");
        assertThat((String) browser.script(
                "return [...document.querySelectorAll('#figure-map tbody tr')].find(r => r.cells[0].textContent === "
                + "arguments[0]).cells[4].textContent", code)).isEqualTo("1");
        browser.driver.findElements(By.cssSelector(".view-map .note button")).stream()
               .filter(b -> b.getText().contains(code)).findFirst().orElseThrow().click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(b -> !b.findElements(By.id("partners-present")).isEmpty());
        assertThat(browser.text(By.id("partners-present"))).isEqualTo("Dashboard partner " + code
                + " — Lokale vestiging in lokale coalitie, sinds 1 juli 2090");
        browser.open("map?date=2020-12-31");
        browser.screenshot("test-map", false);
    }

    @Test
    void theNetworkShowsAConfirmedCollaborationWithItsDegreesAndComponent() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        // A moment before the collaboration was recorded (the page and this test share the machine's time zone).
        String before = LocalDateTime.now().minusMinutes(1).truncatedTo(ChronoUnit.MINUTES).toString();
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

        browser.signIn(PROGRAMME_TEAM_TOKEN);
        browser.open("network?date=2096-06-01");
        assertThat(browser.attribute(By.tagName("body"), "data-requests")).isEqualTo("1");
        assertThat(browser.attribute(By.id("network-edges"), "data-value")).isEqualTo(String.valueOf(edges));
        // The graph draws on a canvas; its table (the text alternative) gives each of ours one partner, one group of 2.
        browser.driver.findElement(By.cssSelector("#figure-network [data-export=toggle]")).click();
        for (String name : List.of("Dashboard network A " + suffix, "Dashboard network B " + suffix)) {
            List<String> cells = browser.driver.findElements(By.xpath("//section[@id='figure-network']//tr[td[1]='" + name
                                                               + "']/td")).stream().map(WebElement::getText).toList();
            assertThat(cells.subList(0, 6)).containsExactly(name, "Cultuur", "1", "0", cells.get(4), "2");
        }
        browser.driver.findElement(By.cssSelector("#figure-network [data-export=toggle]")).click();
        assertThat(browser.driver.findElements(By.cssSelector("#figure-network .chart canvas"))).isNotEmpty();
        browser.driver.findElement(By.cssSelector("#figure-network [data-export=csv]")).click();
        assertThat(Files.readString(browser.download("network-2096-06-01.csv"), StandardCharsets.UTF_8))
                .contains("Dashboard network A " + suffix + ",Cultuur,1,0,");
        // As SVG: the graph as laid out on the screen, in vector shapes.
        browser.driver.findElement(By.cssSelector("#figure-network [data-export=svg]")).click();
        assertThat(Files.readString(browser.download("network-2096-06-01.svg"), StandardCharsets.UTF_8))
                .startsWith("<svg").contains("<path").doesNotContain("<image");
        browser.screenshot("test-network", false);
        // Compared with a day before it started, the collaboration is new; the other way round it is gone; and as
        // the registry knew the same day a minute before it was recorded, it is new too. Still one request.
        List<String> ours = List.of("Samenwerking", "Dashboard network A " + suffix, "Dashboard network B " + suffix);
        browser.open("network?date=2096-06-01&compare=2096-01-01");
        assertThat(browser.attribute(By.tagName("body"), "data-requests")).isEqualTo("1");
        assertThat(changedConnections(suffix)).containsExactly("Nieuw " + String.join(" ", ours));
        browser.open("network?date=2096-01-01&compare=2096-06-01");
        assertThat(changedConnections(suffix)).containsExactly("Verdwenen " + String.join(" ", ours));
        assertThat(Integer.parseInt(browser.attribute(By.id("network-changes"), "data-removed-edges"))).isPositive();
        browser.open("network?date=2096-06-01&known=" + before);
        assertThat(changedConnections(suffix)).containsExactly("Nieuw " + String.join(" ", ours));
        assertThat(browser.attribute(By.tagName("body"), "data-requests")).isEqualTo("1");
        // The organisation page lists the collaboration with the other party.
        browser.open("organisations?date=2096-06-01&org=" + first);
        assertThat(browser.text(By.id("figure-collaborations"))).contains("Dashboard network", "Actief",
                                                                  "Dashboard network B " + suffix);
        // Filtered to a sector neither belongs to, they are gone.
        browser.open("network?date=2096-06-01&sector=SPORT");
        assertThat((String) browser.script(
                "return document.querySelector('#figure-network table').textContent"))
                .doesNotContain("Dashboard network A " + suffix);
    }

    @Test
    void anAuditorSeesAnOrganisationsHistoryAPartnerDoesNot() {
        String organisation = national("Dashboard history " + UUID.randomUUID());
        join(organisation, "2096-02-01");
        String auditor = token("AUDITOR", null);
        String partner = token("PARTNER", organisation);
        browser.signIn(auditor);
        browser.open("organisations?date=2096-06-01&org=" + organisation);
        List<String> events = browser.driver.findElements(By.cssSelector("#figure-history tbody tr td:nth-child(2)")).stream()
                                     .map(WebElement::getText).toList();
        assertThat(events).containsExactly("OrganisationRegistered", "MemberJoined");
        browser.driver.findElement(By.id("sign-out")).click();
        browser.signIn(partner);
        browser.open("organisations?date=2096-06-01&org=" + organisation);
        assertThat(browser.attribute(By.tagName("body"), "data-state")).isEqualTo("ready");
        assertThat(browser.text(By.id("organisation-name"))).startsWith("Dashboard history");
        assertThat(browser.driver.findElements(By.id("figure-history"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("figure-memberships"))).hasSize(1);
    }

    @Test
    void aPartnerIsNotOfferedTheAccessViewTheProgrammeTeamIs() {
        String organisation = national("Dashboard partner organisation " + UUID.randomUUID());
        String secret = graphQl().document("mutation($o: ID!, $l: String!) { issueAccessToken(role: PARTNER, "
                        + "organisationId: $o, label: $l) { secret } }").variable("o", organisation)
                .variable("l", "dashboard-" + UUID.randomUUID()).execute().path("issueAccessToken.secret")
                .entity(String.class).get();
        browser.signIn(PROGRAMME_TEAM_TOKEN);
        assertThat(browser.navigation()).containsExactly("growth", "map", "indicators", "network", "organisations", "tokens");
        browser.driver.findElement(By.id("sign-out")).click();
        browser.signIn(secret);
        assertThat(browser.navigation()).containsExactly("growth", "map", "indicators", "network", "organisations");
        // The audit log is not a partner's to read: the page follows the registry by polling.
        assertThat(browser.attribute(By.tagName("body"), "data-live")).isEqualTo("polling");
        // Asked for by URL, the access view is not shown either.
        browser.open("tokens?date=2020-12-31");
        assertThat(browser.attribute(By.tagName("body"), "data-view")).isEqualTo("growth");
    }

    @Test
    void aWrongTokenIsRefusedWithAMessage() {
        browser.signIn("not-a-token");
        assertThat(browser.text(By.cssSelector("#sign-in .error"))).contains("niet geaccepteerd");
    }

    @Test
    void withoutAnOidcClientConfiguredTheSignInOffersTheTokenFieldOnly() {
        WebTestClient.bindToServer().baseUrl(browser.base()).build().get().uri("/dashboard-sign-in").exchange()
                     .expectStatus().isOk().expectBody().json("{\"oidc\": null}", true);
        browser.signInForm();
        new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(b -> "none".equals(browser.attribute(By.id("sign-in"), "data-oidc")));
        assertThat(browser.driver.findElements(By.id("oidc-sign-in"))).isEmpty();
    }

    /** The rows of the network's changed connections that name ours: change, kind, the two organisations. */
    private List<String> changedConnections(String suffix) {
        return browser.texts(By.cssSelector("#figure-network-changes-table tbody tr")).stream()
                      .filter(row -> row.contains(suffix))
                      .map(row -> row.replaceAll(" 2096-.*", "").replace(" B " + suffix + " Dashboard network A ",
                                                                           " A " + suffix + " Dashboard network B "))
                      .toList();
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
}
