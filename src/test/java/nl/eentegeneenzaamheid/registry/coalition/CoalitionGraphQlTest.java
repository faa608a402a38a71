package nl.eentegeneenzaamheid.registry.coalition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.RegistryTest;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.MunicipalitiesMerged;
import org.awaitility.Awaitility;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;

@RegistryTest
class CoalitionGraphQlTest extends GraphQlClient {

    /** When the test municipalities are formed: after every real date, so no count of real municipalities sees them. */
    static final String EXISTS_FROM = "2091-01-01";
    @Autowired
    MunicipalReorganisationPolicy reorganisations;
    @Autowired
    CoalitionDirectory directory;
    @Autowired
    EventStore eventStore;


    /**
     * The municipality's own organisation, which came with it: recordMunicipality answers only after every processor,
     * the organisation policy included, has handled the municipality, and the read models have taken in the
     * organisation the policy registered, so it is there without waiting.
     */
    String municipalityOrganisation(String code) {
        String id = "municipality-" + code;
        graphQl().document("query($id: ID!) { organisation(id: $id) { id kind municipality { code } } }")
                 .variable("id", id).execute()
                 .path("organisation.id").entity(String.class).isEqualTo(id)
                 .path("organisation.kind").entity(String.class).isEqualTo("MUNICIPALITY")
                 .path("organisation.municipality.code").entity(String.class).isEqualTo(code);
        return id;
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
        String municipality = testMunicipality("Refusalstad", "UTRECHT", EXISTS_FROM);
        String local = municipalityOrganisation(municipality);
        // A municipality has its one organisation already; registering another is refused, naming the one it has.
        graphQl().document("""
                         mutation($code: ID) {
                           registerOrganisation(name: "Gemeente Tweede", kind: MUNICIPALITY, municipalityCode: $code) { id }
                         }""").variable("code", municipality).execute()
                 .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
                     assertThat(e.getExtensions()).containsEntry("code", "CONFLICT");
                     assertThat(e.getMessage()).contains("Municipality " + municipality
                                                         + " already has its organisation " + local);
                 }));
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
        String code = testMunicipality("Lelystad", "UTRECHT", EXISTS_FROM);
        // Not before the municipality exists.
        assertThat(errorCodes(FOUND, Map.of("code", code, "on", "2090-12-31"))).containsExactly("VALIDATION");
        var founded = graphQl().document(FOUND).variable("code", code).variable("on", "2091-01-01")
                               .variable("phase", "EXPLORING").execute();
        founded.path("foundLocalCoalition.name").entity(String.class).isEqualTo("Lokale coalitie Lelystad " + code)
               .path("foundLocalCoalition.kind").entity(String.class).isEqualTo("LOCAL")
               .path("foundLocalCoalition.municipality.code").entity(String.class).isEqualTo(code)
               .path("foundLocalCoalition.phase").entity(String.class).isEqualTo("EXPLORING");
        String coalition = founded.path("foundLocalCoalition.id").entity(String.class).get();

        assertThat(errorCodes(FOUND, Map.of("code", code, "on", "2092-01-01"))).containsExactly("CONFLICT");
        assertThat(errorCodes(FOUND, Map.of("code", "GM0000", "on", "2092-01-01"))).containsExactly("NOT_FOUND");
        graphQl().document("query($code: ID!) { municipality(code: $code) { localCoalition { id } } }")
                 .variable("code", code).execute()
                 .path("municipality.localCoalition.id").entity(String.class).isEqualTo(coalition);

        String municipalityOrg = municipalityOrganisation(code);
        String library = organisation("NATIONAL", null);
        String assign = """
                mutation($coalition: ID!, $org: ID!, $since: Date!) {
                  assignLead(coalitionId: $coalition, organisationId: $org, since: $since) { lead { id } leadSince }
                }""";
        assertThat(errorCodes(assign, Map.of("coalition", coalition, "org", municipalityOrg, "since", "2091-02-01")))
                .containsExactly("CONFLICT");
        graphQl().document(JOIN_LOCAL).variable("coalition", coalition).variable("org", municipalityOrg)
                 .variable("on", "2091-01-15").variable("type", "MUNICIPALITY").execute()
                 .path("joinLocalCoalition.partyType").entity(String.class).isEqualTo("MUNICIPALITY")
                 .path("joinLocalCoalition.role").entity(String.class).isEqualTo("ACTIVE")
                 .path("joinLocalCoalition.coalition.kind").entity(String.class).isEqualTo("LOCAL");
        graphQl().document(JOIN_LOCAL).variable("coalition", coalition).variable("org", library)
                 .variable("on", "2091-03-01").variable("type", "LIBRARY").variable("role", "INFORMED").execute()
                 .path("joinLocalCoalition.role").entity(String.class).isEqualTo("INFORMED");
        graphQl().document(assign).variable("coalition", coalition).variable("org", municipalityOrg)
                 .variable("since", "2091-02-01").execute()
                 .path("assignLead.lead.id").entity(String.class).isEqualTo(municipalityOrg)
                 .path("assignLead.leadSince").entity(String.class).isEqualTo("2091-02-01");

        String phase = """
                mutation($coalition: ID!, $phase: LocalCoalitionPhase!, $on: Date!) {
                  changePhase(coalitionId: $coalition, phase: $phase, on: $on) { phase phaseHistory { phase on } }
                }""";
        graphQl().document(phase).variable("coalition", coalition).variable("phase", "ESTABLISHED")
                 .variable("on", "2092-01-01").execute()
                 .path("changePhase.phase").entity(String.class).isEqualTo("ESTABLISHED")
                 .path("changePhase.phaseHistory[*].phase").entityList(String.class)
                 .containsExactly("EXPLORING", "ESTABLISHED");
        assertThat(errorCodes(phase, Map.of("coalition", coalition, "phase", "INITIATING", "on", "2091-06-01")))
                .containsExactly("VALIDATION");

        String page = """
                query($id: ID!, $after: String) {
                  coalition(id: $id) {
                    memberCount(asOf: "2091-06-01")
                    members(asOf: "2091-06-01", first: 1, after: $after) {
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
                 .variable("on", "2093-01-01").execute();
        graphQl().document("query($id: ID!) { coalition(id: $id) { lead { id } memberCount(asOf: \"2093-06-01\") } }")
                 .variable("id", coalition).execute()
                 .path("coalition.lead").valueIsNull()
                 .path("coalition.memberCount").entity(Integer.class).isEqualTo(1);
    }

    static final String MERGE = """
            mutation($into: ID!, $name: String!, $merged: [ID!]!, $on: Date!) {
              mergeMunicipalities(intoCode: $into, intoName: $name, province: UTRECHT, mergedCodes: $merged,
                                  effectiveOn: $on) { code }
            }""";
    static final String MUNICIPALITY_COALITION = """
            query($code: ID!) { municipality(code: $code) { existsOn(asOf: "2093-01-01") localCoalition { id } } }""";

    @Test
    void coalitionsMeetingInAMergerAreCombinedIntoTheEarliestFounded() throws InterruptedException {
        String older = testMunicipality("Oudstad", "UTRECHT", EXISTS_FROM);
        String newer = testMunicipality("Nieuwstad", "UTRECHT", EXISTS_FROM);
        String receiver = testMunicipality("Samenstad", "UTRECHT", EXISTS_FROM);
        String olderCoalition = found(older, "2091-01-01");
        String newerCoalition = found(newer, "2091-06-01");
        String shared = organisation("NATIONAL", null);
        String onlyNewer = organisation("NATIONAL", null);
        String newerMunicipality = municipalityOrganisation(newer);
        joinLocal(olderCoalition, shared, "2091-02-01");
        joinLocal(newerCoalition, shared, "2091-07-01");
        joinLocal(newerCoalition, onlyNewer, "2091-07-01");
        joinLocal(newerCoalition, newerMunicipality, "2091-07-01");

        // The real reorganisation, as the API records it; the policy carries the coalitions along.
        TrackingToken beforeMerger = eventStore.createHeadToken();
        graphQl().document(MERGE).variable("into", receiver).variable("name", "Samenstad " + receiver)
                 .variable("merged", List.of(older, newer)).variable("on", "2093-01-01").execute()
                 .path("mergeMunicipalities.code").entity(String.class).isEqualTo(receiver);

        String query = """
                query($id: ID!) {
                  coalition(id: $id) {
                    endedOn combinedInto { id } municipality { code }
                    before: memberCount(asOf: "2092-12-31") after: memberCount(asOf: "2093-01-01")
                  }
                }""";
        Runnable combined = () -> {
            graphQl().document(query).variable("id", newerCoalition).execute()
                     .path("coalition.endedOn").entity(String.class).isEqualTo("2093-01-01")
                     .path("coalition.combinedInto.id").entity(String.class).isEqualTo(olderCoalition)
                     .path("coalition.municipality.code").entity(String.class).isEqualTo(newer)
                     .path("coalition.before").entity(Integer.class).isEqualTo(3)
                     .path("coalition.after").entity(Integer.class).isEqualTo(0);
            graphQl().document(query).variable("id", olderCoalition).execute()
                     .path("coalition.endedOn").valueIsNull()
                     .path("coalition.combinedInto").valueIsNull()
                     .path("coalition.municipality.code").entity(String.class).isEqualTo(receiver)
                     .path("coalition.before").entity(Integer.class).isEqualTo(1)
                     .path("coalition.after").entity(Integer.class).isEqualTo(3);
            // Asked of the municipalities: the receiver has the surviving coalition, the dissolved ones none.
            graphQl().document(MUNICIPALITY_COALITION).variable("code", receiver).execute()
                     .path("municipality.existsOn").entity(Boolean.class).isEqualTo(true)
                     .path("municipality.localCoalition.id").entity(String.class).isEqualTo(olderCoalition);
            for (String dissolved : List.of(older, newer)) {
                graphQl().document(MUNICIPALITY_COALITION).variable("code", dissolved).execute()
                         .path("municipality.existsOn").entity(Boolean.class).isEqualTo(false)
                         .path("municipality.localCoalition").valueIsNull();
            }
            // What the growth feature reads: existence per municipality, a moved coalition having one period per place.
            assertThat(directory.localCoalitionPeriods(null))
                    .filteredOn(p -> p.id().startsWith(olderCoalition) || p.id().startsWith(newerCoalition))
                    .extracting(p -> p.subject() + " " + p.validFrom() + " " + p.validTo())
                    .containsExactlyInAnyOrder(older + " 2091-01-01 2093-01-01", receiver + " 2093-01-01 null",
                                               newer + " 2091-06-01 2093-01-01");
            assertThat(directory.localCoalitions(null)).filteredOn(c -> c.id().equals(newerCoalition)).singleElement()
                    .satisfies(c -> assertThat(c.endedOn()).isEqualTo(LocalDate.of(2093, 1, 1)));
            assertThat(directory.localCoalitions(null)).filteredOn(c -> c.id().equals(olderCoalition)).singleElement()
                    .satisfies(c -> assertThat(c.municipalityCode()).isEqualTo(receiver))
                    .satisfies(c -> assertThat(c.foundedOn()).isEqualTo(LocalDate.of(2091, 1, 1)));
            // The dissolved municipality's own organisation goes along like any other member.
            assertThat(directory.membershipPeriods(new CoalitionId(olderCoalition), null))
                    .extracting(p -> p.subject() + " " + p.validFrom())
                    .containsExactlyInAnyOrder(shared + " 2091-02-01", onlyNewer + " 2093-01-01",
                                               newerMunicipality + " 2093-01-01");
        };
        // The mutation waits for the policy and the read models to take in what it did; patient all the same.
        Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(combined::run);
        // The claim moved with the coalition: the receiver cannot get a second active coalition.
        assertThat(errorCodes(FOUND, Map.of("code", receiver, "on", "2093-02-01"))).containsExactly("CONFLICT");

        // A redelivery of the same merger (the real event, with its id, handed to the policy again, twice) changes
        // nothing: no coalition event follows, and the read models stay as they are.
        EventMessage<?> merger = firstAfter(beforeMerger, m -> m.getPayload() instanceof MunicipalitiesMerged e
                                                               && e.intoCode().equals(receiver));
        TrackingToken beforeRedelivery = eventStore.createHeadToken();
        reorganisations.on((MunicipalitiesMerged) merger.getPayload(), merger.getIdentifier());
        reorganisations.on((MunicipalitiesMerged) merger.getPayload(), merger.getIdentifier());
        assertThat(eventsAfter(beforeRedelivery)).filteredOn(m -> m instanceof DomainEventMessage<?> d
                    && List.of(olderCoalition, newerCoalition).contains(d.getAggregateIdentifier()))
                .isEmpty();
        combined.run();
    }

    /** The first event after {@code token} that matches; the log is read, nothing is appended to it. */
    private EventMessage<?> firstAfter(TrackingToken token, Predicate<EventMessage<?>> matching) {
        return eventsAfter(token).stream().filter(matching).findFirst()
                                 .orElseThrow(() -> new AssertionError("No such event in the log"));
    }

    private List<EventMessage<?>> eventsAfter(TrackingToken token) {
        List<EventMessage<?>> events = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(token)) {
            while (stream.hasNextAvailable(500, TimeUnit.MILLISECONDS)) {
                events.add(stream.nextAvailable());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return events;
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
