package nl.eentegeneenzaamheid.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Base of the GraphQL tests: a tester speaking HTTP to the running registry, and helpers for error codes. */
public abstract class GraphQlClient {

    /** The shared context's bootstrap programme-team token ({@link RegistryTest}). */
    public static final String PROGRAMME_TEAM_TOKEN = "test-programme-team-token-0123456789abcdef";

    /** The id of that token: the actor of what the tests record, and the scope of their requestIds. */
    protected static String programmeTeamTokenId() {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                                                     .digest(PROGRAMME_TEAM_TOKEN.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "token-bootstrap-" + java.util.HexFormat.of().formatHex(hash).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @LocalServerPort
    protected int port;

    /** As the programme team. */
    protected HttpGraphQlTester graphQl() {
        return graphQl(PROGRAMME_TEAM_TOKEN);
    }

    /** With this token's secret, or none when {@code null}. */
    protected HttpGraphQlTester graphQl(String token) {
        return graphQl(port, token);
    }

    /** A tester for a registry of its own (started by a test), with this token. */
    public static HttpGraphQlTester graphQl(int port, String token) {
        WebTestClient.Builder client = WebTestClient.bindToServer()
                                                    .baseUrl("http://localhost:" + port + "/graphql")
                                                    .responseTimeout(Duration.ofSeconds(30));
        if (token != null) {
            client.defaultHeader("Authorization", "Bearer " + token);
        }
        return HttpGraphQlTester.create(client.build());
    }

    /** Runs a document and returns the codes of its errors, asserting there are some. */
    protected List<String> errorCodes(String document, Map<String, Object> variables) {
        GraphQlTester.Request<?> request = graphQl().document(document);
        variables.forEach(request::variable);
        List<String> codes = new java.util.ArrayList<>();
        request.execute().errors().satisfy(errors -> errors.forEach(
                e -> codes.add(String.valueOf(e.getExtensions().get("code")))));
        if (codes.isEmpty()) {
            throw new AssertionError("Expected errors from " + document);
        }
        return codes;
    }

    protected String errorCode(String document) {
        return errorCodes(document, Map.of()).get(0);
    }

    /**
     * A municipality of the test's own, recorded through the API like any other and formed on {@code existsFrom}, so
     * that no count of real municipalities (and no other test) sees it. Codes GM9000-GM9999 are not used by CBS; a
     * code another test took is tried again. The name gets the code appended, so it is unique too.
     */
    /** A code in GM9000-GM9999 that no municipality in the register has (yet), for a merger's new municipality. */
    protected String unusedMunicipalityCode() {
        while (true) {
            String code = "GM" + java.util.concurrent.ThreadLocalRandom.current().nextInt(9000, 10_000);
            Object found = graphQl().document("query($c: ID!) { municipality(code: $c) { code } }").variable("c", code)
                                    .execute().returnResponse().field("municipality").getValue();
            if (found == null) {
                return code;
            }
        }
    }

    protected String testMunicipality(String name, String province, String existsFrom) {
        while (true) {
            String code = "GM" + java.util.concurrent.ThreadLocalRandom.current().nextInt(9000, 10_000);
            var response = graphQl().document("""
                    mutation($code: ID!, $name: String!, $province: Province!, $existsFrom: Date) {
                      recordMunicipality(code: $code, name: $name, province: $province, existsFrom: $existsFrom) {
                        code
                      }
                    }""").variable("code", code).variable("name", name + " " + code).variable("province", province)
                    .variable("existsFrom", existsFrom).execute();
            List<String> codes = new java.util.ArrayList<>();
            response.errors().satisfy(errors -> errors.forEach(
                    e -> codes.add(String.valueOf(e.getExtensions().get("code")))));
            if (codes.isEmpty()) {
                return code;
            }
            if (!codes.equals(List.of("CONFLICT"))) {
                throw new AssertionError("Recording test municipality " + code + " failed: " + codes);
            }
        }
    }
}
