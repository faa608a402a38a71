package nl.eentegeneenzaamheid.registry.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.MongoCommands;
import nl.eentegeneenzaamheid.registry.RegistryTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * Collaborations, pilots and the links and counts derived from them, on hand-checked data of the test's own, dated
 * 2090 and later so that nothing else recorded in the shared database falls on those days except what stays open;
 * counts are therefore compared before and after.
 *
 * <pre>
 * municipalities  A, B (Zeeland), C (Utrecht), all from 2090; A merges into B on 2093-01-01
 * organisations   P1 (COMPANIES), P2 (CARE_AND_WELFARE), P3 (no sector), all NATIONAL; BR a branch of P1 in C
 * memberships     P1 and P2 join the National Coalition on 2090-01-01; P3 never does
 * local coalition in C from 2090-02-01; BR joins it on 2091-01-01
 * collaborations  K1: P1 proposes with P2 in B, startsOn 2091-03-01, P2 confirms (both as partners)
 *                 K2: P1 proposes with P3, no municipality, P3 confirms: active from today (before 2090)
 *                 K3: P1 proposes with P2, P2 declines
 * pilot           by P2 with co-partner P3 in A from 2091-06-01; extended to C on 2092-01-01;
 *                 converted into a project on 2092-06-01
 * </pre>
 */
@RegistryTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinkGraphQlTest extends GraphQlClient {

    private static final String LINK = "{ nationalPartner { id } municipality { code } via through since until }";

    @Autowired
    MongoCommands commands;

    private String a;
    private String b;
    private String c;
    private String p1;
    private String p2;
    private String p3;
    private String branch;
    private String k1;
    private String k2;
    private String k3;
    private String pilot;
    private Instant beforePilot;
    private Map<String, Object> indicatorsBefore1;
    private Map<String, Object> indicatorsBefore2;
    private Map<String, Integer> pilotsBySectorBefore;
    private Map<String, Integer> linksBefore;
    private Map<String, Integer> collaborationsBefore;

    @BeforeAll
    void record() {
        indicatorsBefore1 = indicators("2091-07-01", null);
        indicatorsBefore2 = indicators("2093-06-01", null);
        pilotsBySectorBefore = careAndWelfarePilots();
        linksBefore = linksByProvince();
        collaborationsBefore = companyCollaborations();
        a = testMunicipality("Links A", "ZEELAND", "2090-01-01");
        b = testMunicipality("Links B", "ZEELAND", "2090-01-01");
        c = testMunicipality("Links C", "UTRECHT", "2090-01-01");
        p1 = organisation("NATIONAL", "COMPANIES", null, null);
        p2 = organisation("NATIONAL", "CARE_AND_WELFARE", null, null);
        p3 = organisation("NATIONAL", null, null, null);
        branch = organisation("LOCAL", null, p1, c);
        for (String member : List.of(p1, p2)) {
            run("mutation($o: ID!) { joinNationalCoalition(organisationId: $o, joinedOn: \"2090-01-01\") { joinedOn } }",
                Map.of("o", member));
        }
        String coalition = id("foundLocalCoalition", "mutation($m: ID!) { foundLocalCoalition(municipalityCode: $m, "
                                                     + "foundedOn: \"2090-02-01\") { id } }", Map.of("m", c));
        run("mutation($c: ID!, $o: ID!) { joinLocalCoalition(coalitionId: $c, organisationId: $o, "
            + "joinedOn: \"2091-01-01\", partyType: NATIONAL_PARTNER_BRANCH) { joinedOn } }",
            Map.of("c", coalition, "o", branch));

        String partner1 = partnerToken(p1);
        String partner2 = partnerToken(p2);
        String partner3 = partnerToken(p3);
        k1 = propose(partner1, p2, List.of(b), "2091-03-01");
        assertThat(confirm(partner2, k1, p2)).isEqualTo("ACTIVE");
        k2 = propose(partner1, p3, List.of(), null);
        assertThat(confirm(partner3, k2, p3)).isEqualTo("ACTIVE");
        k3 = propose(partner1, p2, List.of(a), "2091-01-01");
        assertThat(graphQl(partner2).document("mutation($k: ID!, $o: ID!) { declineCollaboration(collaborationId: $k, "
                                              + "organisationId: $o, reason: \"not now\") { status } }")
                                    .variable("k", k3).variable("o", p2).execute()
                                    .path("declineCollaboration.status").entity(String.class).get())
                .isEqualTo("DECLINED");

        beforePilot = Instant.now();
        pilot = id("startPilot", "mutation($p: ID!, $q: ID!, $m: ID!) { startPilot(title: \"Links pilot\", "
                                 + "nationalPartnerId: $p, partnerIds: [$q], municipalityCodes: [$m], "
                                 + "startedOn: \"2091-06-01\") { id } }", Map.of("p", p2, "q", p3, "m", a));
        run("mutation($id: ID!, $m: ID!) { extendPilot(pilotId: $id, municipalityCodes: [$m], on: \"2092-01-01\") "
            + "{ status } }", Map.of("id", pilot, "m", c));
        run("mutation($id: ID!) { convertPilotToProject(pilotId: $id, on: \"2092-06-01\") { status } }",
            Map.of("id", pilot));
        run("mutation($into: ID!, $name: String!, $a: ID!) { mergeMunicipalities(intoCode: $into, intoName: $name, "
            + "province: ZEELAND, mergedCodes: [$a], effectiveOn: \"2093-01-01\") { code } }",
            Map.of("into", b, "name", "Links B " + b, "a", a));
    }

    @Test
    void aCollaborationShowsItsPartiesAndStatus() {
        Map<String, Object> k = map(run("query($id: ID!) { collaboration(id: $id) { status startsOn activeFrom "
                                        + "proposedBy { id } parties { organisation { id } confirmed } "
                                        + "municipalities { code } } }", Map.of("id", k1)), "collaboration");
        assertThat(k).containsEntry("status", "ACTIVE").containsEntry("activeFrom", "2091-03-01")
                     .containsEntry("proposedBy", Map.of("id", p1))
                     .containsEntry("municipalities", List.of(Map.of("code", b)))
                     .containsEntry("parties", List.of(Map.of("organisation", Map.of("id", p1), "confirmed", true),
                                                       Map.of("organisation", Map.of("id", p2), "confirmed", true)));
        List<Object> ofP2 = list(run("query($o: ID!) { collaborations(organisationId: $o) { id status } }",
                                     Map.of("o", p2)), "collaborations");
        assertThat(ofP2).containsExactly(Map.of("id", k1, "status", "ACTIVE"), Map.of("id", k3, "status", "DECLINED"));
        List<Object> declined = list(run("query($o: ID!) { organisation(id: $o) { collaborations(status: DECLINED) "
                                         + "{ id } } }", Map.of("o", p1)), "organisation.collaborations");
        assertThat(declined).containsExactly(Map.of("id", k3));
    }

    @Test
    void partnersActOnlyForTheirOwnOrganisation() {
        String partner3 = partnerToken(p3);
        assertThat(codes(partner3, "mutation($p: ID!, $q: ID!) { proposeCollaboration(title: \"x\", proposedBy: $p, "
                                   + "partyIds: [$q]) { id } }", Map.of("p", p1, "q", p3))).containsExactly("FORBIDDEN");
        String open = propose(partnerToken(p1), p2, List.of(), null);
        assertThat(codes(partner3, "mutation($k: ID!, $o: ID!) { confirmCollaboration(collaborationId: $k, "
                                   + "organisationId: $o) { id } }", Map.of("k", open, "o", p2)))
                .containsExactly("FORBIDDEN");
        assertThat(codes(partner3, "mutation($k: ID!) { endCollaboration(collaborationId: $k, endedOn: \"2095-01-01\") "
                                   + "{ id } }", Map.of("k", k1))).containsExactly("FORBIDDEN");
        assertThat(codes(partner3, "mutation($p: ID!, $m: ID!) { startPilot(title: \"x\", nationalPartnerId: $p, "
                                   + "municipalityCodes: [$m], startedOn: \"2091-01-01\") { id } }",
                         Map.of("p", p3, "m", c))).containsExactly("FORBIDDEN");
        // A party may end the collaboration; it cannot end twice.
        String ending = propose(partner3, p3, p1, List.of(), "2091-01-01");
        assertThat(confirm(partnerToken(p1), ending, p1)).isEqualTo("ACTIVE");
        Map<String, Object> ended = map(graphQl(partner3).document(
                "mutation($k: ID!) { endCollaboration(collaborationId: $k, endedOn: \"2092-01-01\") { status endedOn } }")
                .variable("k", ending).execute().path("").entity(MAP).get(), "endCollaboration");
        assertThat(ended).containsEntry("status", "ENDED").containsEntry("endedOn", "2092-01-01");
        assertThat(codes(PROGRAMME_TEAM_TOKEN, "mutation($k: ID!) { endCollaboration(collaborationId: $k, "
                                               + "endedOn: \"2093-01-01\") { id } }", Map.of("k", ending)))
                .containsExactly("CONFLICT");
    }

    @Test
    void invalidRequestsSayWhatIsWrong() {
        assertThat(codes(PROGRAMME_TEAM_TOKEN, "mutation($p: ID!) { proposeCollaboration(title: \"x\", proposedBy: $p, "
                                               + "partyIds: [$p]) { id } }", Map.of("p", p1))).containsExactly("VALIDATION");
        assertThat(codes(PROGRAMME_TEAM_TOKEN, "mutation { confirmCollaboration(collaborationId: \"collaboration-none\", "
                                               + "organisationId: \"org-none\") { id } }", Map.of()))
                .containsExactly("NOT_FOUND");
        assertThat(codes(PROGRAMME_TEAM_TOKEN, "mutation($id: ID!) { stopPilot(pilotId: $id, on: \"2095-01-01\", "
                                               + "reason: \"over\") { id } }", Map.of("id", pilot)))
                .containsExactly("CONFLICT");
        assertThat(codes(PROGRAMME_TEAM_TOKEN, "mutation($id: ID!, $m: ID!) { extendPilot(pilotId: $id, "
                                               + "municipalityCodes: [$m], on: \"2091-01-01\") { id } }",
                         Map.of("id", pilot, "m", b))).containsExactly("VALIDATION");
        assertThat(codes(PROGRAMME_TEAM_TOKEN, "mutation($id: ID!) { evaluatePilot(pilotId: $id, on: \"2093-01-01\", "
                                               + "outcome: \"late\") { id } }", Map.of("id", pilot)))
                .containsExactly("CONFLICT");
        assertThat(codes(PROGRAMME_TEAM_TOKEN, "{ growth(metric: PILOTS, breakdown: PROVINCE) { metric } }", Map.of()))
                .containsExactly("VALIDATION");
        assertThat(codes(PROGRAMME_TEAM_TOKEN, "{ growth(metric: NATIONAL_TO_LOCAL_LINKS, breakdown: SECTOR) "
                                               + "{ metric } }", Map.of())).containsExactly("VALIDATION");
    }

    @Test
    void aPilotBecomesAProjectAndKeepsItsHistory() {
        Map<String, Object> p = map(run("query($id: ID!) { pilot(id: $id) { status startedOn convertedOn stoppedOn "
                                        + "nationalPartner { id } partners { id } municipalities { code } "
                                        + "sites { municipality { code } since } } }", Map.of("id", pilot)), "pilot");
        assertThat(p).containsEntry("status", "CONVERTED_TO_PROJECT").containsEntry("convertedOn", "2092-06-01")
                     .containsEntry("startedOn", "2091-06-01").containsEntry("nationalPartner", Map.of("id", p2))
                     .containsEntry("partners", List.of(Map.of("id", p3)))
                     .containsEntry("municipalities", List.of(Map.of("code", a), Map.of("code", c)))
                     .containsEntry("sites", List.of(Map.of("municipality", Map.of("code", a), "since", "2091-06-01"),
                                                     Map.of("municipality", Map.of("code", c), "since", "2092-01-01")));
        assertThat(list(run("query($o: ID!) { organisation(id: $o) { pilots { id } } }", Map.of("o", p3)),
                        "organisation.pilots")).containsExactly(Map.of("id", pilot));
    }

    @Test
    void anEvaluatedPilotIsStoppedAndItsLinksEnd() {
        String stopped = id("startPilot", "mutation($p: ID!, $m: ID!) { startPilot(title: \"Short pilot\", "
                                          + "nationalPartnerId: $p, municipalityCodes: [$m], startedOn: \"2091-01-01\", "
                                          + "goal: \"try\") { id } }", Map.of("p", p1, "m", c));
        assertThat(map(run("mutation($id: ID!) { evaluatePilot(pilotId: $id, on: \"2091-02-01\", outcome: \"meh\") "
                           + "{ status evaluation evaluatedOn } }", Map.of("id", stopped)), "evaluatePilot"))
                .containsEntry("status", "EVALUATED").containsEntry("evaluation", "meh")
                .containsEntry("evaluatedOn", "2091-02-01");
        assertThat(map(run("mutation($id: ID!) { stopPilot(pilotId: $id, on: \"2091-04-01\", reason: \"no effect\") "
                           + "{ status stoppedOn } }", Map.of("id", stopped)), "stopPilot"))
                .containsEntry("status", "STOPPED").containsEntry("stoppedOn", "2091-04-01");
        assertThat(list(run("{ pilots(status: STOPPED) { id } }", Map.of()), "pilots")).contains(Map.of("id", stopped));
        assertThat(links(p1, "2091-03-31")).contains(link(p1, c, "PILOT", stopped, "2091-01-01", "2091-04-01"));
        assertThat(links(p1, "2091-04-01")).extracting("via").doesNotContain("PILOT");
        assertThat(codes(PROGRAMME_TEAM_TOKEN, "mutation($id: ID!) { convertPilotToProject(pilotId: $id, "
                                               + "on: \"2091-05-01\") { id } }", Map.of("id", stopped)))
                .containsExactly("CONFLICT");
    }

    @Test
    void linksSayViaWhatAndSinceWhen() {
        assertThat(links(p1, "2091-07-01")).containsExactlyInAnyOrder(
                link(p1, b, "COLLABORATION", k1, "2091-03-01", null),
                link(p1, c, "BRANCH_IN_LOCAL_COALITION", branch, "2091-01-01", null));
        assertThat(links(p2, "2091-07-01")).containsExactlyInAnyOrder(
                link(p2, a, "PILOT", pilot, "2091-06-01", "2093-01-01"),
                link(p2, b, "COLLABORATION", k1, "2091-03-01", null));
        // The co-partner is represented through the pilot too; a collaboration without municipalities links nowhere.
        assertThat(links(p3, "2091-07-01")).containsExactly(link(p3, a, "PILOT", pilot, "2091-06-01", "2093-01-01"));
        assertThat(links(p3, "2091-05-31")).isEmpty();
    }

    @Test
    void linksFollowMergersAndProjectsKeepTheirs() {
        assertThat(links(p2, "2093-06-01")).containsExactlyInAnyOrder(
                link(p2, b, "COLLABORATION", k1, "2091-03-01", null),
                link(p2, b, "PILOT", pilot, "2093-01-01", null),
                link(p2, c, "PILOT", pilot, "2092-01-01", null));
        // Which national partners are present in Zeeland, and through what?
        List<Object> zeeland = list(run("query { nationalToLocalLinks(province: ZEELAND, asOf: \"2093-06-01\") "
                                        + LINK + " }", Map.of()), "nationalToLocalLinks");
        assertThat(zeeland.stream().filter(l -> List.of(p1, p2, p3).contains(partnerOf(l))).toList())
                .containsExactlyInAnyOrder(link(p1, b, "COLLABORATION", k1, "2091-03-01", null),
                                           link(p2, b, "COLLABORATION", k1, "2091-03-01", null),
                                           link(p2, b, "PILOT", pilot, "2093-01-01", null),
                                           link(p3, b, "PILOT", pilot, "2093-01-01", null));
        List<Object> inB = list(run("query($m: ID!) { municipality(code: $m) { nationalPartnersPresent(asOf: "
                                    + "\"2093-06-01\") { nationalPartner { id } via } } }", Map.of("m", b)),
                                "municipality.nationalPartnersPresent");
        assertThat(inB).containsExactlyInAnyOrder(Map.of("nationalPartner", Map.of("id", p1), "via", "COLLABORATION"),
                                                  Map.of("nationalPartner", Map.of("id", p2), "via", "COLLABORATION"),
                                                  Map.of("nationalPartner", Map.of("id", p2), "via", "PILOT"),
                                                  Map.of("nationalPartner", Map.of("id", p3), "via", "PILOT"));
        // Ordered by partner id.
        assertThat(inB.stream().map(LinkGraphQlTest::partnerOf).toList()).isSorted();
    }

    @Test
    void theNetworkHasAnEdgePerPairOfPartiesAndPerCoPartner() {
        Map<String, Object> network = map(run("query { network(asOf: \"2091-07-01\") { asOf nodes { id } "
                                              + "edges { kind id source { id } target { id } since until } } }",
                                              Map.of()), "network");
        assertThat(network).containsEntry("asOf", "2091-07-01");
        List<Object> ours = ((List<?>) network.get("edges")).stream()
                .filter(e -> List.of(k1, k2, k3, pilot).contains(((Map<?, ?>) e).get("id"))).map(e -> (Object) e)
                .toList();
        List<Object> expected = new ArrayList<>();
        expected.add(edge("COLLABORATION", k1, p1, p2, "2091-03-01"));
        expected.add(edge("COLLABORATION", k2, p1, p3, today()));
        expected.add(edge("PILOT", pilot, p2, p3, "2091-06-01"));
        assertThat(ours).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(list(network, "nodes")).contains(Map.of("id", p1), Map.of("id", p2), Map.of("id", p3));
    }

    @Test
    void indicatorsCountCollaborationsBetweenMembersAndMembersRepresentedLocally() {
        Map<String, Object> after = indicators("2091-07-01", null);
        assertThat(delta(after, indicatorsBefore1, "collaborationsBetweenNationalMembers")).isEqualTo(1);
        assertThat(delta(after, indicatorsBefore1, "nationalMembersRepresentedLocally")).isEqualTo(2);
        assertThat(delta(after, indicatorsBefore1, "nationalMembersWithBranchInLocalCoalition")).isEqualTo(1);
        assertThat(delta(after, indicatorsBefore1, "runningPilots")).isEqualTo(1);
        assertThat(delta(after, indicatorsBefore1, "pilotsConvertedToProjects")).isZero();
        Map<String, Object> later = indicators("2093-06-01", null);
        assertThat(delta(later, indicatorsBefore2, "runningPilots")).isZero();
        assertThat(delta(later, indicatorsBefore2, "pilotsConvertedToProjects")).isEqualTo(1);
        // As known before the pilot was recorded, it did not run.
        Map<String, Object> known = indicators("2091-07-01", beforePilot.toString());
        assertThat(delta(known, indicatorsBefore1, "runningPilots")).isZero();
        assertThat(delta(known, indicatorsBefore1, "collaborationsBetweenNationalMembers")).isEqualTo(1);
    }

    @Test
    void growthCountsPilotsByTheirPartnersSectorAndLinksByProvince() {
        Map<String, Integer> pilots = careAndWelfarePilots();
        assertThat(pilots.get("2091") - pilotsBySectorBefore.getOrDefault("2091", 0)).isEqualTo(1);
        assertThat(pilots.get("2092") - pilotsBySectorBefore.getOrDefault("2092", 0)).isZero();
        // Per partner and municipality. End of 2091: P1 in B and C, P2 in A and B, P3 in A; end of 2092 also P2 and
        // P3 in C; from 2093 A is part of B, where P2 already was, and P3 comes to B.
        Map<String, Integer> links = linksByProvince();
        assertThat(change(links, linksBefore, "2091 ZEELAND")).isEqualTo(4);
        assertThat(change(links, linksBefore, "2091 UTRECHT")).isEqualTo(1);
        assertThat(change(links, linksBefore, "2091 total")).isEqualTo(5);
        assertThat(change(links, linksBefore, "2092 UTRECHT")).isEqualTo(3);
        assertThat(change(links, linksBefore, "2092 total")).isEqualTo(7);
        assertThat(change(links, linksBefore, "2093 ZEELAND")).isEqualTo(3);
        assertThat(change(links, linksBefore, "2093 total")).isEqualTo(6);
        // K1 and K2, both proposed by P1 (COMPANIES); the declined K3 never ran.
        assertThat(change(companyCollaborations(), collaborationsBefore, "2091 COMPANIES")).isEqualTo(2);
    }

    @Test
    void aPageOfOrganisationsCostsTheSameQueriesWhateverItsSize() {
        String prefix = "Page " + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 20; i++) {
            String o = id("registerOrganisation", "mutation($n: String!) { registerOrganisation(name: $n, "
                                                  + "kind: NATIONAL) { id } }", Map.of("n", prefix + " " + (100 + i)));
            if (i % 4 == 0) {
                propose(PROGRAMME_TEAM_TOKEN, o, p1, List.of(c), null);
            }
        }
        String page = "query($s: String, $n: Int, $k: DateTime) { organisations(search: $s, first: $n) { edges { "
                      + "node { id "
                      + "collaborations { id status proposedBy { name } parties { confirmed organisation { name } } "
                      + "municipalities { name } } pilots { id } memberships { joinedOn } "
                      + "localPresence(asOf: \"2091-07-01\", knownAt: $k) { via since nationalPartner { name } "
                      + "municipality { name } } } } } }";
        Set<String> readModels = Set.of("organisations", "collaborations", "collaboration_periods", "pilots",
                                        "pilot_periods", "membership_periods", "membership_details",
                                        "local_coalition_periods", "municipalities");
        int[] sizes = new int[2];
        // As known at a moment (now), the links are derived afresh for each request rather than taken from the
        // answers kept until a read model changes (CurrentAnswers), which other tests' work may change at any time.
        String knownAt = java.time.Instant.now().toString();
        int small = commands.readsOf(readModels, () -> sizes[0] = list(
                run(page, Map.of("s", prefix, "n", 5, "k", knownAt)), "organisations.edges").size());
        int large = commands.readsOf(readModels, () -> sizes[1] = list(
                run(page, Map.of("s", prefix, "n", 20, "k", knownAt)), "organisations.edges").size());
        assertThat(sizes).containsExactly(5, 20);
        assertThat(small).isPositive();
        assertThat(large).isEqualTo(small);
    }

    // Helpers

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };

    private Map<String, Object> run(String document, Map<String, Object> variables) {
        GraphQlTester.Request<?> request = graphQl().document(document);
        variables.forEach(request::variable);
        return request.execute().path("").entity(MAP).get();
    }

    private String id(String field, String document, Map<String, Object> variables) {
        return (String) map(run(document, variables), field).get("id");
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> data, String path) {
        Object value = data;
        for (String key : path.split("\\.")) {
            value = ((Map<String, Object>) value).get(key);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> data, String path) {
        return (Map<String, Object>) at(data, path);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> data, String path) {
        return (List<Object>) at(data, path);
    }

    private List<String> codes(String token, String document, Map<String, Object> variables) {
        GraphQlTester.Request<?> request = graphQl(token).document(document);
        variables.forEach(request::variable);
        List<String> codes = new ArrayList<>();
        request.execute().errors().satisfy(errors -> errors.forEach(
                e -> codes.add(String.valueOf(e.getExtensions().get("code")))));
        return codes;
    }

    private String organisation(String kind, String sector, String parent, String municipality) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("n", "Links " + kind + " " + UUID.randomUUID().toString().substring(0, 8));
        variables.put("s", sector);
        variables.put("p", parent);
        variables.put("m", municipality);
        return id("registerOrganisation", "mutation($n: String!, $s: Sector, $p: ID, $m: ID) { registerOrganisation("
                                          + "name: $n, kind: " + kind + ", sector: $s, parentId: $p, "
                                          + "municipalityCode: $m) { id } }", variables);
    }

    private String partnerToken(String organisation) {
        return graphQl().document("mutation($o: ID, $l: String!) { issueAccessToken(role: PARTNER, organisationId: $o, "
                                  + "label: $l) { secret } }")
                        .variable("o", organisation).variable("l", "links-" + UUID.randomUUID())
                        .execute().path("issueAccessToken.secret").entity(String.class).get();
    }

    private String propose(String token, String other, List<String> municipalities, String startsOn) {
        return propose(token, p1, other, municipalities, startsOn);
    }

    private String propose(String token, String proposer, String other, List<String> municipalities, String startsOn) {
        return graphQl(token).document("mutation($p: ID!, $q: ID!, $m: [ID!], $s: Date) { proposeCollaboration("
                                       + "title: \"Links collaboration\", proposedBy: $p, partyIds: [$q], "
                                       + "municipalityCodes: $m, startsOn: $s) { id } }")
                             .variable("p", proposer).variable("q", other).variable("m", municipalities)
                             .variable("s", startsOn).execute()
                             .path("proposeCollaboration.id").entity(String.class).get();
    }

    private String confirm(String token, String collaboration, String organisation) {
        return graphQl(token).document("mutation($k: ID!, $o: ID!) { confirmCollaboration(collaborationId: $k, "
                                       + "organisationId: $o) { status } }")
                             .variable("k", collaboration).variable("o", organisation).execute()
                             .path("confirmCollaboration.status").entity(String.class).get();
    }

    private List<Object> links(String partner, String asOf) {
        return list(run("query($o: ID!, $d: Date) { organisation(id: $o) { localPresence(asOf: $d) " + LINK + " } }",
                        Map.of("o", partner, "d", asOf)), "organisation.localPresence");
    }

    private static Map<String, Object> link(String partner, String municipality, String via, String through,
                                            String since, String until) {
        Map<String, Object> link = new HashMap<>();
        link.put("nationalPartner", Map.of("id", partner));
        link.put("municipality", Map.of("code", municipality));
        link.put("via", via);
        link.put("through", through);
        link.put("since", since);
        link.put("until", until);
        return link;
    }

    private static String partnerOf(Object link) {
        return (String) ((Map<?, ?>) ((Map<?, ?>) link).get("nationalPartner")).get("id");
    }

    private static Map<String, Object> edge(String kind, String id, String source, String target, String since) {
        Map<String, Object> edge = new HashMap<>();
        edge.put("kind", kind);
        edge.put("id", id);
        edge.put("source", Map.of("id", source));
        edge.put("target", Map.of("id", target));
        edge.put("since", since);
        edge.put("until", null);
        return edge;
    }

    private static String today() {
        return java.time.LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam")).toString();
    }

    private Map<String, Object> indicators(String asOf, String knownAt) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("d", asOf);
        variables.put("k", knownAt);
        return map(run("query($d: Date, $k: DateTime) { indicators(asOf: $d, knownAt: $k) { "
                       + "collaborationsBetweenNationalMembers nationalMembersRepresentedLocally "
                       + "nationalMembersWithBranchInLocalCoalition runningPilots pilotsConvertedToProjects } }",
                       variables), "indicators");
    }

    private static int delta(Map<String, Object> after, Map<String, Object> before, String field) {
        return ((Number) after.get(field)).intValue() - ((Number) before.get(field)).intValue();
    }

    /** Running pilots of CARE_AND_WELFARE partners at the end of 2091 and 2092, by year. */
    private Map<String, Integer> careAndWelfarePilots() {
        Map<String, Integer> totals = new HashMap<>();
        list(run("{ growth(metric: PILOTS, from: \"2091-01-01\", to: \"2092-12-31\", breakdown: SECTOR) { points { "
                 + "periodEnd breakdown { key total } } } }", Map.of()), "growth.points")
                .forEach(p -> totals.put(((String) ((Map<?, ?>) p).get("periodEnd")).substring(0, 4),
                                         bucket(p, "CARE_AND_WELFARE")));
        return totals;
    }

    /** NATIONAL_TO_LOCAL_LINKS at the end of 2091-2093: "year total" and "year PROVINCE". */
    private Map<String, Integer> linksByProvince() {
        return series("NATIONAL_TO_LOCAL_LINKS", "PROVINCE", "2093-12-31");
    }

    private Map<String, Integer> companyCollaborations() {
        return series("COLLABORATIONS", "SECTOR", "2091-12-31");
    }

    private Map<String, Integer> series(String metric, String breakdown, String to) {
        Map<String, Integer> totals = new HashMap<>();
        list(run("{ growth(metric: " + metric + ", from: \"2091-01-01\", to: \"" + to + "\", breakdown: "
                 + breakdown + ") { points { periodEnd total breakdown { key total } } } }", Map.of()), "growth.points")
                .forEach(p -> {
                    Map<?, ?> point = (Map<?, ?>) p;
                    String year = ((String) point.get("periodEnd")).substring(0, 4);
                    totals.put(year + " total", ((Number) point.get("total")).intValue());
                    ((List<?>) point.get("breakdown")).forEach(b -> totals.put(
                            year + " " + ((Map<?, ?>) b).get("key"), ((Number) ((Map<?, ?>) b).get("total")).intValue()));
                });
        return totals;
    }

    private static int change(Map<String, Integer> after, Map<String, Integer> before, String key) {
        return after.getOrDefault(key, 0) - before.getOrDefault(key, 0);
    }

    private static int bucket(Object point, String key) {
        return ((List<?>) ((Map<?, ?>) point).get("breakdown")).stream().map(b -> (Map<?, ?>) b)
                .filter(b -> key.equals(b.get("key"))).map(b -> ((Number) b.get("total")).intValue())
                .findFirst().orElse(0);
    }
}
