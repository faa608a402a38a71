package nl.eentegeneenzaamheid.registry.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.demo.DemoRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The dashboard on the demo dataset ({@link DemoRegistry}, shared with DemoTest so that the demo loads once): the
 * published figures in the browser, the first view's render time (a figure for docs/performance.md, printed and
 * written to target/dashboard-performance.txt, not asserted), the screenshots of docs/dashboard.md, and the sign-in
 * at an OIDC issuer ({@link TestIssuer}). It records nothing: every figure is the dataset's own.
 */
class DemoDashboardBrowserTest {

    private static DemoRegistry.Lease demo;
    private static Browser browser;
    private static HttpGraphQlTester graphQl;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoRegistry.lease();
        browser = Browser.start(demo.port());
        graphQl = GraphQlClient.graphQl(demo.port(), DemoRegistry.TOKEN);
    }

    @AfterEach
    void theConsoleShowsNoErrors() {
        assertThat(browser.consoleProblems()).isEmpty();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        demo.close();
    }

    @Test
    void theDemoFiguresAppearInEveryViewAndTheFirstViewIsTimed() throws Exception {
        // Signed in (the token in this tab's session), then a fresh page load of the growth view: from navigation
        // start to the chart drawn, as the page itself records it.
        browser.signInForm();
        browser.script("sessionStorage.setItem('registry.token', arguments[0])", DemoRegistry.TOKEN);
        List<Long> firstViews = new java.util.ArrayList<>();
        for (int load = 0; load < 3; load++) {
            browser.driver.get("about:blank");
            browser.open("growth?date=2020-12-31");
            firstViews.add(((Number) browser.script("return window.dashboardTimings.firstViewMs")).longValue());
        }
        System.out.printf("Dashboard on the demo dataset: growth view drawn %d ms after navigation start (first "
                          + "load, nothing cached), then %d and %d ms%n", firstViews.get(0), firstViews.get(1),
                          firstViews.get(2));
        Files.writeString(Path.of("target", "dashboard-performance.txt"), "demo growth view, ms after navigation "
                          + "start (first, second, third load): " + firstViews + "\n", StandardCharsets.UTF_8);

        // The published curve: 137 members of the National Coalition at the end of 2020, on the day and in the
        // chart's own figures (its table, the text alternative), in one request.
        assertThat(browser.text(By.id("headline-value"))).isEqualTo("137");
        assertThat(browser.attribute(By.tagName("body"), "data-requests")).isEqualTo("1");
        browser.driver.findElement(By.cssSelector("#figure-growth-total [data-export=toggle]")).click();
        List<String> cells = browser.texts(By.cssSelector("#figure-growth-total tbody tr:last-child td"));
        assertThat(cells).first().isEqualTo("2020");
        assertThat(cells).last().isEqualTo("137");
        browser.open("growth?date=2020-12-31&stack=SECTOR&compare=2019-12-31");
        browser.screenshot("growth", true);
        browser.printMedia(true);
        browser.screenshot("print", true);
        browser.printMedia(false);
        browser.open("growth?date=2020-12-31&embed=1");
        browser.screenshot("embed", true);

        // The map counts the joined municipalities as the indicators do, on the demo's municipalities.
        Map<?, ?> indicators = graphQl.document("{ indicators(asOf: \"2020-12-31\") { municipalitiesParticipating } "
                                                + "municipalities(asOf: \"2020-12-31\") { code localCoalition { id } } }")
                                      .execute().path("").entity(Map.class).get();
        int joined = (Integer) ((Map<?, ?>) indicators.get("indicators")).get("municipalitiesParticipating");
        assertThat(joined).isEqualTo(212);
        browser.open("map?date=2020-12-31");
        assertThat(browser.attribute(By.id("map-joined-count"), "data-value")).isEqualTo(String.valueOf(joined));
        assertThat(browser.attribute(By.tagName("body"), "data-requests")).isEqualTo("1");
        browser.screenshot("map", true);
        // The map as SVG: the municipalities as vector shapes, with the boundaries' credit inside the image.
        browser.driver.findElement(By.cssSelector("#figure-map [data-export=svg]")).click();
        String map = Files.readString(browser.download("gemeenten-op-31-december-2020-deelname-2020-12-31.svg"),
                                      StandardCharsets.UTF_8);
        assertThat(map).startsWith("<svg").contains("CBS/Kadaster via PDOK").doesNotContain("<image");
        assertThat(map.split("<path", -1).length).isGreaterThan(355);
        browser.open("map?date=2020-12-31&compare=2019-12-31&colour=change");
        assertThat(browser.attribute(By.id("map-joined-count"), "data-value")).isEqualTo(String.valueOf(joined));
        browser.screenshot("map-compare", true);
        String withCoalition = ((List<?>) indicators.get("municipalities")).stream().map(m -> (Map<?, ?>) m)
                .filter(m -> m.get("localCoalition") != null).map(m -> (String) m.get("code")).findFirst()
                .orElseThrow();
        browser.open("map?date=2020-12-31&municipality=" + withCoalition);
        new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(b -> browser.text(By.id("municipality-details")).contains("Lokale coalitie"));
        browser.script("document.getElementById('municipality-details').scrollIntoView()");
        browser.screenshot("map-details", true);

        browser.open("indicators?date=2020-12-31&compare=2019-12-31");
        browser.screenshot("indicators", true);

        // The network on a date: as many connections as network(asOf:) has (the demo's collaborations and pilots).
        int edges = graphQl.document("{ network(asOf: \"2024-12-31\") { edges { id } } }").execute()
                           .path("network.edges").entityList(Object.class).get().size();
        browser.open("network?date=2024-12-31");
        assertThat(browser.attribute(By.tagName("body"), "data-requests")).isEqualTo("1");
        assertThat(browser.attribute(By.id("network-edges"), "data-value")).isEqualTo(String.valueOf(edges));
        browser.screenshot("network", true);

        String member = graphQl.document("{ coalition(id: \"national\") { members(asOf: \"2020-12-31\", first: 1) "
                                         + "{ edges { node { organisation { id } } } } } }").execute()
                               .path("coalition.members.edges[0].node.organisation.id").entity(String.class).get();
        browser.open("organisations?date=2020-12-31&org=" + member);
        browser.screenshot("organisation", true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theIssuersSignInRedeemsItsCodeWithTheVerifierOfItsChallenge() throws Exception {
        TestIssuer issuer = demo.issuer();
        Map<?, ?> options = WebTestClient.bindToServer().baseUrl(browser.base()).build().get()
                .uri("/dashboard-sign-in").exchange().expectStatus().isOk().expectBody(Map.class).returnResult()
                .getResponseBody();
        assertThat((Map<String, Object>) options.get("oidc")).containsEntry("issuer", issuer.issuer())
                .containsEntry("clientId", TestIssuer.CLIENT_ID).containsEntry("tokenEndpoint", null);

        browser.signInForm();
        new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(b -> "offered".equals(browser.attribute(By.id("sign-in"), "data-oidc")));
        browser.screenshot("sign-in", true);
        int redeemed = issuer.redemptions.size();
        browser.driver.findElement(By.id("oidc-sign-in")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                .until(b -> "ready".equals(browser.attribute(By.tagName("body"), "data-state")));
        assertThat(browser.text(By.cssSelector("header .who"))).contains("d.ashboard", "Programmateam");
        assertThat(issuer.redemptions.subList(redeemed, issuer.redemptions.size())).containsExactly("issued");
        Map<String, String> asked = issuer.authorizations.get(issuer.authorizations.size() - 1);
        assertThat(asked).containsEntry("response_type", "code").containsEntry("client_id", TestIssuer.CLIENT_ID)
                         .containsEntry("redirect_uri", browser.base()).containsEntry("scope", "openid")
                         .containsEntry("code_challenge_method", "S256");
        assertThat(asked.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(asked.get("state")).isNotBlank();
        // The JWT is the session's token; the code is gone from the address bar.
        assertThat((String) browser.script("return sessionStorage.getItem('registry.token')")).matches("[^.]+\\.[^.]+\\.[^.]+");
        assertThat(browser.driver.getCurrentUrl()).doesNotContain("code=");
        // The JWT opens the live subscription as well (connection_init carries it like an access token).
        new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(b -> "subscription".equals(browser.attribute(By.tagName("body"), "data-live")));

        // A return this page did not start (no pending sign-in, or another state) is not redeemed.
        browser.driver.get(browser.base() + "?code=forged&state=forged");
        new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(b -> !b.findElements(By.cssSelector("#sign-in .error")).isEmpty());
        assertThat(browser.text(By.cssSelector("#sign-in .error"))).startsWith("Inloggen via de identiteitsprovider");
        assertThat(issuer.redemptions.subList(redeemed, issuer.redemptions.size())).containsExactly("issued");
    }
}
