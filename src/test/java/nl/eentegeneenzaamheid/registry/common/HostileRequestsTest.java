package nl.eentegeneenzaamheid.registry.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.RegistryTest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The hostile and malformed requests of {@code hostile-requests.json}, sent over plain HTTP: each is refused with
 * the expected status and {@code extensions.code}, no answer shows internals, the registry keeps serving and the
 * log records nothing.
 */
@RegistryTest
class HostileRequestsTest extends GraphQlClient {

    /** {@code @@N*text@@} in a case stands for text repeated N times: huge strings and deep nesting stay readable. */
    private static final Pattern REPEAT = Pattern.compile("@@(\\d+)\\*(.*?)@@", Pattern.DOTALL);
    private static final List<String> INTERNALS = List.of("Exception", "at nl.", "nl.eentegeneenzaamheid",
                                                          "org.springframework", "com.mongodb", "de.bwaldvogel",
                                                          "java.lang", "org.axonframework", "trace");
    private static final String LOG_HEAD = "{\"query\": \"{ registry { logHead } }\"}";

    private final ObjectMapper json = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> hostileRequestsAreRefusedAndRecordNothing() throws IOException {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/hostile-requests.json")) {
            cases = json.readTree(in);
        }
        assertThat(cases.size()).isGreaterThanOrEqualTo(40);
        double[] headBefore = new double[1];
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("log head before", () -> headBefore[0] = logHead()));
        cases.forEach(c -> tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c))));
        tests.add(DynamicTest.dynamicTest("still serving, nothing recorded",
                                          () -> assertThat(logHead()).isEqualTo(headBefore[0])));
        return tests.stream();
    }

    private void check(JsonNode c) throws IOException {
        EntityExchangeResult<byte[]> result = send(c);
        String body = result.getResponseBody() == null ? "" : new String(result.getResponseBody());
        String name = c.get("name").asText();
        assertThat(result.getStatus().value()).as(name + ": status; body " + body).isEqualTo(c.get("status").asInt());
        assertThat(INTERNALS).as(name + ": no internals in " + body).noneMatch(body::contains);
        String expect = c.get("expect").asText();
        if (expect.equals("HTTP")) {
            return;
        }
        JsonNode answer = json.readTree(body);
        if (expect.equals("OK")) {
            assertThat(answer.has("errors")).as(name + ": no errors in " + body).isFalse();
            return;
        }
        assertThat(answer.path("errors").size()).as(name + ": errors in " + body).isPositive();
        answer.path("errors").forEach(e -> {
            assertThat(e.path("extensions").path("code").asText()).as(name + ": code in " + body).isEqualTo(expect);
            assertThat(e.path("message").asText()).as(name + ": message").isNotBlank();
        });
    }

    private EntityExchangeResult<byte[]> send(JsonNode c) throws IOException {
        HttpMethod method = HttpMethod.valueOf(c.path("method").asText("POST"));
        if (method == HttpMethod.GET) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromUriString("http://localhost:" + port + "/graphql");
            c.path("params").properties().forEach(p -> uri.queryParam(p.getKey(), expand(p.getValue().asText())));
            return authorised(client().get().uri(uri.encode().build().toUri())).exchange()
                    .expectBody().returnResult();
        }
        String body;
        if (c.has("body")) {
            body = expand(c.get("body").asText());
        } else {
            ObjectNode request = json.createObjectNode().put("query", expand(c.get("query").asText()));
            if (c.has("variables")) {
                request.set("variables", json.readTree(expand(json.writeValueAsString(c.get("variables")))));
            }
            if (c.has("operationName")) {
                request.set("operationName", c.get("operationName"));
            }
            body = json.writeValueAsString(request);
        }
        WebTestClient.RequestBodySpec request = client().method(method).uri(URI.create("http://localhost:" + port + "/graphql"));
        if (!c.path("contentType").asText("application/json").isEmpty()) {
            request.header("Content-Type", c.path("contentType").asText("application/json"));
        }
        return authorised(request).bodyValue(body).exchange().expectBody().returnResult();
    }

    private double logHead() throws IOException {
        byte[] body = authorised(client().post().uri(URI.create("http://localhost:" + port + "/graphql"))
                                         .contentType(MediaType.APPLICATION_JSON))
                .bodyValue(LOG_HEAD).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return json.readTree(body).path("data").path("registry").path("logHead").asDouble(Double.NaN);
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().responseTimeout(Duration.ofSeconds(30))
                            .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build();
    }

    /** The one place requests are authenticated: with the shared context's programme-team token. */
    private static <S extends WebTestClient.RequestHeadersSpec<?>> S authorised(S request) {
        request.header("Authorization", "Bearer " + PROGRAMME_TEAM_TOKEN);
        request.header("Accept", MediaType.APPLICATION_JSON_VALUE);
        return request;
    }

    private static String expand(String text) {
        Matcher m = REPEAT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(2).repeat(Integer.parseInt(m.group(1)))));
        }
        return m.appendTail(out).toString();
    }
}
