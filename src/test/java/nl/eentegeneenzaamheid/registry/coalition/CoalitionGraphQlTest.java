package nl.eentegeneenzaamheid.registry.coalition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.RegistryTest;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.MunicipalitiesMerged;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityView;
import nl.eentegeneenzaamheid.registry.municipality.Province;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.MongoTemplate;

@RegistryTest
class CoalitionGraphQlTest extends GraphQlClient {

    private static final AtomicInteger NEXT_CODE = new AtomicInteger(9901);

    @Autowired
    MongoTemplate mongo;
    @Autowired
    MunicipalReorganisationPolicy reorganisations;
    @Autowired
    CoalitionDirectory directory;

    /**
     * TEST-ONLY STAND-IN for the reference municipalities, which this branch does not load yet: writes a municipality
     * straight into the {@code municipalities} read model, with codes (GM99xx) the reference data does not use.
     * Replace with the municipality feature's own data once it is merged.
     */
    String testMunicipality(String name) {
        String code = "GM" + NEXT_CODE.getAndIncrement();
        mongo.save(new MunicipalityView(code, name + " " + code, Province.FLEVOLAND, null, null, null, List.of(), null,
                                        null), "municipalities");
        return code;
    }

    String organisation(String kind, String municipalityCode) {
        return graphQl().document("""
                        mutation($name: String!, $kind: OrganisationKind!, $code: ID) {
                          registerOrganisation(name: $name, kind: $kind, municipalityCode: $code) { id }
                        }""")
                        .variable("name", kind + " " + UUID.randomUUID()).variable("kind", kind)
                        .variable("code", municipalityCode)
                        .execute().path("registerOrganisation.id").entity(String.class).get();
    }

    int nationalCount(String asOf, Instant knownAt) {
        return graphQl().document("query($asOf: Date, $knownAt: DateTime) { nationalCoalition { memberCount(asOf: $asOf, knownAt: $knownAt) } }")
                        .variable("asOf", asOf).variable("knownAt", knownAt == null ? null : knownAt.toString())
                        .execute().path("nationalCoalition.memberCount").entity(Integer.class).get();
    }

    List<Map<String, Object>> memberships(String organisationId, String asOf, Instant knownAt) {
        return graphQl().document("""
                        query($id: ID!, $asOf: Date, $knownAt: DateTime) {
                          organisation(id: $id) {
                            memberships(asOf: $asOf, knownAt: $knownAt) { joinedOn leftOn coalition { id kind } organisation { id } }
                          }
                        }""")
                        .variable("id", organisationId).variable("asOf", asOf)
                        .variable("knownAt", knownAt == null ? null : knownAt.toString())
                        .execute().path("organisation.memberships")
                        .entityList(new ParameterizedTypeReference<Map<String, Object>>() {})
                        .get();
    }

    static final String JOIN = """
            mutation($org: ID!, $on: Date!, $requestId: ID) {
              joinNationalCoalition(organisationId: $org, joinedOn: $on, requestId: $requestId) {
                joinedOn leftOn coalition { id } organisation { id }
              }
            }""";
    static final String LEAVE = """
            mutation($coalition: ID!, $org: ID!, $on: Date!) {
              leaveCoalition(coalitionId: $coalition, organisationId: $org, leftOn: $on, reason: "no capacity") { joinedOn leftOn }
            }""";
    static final String CORRECT = """
            mutation($coalition: ID!, $org: ID!, $on: Date!, $reason: String!) {
              correctJoinDate(coalitionId: $coalition, organisationId: $org, joinedOn: $on, reason: $reason) { joinedOn leftOn }
            }""";
    static final String FOUND = """
            mutation($code: ID!, $name: String, $on: Date!, $phase: LocalCoalitionPhase) {
              foundLocalCoalition(municipalityCode: $code, name: $name, foundedOn: $on, phase: $phase) {
                id kind name foundedOn phase municipality { code } phaseHistory { phase on }
              }
            }""";
    static final String JOIN_LOCAL = """
            mutation($coalition: ID!, $org: ID!, $on: Date!, $type: PartyType!, $role: ContributionRole) {
              joinLocalCoalition(coalitionId: $coalition, organisationId: $org, joinedOn: $on, partyType: $type, role: $role) {
                joinedOn partyType role coalition { id kind } organisation { id }
              }
            }""";

