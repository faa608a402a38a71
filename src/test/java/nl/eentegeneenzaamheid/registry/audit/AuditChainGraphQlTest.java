package nl.eentegeneenzaamheid.registry.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.RegistryTest;
import nl.eentegeneenzaamheid.registry.eventstore.MongoEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The hash chain, its heads and the export through the running registry's API. */
@RegistryTest
class AuditChainGraphQlTest extends GraphQlClient {

    private static final String VERIFY = "query($head: ChainHeadInput) { verifyAuditChain(head: $head) { valid "
            + "entriesChecked firstBrokenEventId firstBrokenPosition extendsHead message head { position hash } } }";

    @Autowired
    MongoEventStorageEngine engine;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    ChainHeads heads;

    @TempDir
    Path dir;

    @Test
    void theLogVerifiesAndExtendsAHeadKeptFromIt() {
        Map<String, Object> result = verify(null);
        assertThat(result.get("valid")).isEqualTo(true);
        assertThat(result.get("firstBrokenEventId")).isNull();
        assertThat(result.get("extendsHead")).isNull();
        Map<?, ?> head = (Map<?, ?>) result.get("head");
        assertThat(((Number) head.get("position")).doubleValue())
                .isEqualTo(((Number) result.get("entriesChecked")).doubleValue()).isGreaterThan(300);
        assertThat((String) head.get("hash")).matches("[0-9a-f]{64}");

        // What an auditor kept: the log still extends it.
        Map<String, Object> again = verify(Map.of("position", head.get("position"), "hash", head.get("hash")));
        assertThat(again.get("valid")).isEqualTo(true);
        assertThat(again.get("extendsHead")).isEqualTo(true);

        // A head the log never had at that position, and one beyond its end.
        Map<String, Object> rewritten = verify(Map.of("position", head.get("position"), "hash", "ab".repeat(32)));
        assertThat(rewritten.get("valid")).isEqualTo(false);
        assertThat(rewritten.get("extendsHead")).isEqualTo(false);
        assertThat(rewritten.get("firstBrokenEventId")).isNull();
        assertThat((String) rewritten.get("message")).contains("rewritten");
        Map<String, Object> beyond = verify(Map.of("position", 1e12, "hash", "ab".repeat(32)));
        assertThat(beyond.get("extendsHead")).isEqualTo(false);
        assertThat((String) beyond.get("message")).contains("before the kept head's position 1000000000000");

        assertThat(errorCodes(VERIFY, Map.of("head", Map.of("position", 1, "hash", "not-a-hash"))))
                .containsExactly("VALIDATION");
        assertThat(errorCodes(VERIFY, Map.of("head", Map.of("position", 1.5, "hash", "ab".repeat(32)))))
                .containsExactly("VALIDATION");
    }

    @Test
    void headsAreRecordedEveryNEventsOrAfterTheInterval() {
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(3));
        ChainHeadRecorder byTime = new ChainHeadRecorder(engine, mongo, heads, later, 1_000_000, Duration.ofHours(1),
                                                         Duration.ofMinutes(1));
        ChainHeadRecorder byCount = new ChainHeadRecorder(engine, mongo, heads, later, 1, Duration.ofDays(365),
                                                          Duration.ofMinutes(1));
        testMunicipality("Ketenhoofd", "UTRECHT", "2095-01-01");
        long logHead = logHead();
        // The log moved and the last head is older than the interval: due.
        ChainHead first = byTime.recordIfDue().orElseThrow();
        assertThat(first.position()).isGreaterThanOrEqualTo(logHead);
        assertThat(heads.latest()).contains(first);
        // Nothing new: nothing to record.
        assertThat(byTime.recordIfDue()).isEmpty();

        testMunicipality("Ketenstaart", "UTRECHT", "2095-01-01");
        // A few events but not a million, and the last head is fresh: not due by time or count ...
        assertThat(byTime.recordIfDue()).isEmpty();
        // ... but due for a recorder that records every event.
        ChainHead second = byCount.recordIfDue().orElseThrow();
        assertThat(second.position()).isGreaterThan(first.position());

