package nl.eentegeneenzaamheid.registry.audit;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.RegistryTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/** History, the audit log, the read models' verification and the registry before its first event, through GraphQL. */
@RegistryTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditGraphQlTest extends GraphQlClient {

    private static final String ENTRY = "globalIndex eventId aggregateId aggregateType type occurredOn recordedAt actor "
                                        + "role requestId correlationId traceId payload hash";

    @Autowired
    private MongoTemplate mongo;

    private String auditor;
    private String partner;
    private String organisation;

    @BeforeAll
    void anOrganisationWithAHistory() {
        auditor = issue("AUDITOR", null, label("audit-auditor")).get("secret");
        organisation = register(PROGRAMME_TEAM_TOKEN, "Audit Org");
        partner = issue("PARTNER", organisation, label("audit-partner")).get("secret");
        graphQl().document("mutation($id: ID!) { joinNationalCoalition(organisationId: $id, joinedOn: \"2021-03-01\", "
                           + "requestId: \"audit-join\") { joinedOn } }")
                 .variable("id", organisation).execute().path("joinNationalCoalition.joinedOn").hasValue();
        graphQl().document("mutation($id: ID!) { renameOrganisation(id: $id, name: \"Audit Org renamed\") { id } }")
                 .variable("id", organisation).execute().path("renameOrganisation.id").hasValue();
    }

    @Test
    void anOrganisationsHistoryHoldsItsOwnEventsAndThoseNamingIt() {
        List<Map<String, Object>> history = list(graphQl(auditor).document(
                "query($id: ID!) { organisation(id: $id) { history { " + ENTRY + " } } }")
                .variable("id", organisation).execute().path("organisation.history"));
        assertThat(history).extracting(e -> e.get("aggregateType") + " " + e.get("type"))
                           .containsExactly("Organisation OrganisationRegistered", "Coalition MemberJoined",
                                            "Organisation OrganisationRenamed");
        assertThat(history).extracting(e -> ((Number) e.get("globalIndex")).longValue()).isSorted();
        // The chain's hash as the engine stored it with the event.
        assertThat(history).extracting(e -> (String) e.get("hash")).allMatch(h -> h.matches("[0-9a-f]{64}"))
                           .doesNotHaveDuplicates();
        Map<String, Object> joined = history.get(1);
        assertThat(joined.get("aggregateId")).isEqualTo("national");
        assertThat(joined.get("occurredOn")).isEqualTo("2021-03-01");
        assertThat(joined.get("actor")).isEqualTo("bootstrap");
        assertThat(joined.get("role")).isEqualTo("PROGRAMME_TEAM");
        assertThat(joined.get("requestId")).isEqualTo("audit-join");
        assertThat(joined.get("correlationId")).isNotNull();
        assertThat(joined.get("traceId")).isNotNull();
        Map<?, ?> payload = (Map<?, ?>) joined.get("payload");
        assertThat(payload.get("organisationId")).isEqualTo(organisation);
        assertThat(payload.get("joinedOn")).isEqualTo("2021-03-01");
        assertThat(history.get(0).get("occurredOn")).isNull();

        // The same through history(aggregateId), and in parts.
        List<Map<String, Object>> first = history(organisation, 1, null);
        assertThat(first).extracting(e -> e.get("eventId")).containsExactly(history.get(0).get("eventId"));
        List<Map<String, Object>> rest = history(organisation, 5, ((Number) first.get(0).get("globalIndex")).doubleValue());
        assertThat(rest).extracting(e -> e.get("eventId"))
                        .containsExactly(history.get(1).get("eventId"), history.get(2).get("eventId"));
    }

    @Test
    void anAggregatesHistoryIsPagedInItsOwnOrder() {
        List<Map<String, Object>> founded = history("national", 1, null);
        assertThat(founded).extracting(e -> e.get("type") + " " + e.get("sequenceNumber"))
                           .containsExactly("CoalitionFounded 0.0");
        double first = ((Number) founded.get(0).get("globalIndex")).doubleValue();
        List<Map<String, Object>> next = history("national", 1, first);
        assertThat(next).hasSize(1).allMatch(e -> ((Number) e.get("globalIndex")).doubleValue() > first)
                        .allMatch(e -> e.get("aggregateId").equals("national"));
        assertThat(next).extracting(e -> ((Number) e.get("sequenceNumber")).intValue()).containsExactly(1);
    }

    @Test
    void aMunicipalitysHistoryIsTheRegistersEventsNamingIt() {
        String code = testMunicipality("Audit Town", "UTRECHT", "2091-01-01");
        graphQl().document("mutation($code: ID!) { joinProgramme(municipalityCode: $code, joinedOn: \"2091-06-01\") "
                           + "{ code } }").variable("code", code).execute().path("joinProgramme.code").hasValue();
        List<Map<String, Object>> history = history(code, 10, null);
        assertThat(history).filteredOn(e -> e.get("aggregateId").equals("municipality-register"))
                           .extracting(e -> e.get("type") + " " + e.get("occurredOn"))
                           .containsExactly("MunicipalityRecorded 2091-01-01", "ProgrammeJoined 2091-06-01");
        // and the registration of its MUNICIPALITY organisation (a policy, so its place in the log may vary)
        assertThat(history).filteredOn(e -> !e.get("aggregateId").equals("municipality-register"))
                           .extracting(e -> e.get("aggregateId") + " " + e.get("type"))
                           .containsExactly("municipality-" + code + " OrganisationRegistered");
    }

    @Test
    void theAuditLogIsFilteredByActorAndRecordingTime() {
        Instant before = Instant.now();
        Map<String, String> recorder = issue("PROGRAMME_TEAM", null, label("audit-recorder"));
        String first = register(recorder.get("secret"), "Audit Log One");
        String second = register(recorder.get("secret"), "Audit Log Two");
        String query = """
                query($from: DateTime, $to: DateTime, $actor: String, $first: Int, $after: String) {
                  auditLog(from: $from, to: $to, actor: $actor, first: $first, after: $after) {
                    edges { cursor node { aggregateId type actor } } pageInfo { hasNextPage endCursor }
                  }
                }""";
        var all = graphQl(auditor).document(query).variable("from", before.toString())
                                  .variable("actor", recorder.get("label")).execute();
        assertThat(list(all.path("auditLog.edges[*].node"))).extracting(e -> e.get("aggregateId") + " " + e.get("actor"))
                .containsExactly(first + " " + recorder.get("label"), second + " " + recorder.get("label"));
        all.path("auditLog.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);

        // In pages of one, the token id standing for the label.
        var page = graphQl(auditor).document(query).variable("from", before.toString())
                                   .variable("actor", recorder.get("id")).variable("first", 1).execute();
        assertThat(list(page.path("auditLog.edges[*].node"))).extracting(e -> e.get("aggregateId")).containsExactly(first);
        page.path("auditLog.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        String cursor = page.path("auditLog.pageInfo.endCursor").entity(String.class).get();
        var next = graphQl(auditor).document(query).variable("actor", recorder.get("label"))
                                   .variable("first", 1).variable("after", cursor).execute();
        assertThat(list(next.path("auditLog.edges[*].node"))).extracting(e -> e.get("aggregateId")).containsExactly(second);

        // Nothing recorded before `before` by this actor, and an exact match only.
        var earlier = graphQl(auditor).document(query).variable("to", before.toString())
                                      .variable("from", before.minusSeconds(3600).toString())
                                      .variable("actor", recorder.get("label")).execute();
        assertThat(list(earlier.path("auditLog.edges"))).isEmpty();
        var prefix = graphQl(auditor).document(query).variable("from", before.toString())
                                     .variable("actor", recorder.get("label").substring(0, 10)).execute();
        assertThat(list(prefix.path("auditLog.edges"))).isEmpty();
    }

    @Test
    void partnersDoNotReadTheAuditTrail() {
        List<String> codes = new java.util.ArrayList<>();
        graphQl(partner).document("query($id: ID!) { organisation(id: $id) { name history { type } } }")
                        .variable("id", organisation).execute()
                        .errors().satisfy(errors -> errors.forEach(e -> {
                            codes.add(String.valueOf(e.getExtensions().get("code")));
                            assertThat(e.getPath()).isEqualTo("organisation.history");
                        }));
        assertThat(codes).containsExactly("FORBIDDEN");
        List<String> verification = new java.util.ArrayList<>();
        graphQl(partner).document("{ verifyProjections { consistent } }").execute().errors().satisfy(
                errors -> errors.forEach(e -> verification.add(String.valueOf(e.getExtensions().get("code")))));
        assertThat(verification).containsExactly("FORBIDDEN");
    }

    @Test
    void theReadModelsFollowFromTheLogAndACorruptedOneIsCaught() {
        String verify = "{ verifyProjections { consistent eventsReplayed differences } }";
        var clean = graphQl(auditor).document(verify).execute();
        clean.path("verifyProjections.differences").entityList(String.class).hasSize(0);
        clean.path("verifyProjections.consistent").entity(Boolean.class).isEqualTo(true);
        assertThat(clean.path("verifyProjections.eventsReplayed").entity(Double.class).get()).isGreaterThan(100);

        var organisations = mongo.getCollection("organisations");
        String name = organisations.find(eq("_id", organisation)).first().getString("name");
        organisations.updateOne(eq("_id", organisation), Updates.set("name", "Tampered"));
        try {
            var tampered = graphQl(auditor).document(verify).execute();
            tampered.path("verifyProjections.consistent").entity(Boolean.class).isEqualTo(false);
            assertThat(tampered.path("verifyProjections.differences").entityList(String.class).get())
                    .anyMatch(d -> d.startsWith("organisations " + organisation) && d.contains("name"));
        } finally {
            organisations.updateOne(eq("_id", organisation), Updates.set("name", name));
        }
    }

    @Test
    void beforeTheFirstEventTheRegistryIsEmpty() {
        var response = graphQl(auditor).document("""
                query($id: ID!, $knownAt: DateTime) {
                  organisation(id: $id) { memberships(knownAt: $knownAt) { joinedOn } }
                  nationalCoalition {
                    memberCount(knownAt: $knownAt)
                    asOfNow: memberCount(asOf: "2024-12-31", knownAt: $knownAt)
                    members(knownAt: $knownAt, first: 5) { edges { cursor } }
                  }
                  growth(metric: NATIONAL_COALITION_MEMBERS, knownAt: $knownAt) { points { total } }
                  municipalitiesJoined: growth(metric: MUNICIPALITIES_JOINED, knownAt: $knownAt) { points { total } }
                  indicators(knownAt: $knownAt) {
                    nationalCoalitionMembers membersBySector { total } municipalitiesParticipating
                    municipalitiesWithLocalCoalition collaborationsBetweenNationalMembers
                    nationalMembersRepresentedLocally runningPilots pilotsConvertedToProjects
                  }
                  network(knownAt: $knownAt) { nodes { id } edges { id } }
                  nationalToLocalLinks(asOf: "2024-12-31", knownAt: $knownAt) { through }
                  collaborations: growth(metric: COLLABORATIONS, knownAt: $knownAt) { points { total } }
                  pilots: growth(metric: PILOTS, knownAt: $knownAt) { points { total } }
                  links: growth(metric: NATIONAL_TO_LOCAL_LINKS, knownAt: $knownAt) { points { total } }
                }""").variable("id", organisation).variable("knownAt", "2000-01-01T00:00:00Z").execute();
        response.path("organisation.memberships").entityList(Object.class).hasSize(0);
        response.path("nationalCoalition.memberCount").entity(Integer.class).isEqualTo(0);
        response.path("nationalCoalition.asOfNow").entity(Integer.class).isEqualTo(0);
        response.path("nationalCoalition.members.edges").entityList(Object.class).hasSize(0);
        assertThat(response.path("growth.points[*].total").entityList(Integer.class).get()).allMatch(t -> t == 0);
        assertThat(response.path("municipalitiesJoined.points[*].total").entityList(Integer.class).get())
                .allMatch(t -> t == 0);
        response.path("network.nodes").entityList(Object.class).hasSize(0);
        response.path("network.edges").entityList(Object.class).hasSize(0);
        response.path("nationalToLocalLinks").entityList(Object.class).hasSize(0);
        for (String metric : List.of("collaborations", "pilots", "links")) {
            assertThat(response.path(metric + ".points[*].total").entityList(Integer.class).get())
                    .as(metric).allMatch(t -> t == 0);
        }
        Map<?, ?> indicators = response.path("indicators").entity(Map.class).get();
        assertThat(indicators.get("membersBySector")).isEqualTo(List.of());
        indicators.forEach((field, value) -> {
            if (value instanceof Number n) {
                assertThat(n.intValue()).as(String.valueOf(field)).isZero();
            }
        });
    }

    private List<Map<String, Object>> history(String id, int first, Double after) {
        return list(graphQl(auditor).document("query($id: ID!, $first: Int, $after: Float) { history(aggregateId: $id, "
                                              + "first: $first, after: $after) { " + ENTRY + " sequenceNumber } }")
                                    .variable("id", id).variable("first", first).variable("after", after).execute()
                                    .path("history"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(org.springframework.graphql.test.tester.GraphQlTester.Path path) {
        return (List<Map<String, Object>>) (List<?>) path.entityList(Map.class).get();
    }

    private String register(String token, String name) {
        return graphQl(token).document("mutation($name: String!) { registerOrganisation(name: $name, kind: NATIONAL) "
                                       + "{ id } }")
                             .variable("name", name + " " + UUID.randomUUID().toString().substring(0, 8)).execute()
                             .path("registerOrganisation.id").entity(String.class).get();
    }

    private static String label(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The secret, the token's id and its label. */
    private Map<String, String> issue(String role, String organisationId, String label) {
        Map<?, ?> issued = graphQl().document("mutation($org: ID, $label: String!) { issueAccessToken(role: " + role
                                              + ", organisationId: $org, label: $label) { secret accessToken { id } } }")
                                    .variable("org", organisationId).variable("label", label).execute()
                                    .path("issueAccessToken").entity(Map.class).get();
        return Map.of("secret", (String) issued.get("secret"),
                      "id", (String) ((Map<?, ?>) issued.get("accessToken")).get("id"), "label", label);
    }
}