    @Test
    void theNationalCoalitionExistsFromTheStart() {
        graphQl().document("{ nationalCoalition { id kind name foundedOn phase lead { id } municipality { code } } }")
                 .execute()
                 .path("nationalCoalition.id").entity(String.class).isEqualTo("national")
                 .path("nationalCoalition.kind").entity(String.class).isEqualTo("NATIONAL")
                 .path("nationalCoalition.name").entity(String.class).isEqualTo("Nationale Coalitie tegen Eenzaamheid")
                 .path("nationalCoalition.foundedOn").entity(String.class).isEqualTo("2018-01-01")
                 .path("nationalCoalition.phase").valueIsNull()
                 .path("nationalCoalition.lead").valueIsNull();
        graphQl().document("{ coalition(id: \"national\") { id } missing: coalition(id: \"coalition-none\") { id } }")
                 .execute()
                 .path("coalition.id").entity(String.class).isEqualTo("national")
                 .path("missing").valueIsNull();
    }

    @Test
    void aCorrectedJoinDateShowsOnBothTimeAxes() throws InterruptedException {
        String org = organisation("NATIONAL", null);
        int before = nationalCount("2019-12-31", null);

        graphQl().document(JOIN).variable("org", org).variable("on", "2020-01-01").execute()
                 .path("joinNationalCoalition.joinedOn").entity(String.class).isEqualTo("2020-01-01")
                 .path("joinNationalCoalition.leftOn").valueIsNull()
                 .path("joinNationalCoalition.coalition.id").entity(String.class).isEqualTo("national")
                 .path("joinNationalCoalition.organisation.id").entity(String.class).isEqualTo(org);
        assertThat(nationalCount("2019-12-31", null)).isEqualTo(before);
        Instant beforeCorrection = Instant.now();
        Thread.sleep(20);

        graphQl().document(CORRECT).variable("coalition", "national").variable("org", org).variable("on", "2019-06-01")
                 .variable("reason", "The letter of intent was signed in June 2019").execute()
                 .path("correctJoinDate.joinedOn").entity(String.class).isEqualTo("2019-06-01");

        assertThat(nationalCount("2019-12-31", null)).isEqualTo(before + 1);
        assertThat(nationalCount("2019-12-31", beforeCorrection)).isEqualTo(before);
        assertThat(memberships(org, "2019-12-31", null)).hasSize(1);
        assertThat(memberships(org, "2019-12-31", beforeCorrection)).isEmpty();
        // Only knownAt: the registry's answer at that moment about that moment (today, a member since 2020).
        assertThat(memberships(org, null, beforeCorrection)).singleElement()
                .satisfies(m -> assertThat(m.get("joinedOn")).isEqualTo("2020-01-01"));
        // Nothing: today as known now.
        assertThat(memberships(org, null, null)).singleElement()
                .satisfies(m -> assertThat(m.get("joinedOn")).isEqualTo("2019-06-01"));
    }

    @Test
    void aMemberLeavesAndRejoinsInTwoPeriods() {
        String org = organisation("NATIONAL", null);
        graphQl().document(JOIN).variable("org", org).variable("on", "2020-01-01").execute();
        graphQl().document(LEAVE).variable("coalition", "national").variable("org", org).variable("on", "2021-01-01")
                 .execute()
                 .path("leaveCoalition.joinedOn").entity(String.class).isEqualTo("2020-01-01")
                 .path("leaveCoalition.leftOn").entity(String.class).isEqualTo("2021-01-01");
        assertThat(errorCodes(LEAVE, Map.of("coalition", "national", "org", org, "on", "2022-01-01")))
                .containsExactly("CONFLICT");
        assertThat(errorCodes(JOIN, Map.of("org", org, "on", "2020-12-31"))).containsExactly("VALIDATION");
        graphQl().document(JOIN).variable("org", org).variable("on", "2022-01-01").execute()
                 .path("joinNationalCoalition.joinedOn").entity(String.class).isEqualTo("2022-01-01");

        assertThat(memberships(org, "2020-06-01", null)).singleElement()
                .satisfies(m -> assertThat(m.get("leftOn")).isEqualTo("2021-01-01"));
        assertThat(memberships(org, "2021-06-01", null)).isEmpty();
        assertThat(memberships(org, "2022-06-01", null)).singleElement()
                .satisfies(m -> assertThat(m.get("joinedOn")).isEqualTo("2022-01-01"));
        List<String> members = graphQl().document("{ nationalCoalition { members(asOf: \"2021-06-01\", first: 500) { edges { node { organisation { id } } } } } }")
                                        .execute().path("nationalCoalition.members.edges[*].node.organisation.id")
                                        .entityList(String.class).get();
        assertThat(members).doesNotContain(org);
    }