        // Both are served, oldest first, and each one is extended by the log.
        Map<?, ?> latest = graphQl().document("{ latestChainHead { position hash recordedAt } }").execute()
                                    .path("latestChainHead").entity(Map.class).get();
        assertThat(((Number) latest.get("position")).longValue()).isGreaterThanOrEqualTo(second.position());
        List<?> edges = graphQl().document("{ auditChainHeads(first: 500) { edges { node { position hash } } "
                                           + "pageInfo { hasNextPage } } }").execute()
                                 .path("auditChainHeads.edges").entity(List.class).get();
        List<Long> positions = edges.stream().map(e -> ((Number) ((Map<?, ?>) ((Map<?, ?>) e).get("node"))
                .get("position")).longValue()).toList();
        assertThat(positions).contains(first.position(), second.position()).isSorted();
        for (ChainHead head : List.of(first, second)) {
            assertThat(verify(Map.of("position", head.position(), "hash", head.hash())).get("extendsHead"))
                    .isEqualTo(true);
        }
        // Paging: after the first head's cursor comes the next one.
        String cursor = graphQl().document("{ auditChainHeads(first: 1) { edges { cursor } pageInfo { hasNextPage } } }")
                                 .execute().path("auditChainHeads.edges[0].cursor").entity(String.class).get();
        Number next = graphQl().document("query($after: String) { auditChainHeads(first: 1, after: $after) "
                                         + "{ edges { node { position } } } }")
                               .variable("after", cursor).execute()
                               .path("auditChainHeads.edges[0].node.position").entity(Number.class).get();
        assertThat(next.longValue()).isEqualTo(positions.get(1));
    }

    @Test
    void theExportIsForAuditorsAndTheProgrammeTeamAndVerifiesOffline() throws Exception {
        String organisation = graphQl().document("mutation { registerOrganisation(name: \"Export Partner "
                                                 + UUID.randomUUID() + "\", kind: NATIONAL) { id } }")
                                       .execute().path("registerOrganisation.id").entity(String.class).get();
        String partner = issue("PARTNER", organisation);
        String auditor = issue("AUDITOR", null);

        assertThat(get("/audit/log.ndjson", null).statusCode()).isEqualTo(401);
        HttpResponse<Path> forbidden = get("/audit/log.ndjson", partner);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(Files.readString(forbidden.body())).contains("\"code\":\"FORBIDDEN\"");

        HttpResponse<Path> all = get("/audit/log.ndjson", auditor);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/x-ndjson"));
        OfflineChainCheck.Result whole = OfflineChainCheck.check(all.body(), "0".repeat(64));
        assertThat(whole.firstPosition()).isEqualTo(1);
        assertThat(whole.events()).isEqualTo(whole.lastPosition()).isGreaterThan(300);
        // The issued tokens are the newest events; the auditor's own issue is in the log it exported.
        assertThat(Files.readString(all.body())).contains("AccessTokenIssued");

        // A range chains to the hash of the event before it, which the full export holds.
        String hashOfFour = Files.readAllLines(all.body()).get(3).replaceAll(".*\"hash\":\"([0-9a-f]{64})\".*", "$1");
        HttpResponse<Path> range = get("/audit/log.ndjson?from=5&to=9", PROGRAMME_TEAM_TOKEN);
        OfflineChainCheck.Result part = OfflineChainCheck.check(range.body(), hashOfFour);
        assertThat(part.events()).isEqualTo(5);
        assertThat(part.firstPosition()).isEqualTo(5);
        assertThat(get("/audit/log.ndjson?from=9&to=5", auditor).statusCode()).isEqualTo(400);
    }

    private long logHead() {
        return graphQl().document("{ registry { logHead } }").execute().path("registry.logHead")
                        .entity(Number.class).get().longValue();
    }

    private Map<String, Object> verify(Map<String, Object> head) {
        @SuppressWarnings("unchecked")
        Map<String, Object> result = graphQl(PROGRAMME_TEAM_TOKEN).document(VERIFY).variable("head", head).execute()
                                                                 .path("verifyAuditChain").entity(Map.class).get();
        return result;
    }

    private HttpResponse<Path> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofFile(
                dir.resolve(UUID.randomUUID() + ".ndjson")));
    }

    private String issue(String role, String organisationId) {
        return graphQl().document("mutation($org: ID) { issueAccessToken(role: " + role + ", organisationId: $org, "
                                  + "label: \"chain-" + role.toLowerCase() + "-" + UUID.randomUUID() + "\") { secret } }")
                        .variable("org", organisationId).execute()
                        .path("issueAccessToken.secret").entity(String.class).get();
    }
}
