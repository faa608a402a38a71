package nl.eentegeneenzaamheid.registry.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.RegistryTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.graphql.client.SubscriptionErrorException;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The registryEvents subscription over a real WebSocket (graphql-ws) against the running registry: who may connect
 * and subscribe, and resuming after a disconnect without missing or repeating an event.
 */
@RegistryTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryEventsTest extends GraphQlClient {

    private static final String SUBSCRIPTION = """
            subscription($after: Float) {
              registryEvents(aggregateTypes: ["Organisation"], after: $after) {
                globalIndex aggregateId aggregateType type actor role payload hash
              }
            }""";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private String auditor;
    private String partner;
    private String auditorLabel;

    @BeforeAll
    void tokens() {
        auditorLabel = "ws-auditor-" + UUID.randomUUID().toString().substring(0, 8);
        auditor = issue("AUDITOR", null, auditorLabel);
        String own = register("WS partner's own");
        partner = issue("PARTNER", own, "ws-partner-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Test
    void resumesAfterADisconnectWithoutMissingOrRepeatingAnEvent() {
        double start = head();
        String first = register("WS first");
        String second = register("WS second");
        // The first connection: what was recorded since `start`, then it goes away.
        List<Map<String, Object>> seen = new ArrayList<>(
                events(tokenInInit(auditor), start, Set.of(first, second)).take(2).collectList().block(WAIT));
        assertThat(seen).extracting(e -> e.get("aggregateId")).containsExactly(first, second);
        double lastSeen = ((Number) seen.get(1).get("globalIndex")).doubleValue();

        // Recorded while nobody listens.
        String third = register("WS third");
        rename(first, "WS first renamed");
        String fourth = register("WS fourth");

        // Reconnect after the last event seen: the missed ones first, in log order, then a live one.
        Set<String> mine = Set.of(first, second, third, fourth);
        AtomicReference<String> fifth = new AtomicReference<>();
        List<Map<String, Object>> resumed = events(tokenInInit(auditor), lastSeen, null)
                .doOnNext(e -> {
                    if (e.get("aggregateId").equals(fourth) && fifth.get() == null) {
                        // Live: recorded after the subscription has caught up.
                        fifth.set(register("WS fifth"));
                    }
                })
                .filter(e -> mine.contains(e.get("aggregateId")) || e.get("aggregateId").equals(fifth.get()))
                .take(4).collectList().block(WAIT);
        assertThat(resumed).extracting(e -> e.get("aggregateId") + " " + e.get("type"))
                           .containsExactly(third + " OrganisationRegistered", first + " OrganisationRenamed",
                                            fourth + " OrganisationRegistered",
                                            fifth.get() + " OrganisationRegistered");
        List<Double> positions = resumed.stream().map(e -> ((Number) e.get("globalIndex")).doubleValue()).toList();
        assertThat(positions).isSorted().doesNotHaveDuplicates().allMatch(p -> p > lastSeen);
        Map<String, Object> renamed = resumed.get(1);
        assertThat(renamed.get("actor")).isEqualTo("bootstrap");
        assertThat(renamed.get("role")).isEqualTo("PROGRAMME_TEAM");
        Map<?, ?> payload = (Map<?, ?>) renamed.get("payload");
        assertThat(payload.get("name")).isEqualTo("WS first renamed");
        assertThat((String) payload.get("previousName")).startsWith("WS first ");
    }

    @Test
    void acceptsTheTokenInTheUpgradeRequestsHeader() {
        double start = head();
        String organisation = register("WS header");
        WebSocketGraphQlTester tester = WebSocketGraphQlTester.builder(url(), new StandardWebSocketClient())
                                                              .header(HttpHeaders.AUTHORIZATION, "Bearer " + auditor)
                                                              .build();
        assertThat(events(tester, start, Set.of(organisation)).blockFirst(WAIT)).containsEntry("aggregateId",
                                                                                               organisation);
    }

    @Test
    void aPartnerMayNotFollowTheAuditTrail() {
        List<String> codes = new ArrayList<>();
        try {
            tokenInInit(partner).document(SUBSCRIPTION).variable("after", head()).executeSubscription().toFlux()
                                .blockFirst(WAIT);
        } catch (SubscriptionErrorException e) {
            e.getErrors().forEach(error -> codes.add(String.valueOf(error.getExtensions().get("code"))));
        }
        assertThat(codes).containsExactly("FORBIDDEN");
    }

    @Test
    void connectionsWithoutAValidTokenAreClosedUnauthorized() {
        Map<String, String> token = issued("AUDITOR", null, "ws-revoked-" + UUID.randomUUID().toString().substring(0, 8));
        String revoked = token.get("secret");
        graphQl().document("mutation($id: ID!) { revokeAccessToken(id: $id) { revokedAt } }")
                 .variable("id", token.get("id")).execute().path("revokeAccessToken.revokedAt").hasValue();

        assertThat(closeStatus("{}")).isEqualTo(4401);
        assertThat(closeStatus("{\"Authorization\": \"Bearer no-such-token\"}")).isEqualTo(4401);
        assertThat(closeStatus("{\"Authorization\": \"Bearer " + revoked + "\"}")).isEqualTo(4401);
        // The accepted spellings are acknowledged (and the connection then closed normally by the client).
        assertThat(closeStatus("{\"authorization\": \"Bearer " + auditor + "\"}")).isEqualTo(1000);
        assertThat(closeStatus("{\"token\": \"" + auditor + "\"}")).isEqualTo(1000);
    }

    @Test
    void aRunningSubscriptionEndsWhenItsTokenIsRevoked() throws Exception {
        Map<String, String> token = issued("AUDITOR", null, "ws-watch-" + UUID.randomUUID().toString().substring(0, 8));
        List<Map<String, Object>> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture<Throwable> ended = new java.util.concurrent.CompletableFuture<>();
        var subscription = events(tokenInInit(token.get("secret")), head(), null)
                .subscribe(received::add, ended::complete, () -> ended.complete(null));
        try {
            register("WS watched");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(received).isNotEmpty();
            graphQl().document("mutation($id: ID!) { revokeAccessToken(id: $id) { revokedAt } }")
                     .variable("id", token.get("id")).execute().path("revokeAccessToken.revokedAt").hasValue();
            Throwable end = ended.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertThat(end).isInstanceOf(SubscriptionErrorException.class);
            assertThat(((SubscriptionErrorException) end).getErrors())
                    .extracting(e -> String.valueOf(e.getExtensions().get("code"))).containsExactly("UNAUTHENTICATED");
        } finally {
            subscription.dispose();
        }
    }

    /** Opens a raw graphql-ws connection, sends connection_init with this payload, and returns how it was closed. */
    private int closeStatus(String initPayload) {
        AtomicReference<Integer> status = new AtomicReference<>();
        new StandardWebSocketClient().execute(url(), new org.springframework.web.reactive.socket.WebSocketHandler() {
            @Override
            public List<String> getSubProtocols() {
                return List.of("graphql-transport-ws");
            }

            @Override
            public Mono<Void> handle(org.springframework.web.reactive.socket.WebSocketSession session) {
                Mono<Void> send = session.send(Mono.just(session.textMessage(
                        "{\"type\": \"connection_init\", \"payload\": " + initPayload + "}")));
                Flux<WebSocketMessage> acknowledged = session.receive().take(1).flatMap(
                        message -> session.close(CloseStatus.NORMAL).thenReturn(message));
                Mono<CloseStatus> closed = session.closeStatus().doOnNext(s -> status.set(s.getCode()));
                return send.thenMany(acknowledged).then(closed).then();
            }
        }).block(WAIT);
        return status.get();
    }

    @SuppressWarnings("unchecked")
    private Flux<Map<String, Object>> events(WebSocketGraphQlTester tester, double after, Set<String> mine) {
        return tester.document(SUBSCRIPTION).variable("after", after).executeSubscription()
                     .toFlux("registryEvents", Map.class)
                     .map(e -> (Map<String, Object>) e)
                     .filter(e -> mine == null || mine.contains(e.get("aggregateId")));
    }

    private WebSocketGraphQlTester tokenInInit(String token) {
        return WebSocketGraphQlTester.builder(url(), new StandardWebSocketClient())
                                     .interceptor(new WebSocketGraphQlClientInterceptor() {
                                         @Override
                                         public Mono<Object> connectionInitPayload() {
                                             return Mono.just(Map.of("Authorization", "Bearer " + token));
                                         }
                                     }).build();
    }

    private URI url() {
        return URI.create("ws://localhost:" + port + "/graphql");
    }

    private double head() {
        return graphQl().document("{ registry { logHead } }").execute().path("registry.logHead").entity(Double.class)
                        .get();
    }

    private String register(String name) {
        return graphQl().document("mutation($name: String!) { registerOrganisation(name: $name, kind: NATIONAL) { id } }")
                        .variable("name", name + " " + UUID.randomUUID().toString().substring(0, 8)).execute()
                        .path("registerOrganisation.id").entity(String.class).get();
    }

    private void rename(String id, String name) {
        graphQl().document("mutation($id: ID!, $name: String!) { renameOrganisation(id: $id, name: $name) { id } }")
                 .variable("id", id).variable("name", name).execute().path("renameOrganisation.id").hasValue();
    }

    private String issue(String role, String organisationId, String label) {
        return issued(role, organisationId, label).get("secret");
    }

    /** The secret and the token's id. */
    private Map<String, String> issued(String role, String organisationId, String label) {
        Map<?, ?> issued = graphQl().document("mutation($org: ID, $label: String!) { issueAccessToken(role: " + role
                                              + ", organisationId: $org, label: $label) { secret accessToken { id } } }")
                                    .variable("org", organisationId).variable("label", label).execute()
                                    .path("issueAccessToken").entity(Map.class).get();
        return Map.of("secret", (String) issued.get("secret"), "id", (String) ((Map<?, ?>) issued.get("accessToken")).get("id"));
    }

}