    @Test
    void refusalsCarryTheirCodes() {
        String org = organisation("NATIONAL", null);
        String municipality = testMunicipality("Refusalstad");
        String local = organisation("MUNICIPALITY", municipality);
        assertThat(errorCodes(JOIN, Map.of("org", local, "on", "2020-01-01"))).containsExactly("VALIDATION");
        assertThat(errorCodes(JOIN, Map.of("org", "org-missing", "on", "2020-01-01"))).containsExactly("NOT_FOUND");
        assertThat(errorCodes(JOIN, Map.of("org", org, "on", "2017-12-31"))).containsExactly("VALIDATION");
        graphQl().document(JOIN).variable("org", org).variable("on", "2020-01-01").execute();
        assertThat(errorCodes(JOIN, Map.of("org", org, "on", "2021-01-01"))).containsExactly("CONFLICT");
        assertThat(errorCodes(LEAVE, Map.of("coalition", "national", "org", org, "on", "2020-01-01")))
                .containsExactly("VALIDATION");
        assertThat(errorCodes(LEAVE, Map.of("coalition", "coalition-missing", "org", org, "on", "2021-01-01")))
                .containsExactly("NOT_FOUND");
        assertThat(errorCodes(CORRECT, Map.of("coalition", "national", "org", org, "on", "2019-01-01", "reason", " ")))
                .containsExactly("VALIDATION");
        assertThat(errorCode("mutation { joinNationalCoalition(organisationId: \"\", joinedOn: \"2020-01-01\") { joinedOn } }"))
                .isEqualTo("VALIDATION");
        assertThat(errorCode("mutation { changePhase(coalitionId: \"national\", phase: ESTABLISHED, on: \"2020-01-01\") { id } }"))
                .isEqualTo("VALIDATION");
        assertThat(errorCode("{ nationalCoalition { members(after: \"!!\") { edges { cursor } } } }"))
                .isEqualTo("VALIDATION");
    }

    @Test
    void theSameRequestIdJoinsOnce() {
        String org = organisation("NATIONAL", null);
        String requestId = UUID.randomUUID().toString();
        int before = nationalCount("2023-06-01", null);
        for (int i = 0; i < 2; i++) {
            graphQl().document(JOIN).variable("org", org).variable("on", "2023-01-01").variable("requestId", requestId)
                     .execute().path("joinNationalCoalition.joinedOn").entity(String.class).isEqualTo("2023-01-01");
        }
        assertThat(nationalCount("2023-06-01", null)).isEqualTo(before + 1);
    }

