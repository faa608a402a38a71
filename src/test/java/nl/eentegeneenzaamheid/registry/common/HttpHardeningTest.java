package nl.eentegeneenzaamheid.registry.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.RegistryTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Security headers and closed CORS on the running registry's HTTP responses. */
@RegistryTest
class HttpHardeningTest extends GraphQlClient {

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                            .responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void graphQlAnswersCarrySecurityHeadersAndAreNotCached() {
        client().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + PROGRAMME_TEAM_TOKEN)
                .bodyValue("{\"query\": \"{ registry { logHead } }\"}")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("Content-Security-Policy", "frame-ancestors 'none'")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Test
    void refusalsAndErrorPagesCarryThemToo() {
        client().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).bodyValue("[]")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store");
        client().get().uri("/no-such-page").exchange()
                .expectStatus().isNotFound()
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain("Exception", "trace"));
    }

    @Test
    void theDashboardPageNeedsNoTokenAndMayLoadOnlyWhatThisOriginServes() {
        client().get().uri("/").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Content-Security-Policy", SecurityHeaders.DASHBOARD_POLICY + "'none'")
                .expectBody(String.class).value(body -> assertThat(body).contains("dashboard/app.js"));
        client().get().uri("/dashboard/app.js").exchange().expectStatus().isOk();
        client().get().uri("/webjars/echarts/dist/echarts.esm.min.js").exchange().expectStatus().isOk();
    }

    @Test
    void corsIsClosedByDefault() {
        client().options().uri("/graphql")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
                .exchange()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        client().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .bodyValue("{\"query\": \"{ registry { logHead } }\"}")
                .exchange()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }
}