    @Test
    void aLocalCoalitionWithPartiesLeadAndPhases() {
        String code = testMunicipality("Lelystad");
        var founded = graphQl().document(FOUND).variable("code", code).variable("on", "2020-01-01")
                               .variable("phase", "EXPLORING").execute();
        founded.path("foundLocalCoalition.name").entity(String.class).isEqualTo("Lokale coalitie Lelystad " + code)
               .path("foundLocalCoalition.kind").entity(String.class).isEqualTo("LOCAL")
               .path("foundLocalCoalition.municipality.code").entity(String.class).isEqualTo(code)
               .path("foundLocalCoalition.phase").entity(String.class).isEqualTo("EXPLORING");
        String coalition = founded.path("foundLocalCoalition.id").entity(String.class).get();

        assertThat(errorCodes(FOUND, Map.of("code", code, "on", "2021-01-01"))).containsExactly("CONFLICT");
        assertThat(errorCodes(FOUND, Map.of("code", "GM0000", "on", "2021-01-01"))).containsExactly("NOT_FOUND");
        graphQl().document("query($code: ID!) { municipality(code: $code) { localCoalition { id } } }")
                 .variable("code", code).execute()
                 .path("municipality.localCoalition.id").entity(String.class).isEqualTo(coalition);

        String municipalityOrg = organisation("MUNICIPALITY", code);
        String library = organisation("NATIONAL", null);
        String assign = """
                mutation($coalition: ID!, $org: ID!, $since: Date!) {
                  assignLead(coalitionId: $coalition, organisationId: $org, since: $since) { lead { id } leadSince }
                }""";
        assertThat(errorCodes(assign, Map.of("coalition", coalition, "org", municipalityOrg, "since", "2020-02-01")))
                .containsExactly("CONFLICT");
        graphQl().document(JOIN_LOCAL).variable("coalition", coalition).variable("org", municipalityOrg)
                 .variable("on", "2020-01-15").variable("type", "MUNICIPALITY").execute()
                 .path("joinLocalCoalition.partyType").entity(String.class).isEqualTo("MUNICIPALITY")
                 .path("joinLocalCoalition.role").entity(String.class).isEqualTo("ACTIVE")
                 .path("joinLocalCoalition.coalition.kind").entity(String.class).isEqualTo("LOCAL");
        graphQl().document(JOIN_LOCAL).variable("coalition", coalition).variable("org", library)
                 .variable("on", "2020-03-01").variable("type", "LIBRARY").variable("role", "INFORMED").execute()
                 .path("joinLocalCoalition.role").entity(String.class).isEqualTo("INFORMED");
        graphQl().document(assign).variable("coalition", coalition).variable("org", municipalityOrg)
                 .variable("since", "2020-02-01").execute()
                 .path("assignLead.lead.id").entity(String.class).isEqualTo(municipalityOrg)
                 .path("assignLead.leadSince").entity(String.class).isEqualTo("2020-02-01");

        String phase = """
                mutation($coalition: ID!, $phase: LocalCoalitionPhase!, $on: Date!) {
                  changePhase(coalitionId: $coalition, phase: $phase, on: $on) { phase phaseHistory { phase on } }
                }""";
        graphQl().document(phase).variable("coalition", coalition).variable("phase", "ESTABLISHED")
                 .variable("on", "2021-01-01").execute()
                 .path("changePhase.phase").entity(String.class).isEqualTo("ESTABLISHED")
                 .path("changePhase.phaseHistory[*].phase").entityList(String.class)
                 .containsExactly("EXPLORING", "ESTABLISHED");
        assertThat(errorCodes(phase, Map.of("coalition", coalition, "phase", "INITIATING", "on", "2020-06-01")))
                .containsExactly("VALIDATION");

        String page = """
                query($id: ID!, $after: String) {
                  coalition(id: $id) {
                    memberCount(asOf: "2020-06-01")
                    members(asOf: "2020-06-01", first: 1, after: $after) {
                      edges { cursor node { organisation { id } partyType } }
                      pageInfo { hasNextPage endCursor }
                    }
                  }
                }""";
        var first = graphQl().document(page).variable("id", coalition).execute();
        first.path("coalition.memberCount").entity(Integer.class).isEqualTo(2)
             .path("coalition.members.edges[*].node.organisation.id").entityList(String.class)
             .containsExactly(municipalityOrg)
             .path("coalition.members.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        String cursor = first.path("coalition.members.pageInfo.endCursor").entity(String.class).get();
        graphQl().document(page).variable("id", coalition).variable("after", cursor).execute()
                 .path("coalition.members.edges[*].node.organisation.id").entityList(String.class)
                 .containsExactly(library)
                 .path("coalition.members.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);

        // The lead that leaves stops being the lead.
        graphQl().document(LEAVE).variable("coalition", coalition).variable("org", municipalityOrg)
                 .variable("on", "2022-01-01").execute();
        graphQl().document("query($id: ID!) { coalition(id: $id) { lead { id } memberCount } }")
                 .variable("id", coalition).execute()
                 .path("coalition.lead").valueIsNull()
                 .path("coalition.memberCount").entity(Integer.class).isEqualTo(1);
    }

    @Test
    void coalitionsMeetingInAMergerAreCombinedIntoTheEarliestFounded() {
        String older = testMunicipality("Oudstad");
        String newer = testMunicipality("Nieuwstad");
        String receiver = testMunicipality("Samenstad");
        String olderCoalition = found(older, "2019-01-01");
        String newerCoalition = found(newer, "2020-01-01");
        String shared = organisation("NATIONAL", null);
        String onlyNewer = organisation("NATIONAL", null);
        joinLocal(olderCoalition, shared, "2019-02-01");
        joinLocal(newerCoalition, shared, "2020-02-01");
        joinLocal(newerCoalition, onlyNewer, "2020-02-01");

        MunicipalitiesMerged merged = new MunicipalitiesMerged(receiver, List.of(older, newer), LocalDate.of(2023, 1, 1));
        String eventId = UUID.randomUUID().toString();
        // Handed to the policy directly rather than published: a made-up municipality event in the shared log would
        // reach the municipality feature's projection too. Twice, as a redelivery would.
        reorganisations.on(merged, eventId);
        reorganisations.on(merged, eventId);

        String query = """
                query($id: ID!) {
                  coalition(id: $id) {
                    endedOn combinedInto { id } municipality { code }
                    before: memberCount(asOf: "2022-12-31") after: memberCount(asOf: "2023-01-01")
                  }
                }""";
        Awaitility.await().ignoreExceptions().untilAsserted(() -> graphQl().document(query).variable("id", newerCoalition).execute()
                .path("coalition.endedOn").entity(String.class).isEqualTo("2023-01-01")
                .path("coalition.combinedInto.id").entity(String.class).isEqualTo(olderCoalition)
                .path("coalition.before").entity(Integer.class).isEqualTo(2)
                .path("coalition.after").entity(Integer.class).isEqualTo(0));
        Awaitility.await().ignoreExceptions().untilAsserted(() -> graphQl().document(query).variable("id", olderCoalition).execute()
                .path("coalition.endedOn").valueIsNull()
                .path("coalition.municipality.code").entity(String.class).isEqualTo(receiver)
                .path("coalition.before").entity(Integer.class).isEqualTo(1)
                .path("coalition.after").entity(Integer.class).isEqualTo(2));
        graphQl().document("query($code: ID!) { municipality(code: $code) { localCoalition { id } } }")
                 .variable("code", receiver).execute()
                 .path("municipality.localCoalition.id").entity(String.class).isEqualTo(olderCoalition);
        // What the growth feature reads: existence per municipality, a moved coalition having one period per place.
        Awaitility.await().ignoreExceptions().untilAsserted(() -> {
            assertThat(directory.localCoalitionPeriods(null))
                    .filteredOn(p -> p.id().startsWith(olderCoalition) || p.id().startsWith(newerCoalition))
                    .extracting(p -> p.subject() + " " + p.validFrom() + " " + p.validTo())
                    .containsExactlyInAnyOrder(older + " 2019-01-01 2023-01-01", receiver + " 2023-01-01 null",
                                               newer + " 2020-01-01 2023-01-01");
            assertThat(directory.localCoalitions(null)).filteredOn(c -> c.id().equals(newerCoalition)).singleElement()
                    .satisfies(c -> assertThat(c.endedOn()).isEqualTo(LocalDate.of(2023, 1, 1)));
            assertThat(directory.localCoalitions(null)).filteredOn(c -> c.id().equals(olderCoalition)).singleElement()
                    .satisfies(c -> assertThat(c.municipalityCode()).isEqualTo(receiver))
                    .satisfies(c -> assertThat(c.foundedOn()).isEqualTo(LocalDate.of(2019, 1, 1)));
            assertThat(directory.membershipPeriods(new CoalitionId(olderCoalition), null))
                    .extracting(p -> p.subject() + " " + p.validFrom())
                    .containsExactlyInAnyOrder(shared + " 2019-02-01", onlyNewer + " 2023-01-01");
        });
        // The claim moved with the coalition: the receiver cannot get a second active coalition.
        assertThat(errorCodes(FOUND, Map.of("code", receiver, "on", "2023-02-01"))).containsExactly("CONFLICT");
    }

    private String found(String code, String on) {
        return graphQl().document(FOUND).variable("code", code).variable("on", on).execute()
                        .path("foundLocalCoalition.id").entity(String.class).get();
    }

    private void joinLocal(String coalition, String org, String on) {
        graphQl().document(JOIN_LOCAL).variable("coalition", coalition).variable("org", org).variable("on", on)
                 .variable("type", "OTHER").execute().path("joinLocalCoalition.joinedOn").entity(String.class)
                 .isEqualTo(on);
    }
}
