package nl.eentegeneenzaamheid.registry.municipality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.RegistryTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@RegistryTest
class MunicipalityGraphQlTest extends GraphQlClient {

    @Autowired
    ReferenceMunicipalities reference;

    private static final String RECORD = """
            mutation($code: ID!, $name: String!, $existsFrom: Date) {
              recordMunicipality(code: $code, name: $name, province: UTRECHT, existsFrom: $existsFrom) { code }
            }""";
    private static final String JOIN = """
            mutation($code: ID!, $on: Date!, $requestId: ID) {
              joinProgramme(municipalityCode: $code, joinedOn: $on, requestId: $requestId) {
                code joinedProgrammeOn leftProgrammeOn
              }
            }""";
    private static final String LEAVE = """
            mutation($code: ID!, $on: Date!) {
              leaveProgramme(municipalityCode: $code, leftOn: $on, reason: "test") { code joinedProgrammeOn leftProgrammeOn }
            }""";
    private static final String PARTICIPATING = """
            query($code: ID!, $asOf: Date) { municipality(code: $code) { participating(asOf: $asOf) } }""";

    /**
     * A test municipality of its own, formed in 2090 so that no count of real municipalities (and no other test)
     * sees it. Codes GM9000-GM9999 are not used by CBS.
     */
    String testMunicipality(String name) {
        while (true) {
            String code = "GM" + ThreadLocalRandom.current().nextInt(9000, 10_000);
            var response = graphQl().document(RECORD).variable("code", code).variable("name", name)
                                    .variable("existsFrom", "2090-01-01").execute();
            List<String> codes = new ArrayList<>();
            response.errors().satisfy(errors -> errors.forEach(e -> codes.add(String.valueOf(e.getExtensions()
                                                                                                .get("code")))));
            if (codes.isEmpty()) {
                return code;
            }
            assertThat(codes).containsExactly("CONFLICT");
        }
    }

    int count(String asOf) {
        return graphQl().document("query($asOf: Date) { municipalities(asOf: $asOf) { code } }")
                        .variable("asOf", asOf).execute()
                        .path("municipalities").entityList(Object.class).get().size();
    }

    boolean participating(String code, String asOf) {
        return graphQl().document(PARTICIPATING).variable("code", code).variable("asOf", asOf).execute()
                        .path("municipality.participating").entity(Boolean.class).get();
    }

    @Test
    void countsFollowTheReorganisations() {
        assertThat(count("2018-06-01")).isEqualTo(380);
        assertThat(count("2019-06-01")).isEqualTo(355);
        assertThat(count("2021-06-01")).isEqualTo(352);
        assertThat(count("2022-01-01")).isEqualTo(345);
        assertThat(count("2022-06-01")).isEqualTo(344);
        assertThat(count("2024-06-01")).isEqualTo(342);
        graphQl().document("{ municipalities(province: FLEVOLAND, asOf: \"2024-06-01\") { name } }").execute()
                 .path("municipalities[*].name").entityList(String.class)
                 .containsExactly("Almere", "Dronten", "Lelystad", "Noordoostpolder", "Urk", "Zeewolde");
    }

    @Test
    void knowsTheNamePeopleUse() {
        graphQl().document("{ denHaag: municipality(code: \"GM0518\") { name shortName } "
                           + "utrecht: municipality(code: \"GM0344\") { name shortName } }").execute()
                 .path("denHaag.name").entity(String.class).isEqualTo("'s-Gravenhage")
                 .path("denHaag.shortName").entity(String.class).isEqualTo("Den Haag")
                 .path("utrecht.shortName").entity(String.class).isEqualTo("Utrecht");
    }

    @Test
    void aRestartRecordsNothingNew() throws Exception {
        double head = graphQl().document("{ registry { logHead } }").execute()
                               .path("registry.logHead").entity(Double.class).get();
        reference.run(null);
        graphQl().document("{ registry { logHead } }").execute()
                 .path("registry.logHead").entity(Double.class).isEqualTo(head);
        assertThat(count("2024-06-01")).isEqualTo(342);
    }

    @Test
    void weespWasMergedIntoAmsterdam() {
        graphQl().document("""
                         { municipality(code: "GM0457") {
                             name mergedOn existsOn(asOf: "2022-03-23") now: existsOn mergedInto { code name }
                           } }""").execute()
                 .path("municipality.name").entity(String.class).isEqualTo("Weesp")
                 .path("municipality.mergedOn").entity(String.class).isEqualTo("2022-03-24")
                 .path("municipality.existsOn").entity(Boolean.class).isEqualTo(true)
                 .path("municipality.now").entity(Boolean.class).isEqualTo(false)
                 .path("municipality.mergedInto.code").entity(String.class).isEqualTo("GM0363");
        graphQl().document("{ municipality(code: \"GM0363\") { predecessors { code } mergedInto { code } } }")
                 .execute()
                 .path("municipality.predecessors[*].code").entityList(String.class).containsExactly("GM0457")
                 .path("municipality.mergedInto").valueIsNull();
    }

    @Test
    void haarenWasSplitOverFourReceivers() {
        graphQl().document("{ municipality(code: \"GM0788\") { mergedOn mergedInto { code } } }").execute()
                 .path("municipality.mergedOn").entity(String.class).isEqualTo("2021-01-01")
                 .path("municipality.mergedInto.code").entity(String.class).isEqualTo("GM0824");
        for (String receiver : List.of("GM0757", "GM0824", "GM0855", "GM0865")) {
            graphQl().document("query($c: ID!) { municipality(code: $c) { predecessors { code } } }")
                     .variable("c", receiver).execute()
                     .path("municipality.predecessors[*].code").entityList(String.class).contains("GM0788");
        }
        graphQl().document("{ municipality(code: \"GM1966\") { province predecessors { code } } }").execute()
                 .path("municipality.province").entity(String.class).isEqualTo("GRONINGEN")
                 .path("municipality.predecessors[*].code").entityList(String.class)
                 .containsExactly("GM0005", "GM1663", "GM1651", "GM0053"); // by name
    }

    @Test
    void everyMunicipalityHasItsOwnOrganisation() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> graphQl().document("""
                         { organisations(kind: MUNICIPALITY, search: "amsterdam") {
                             edges { node { id name kind sector municipality { code } } } } }""").execute()
                 .path("organisations.edges[*].node.id").entityList(String.class).contains("municipality-GM0363"));
        graphQl().document("{ organisation(id: \"municipality-GM0363\") { name kind sector municipality { code } } }")
                 .execute()
                 .path("organisation.name").entity(String.class).isEqualTo("Gemeente Amsterdam")
                 .path("organisation.kind").entity(String.class).isEqualTo("MUNICIPALITY")
                 .path("organisation.sector").entity(String.class).isEqualTo("PUBLIC")
                 .path("organisation.municipality.code").entity(String.class).isEqualTo("GM0363");
    }

    @Test
    void joinsAndLeavesTheProgramme() {
        String code = testMunicipality("Testdorp");
        graphQl().document(JOIN).variable("code", code).variable("on", "2090-03-01").execute()
                 .path("joinProgramme.joinedProgrammeOn").entity(String.class).isEqualTo("2090-03-01");
        assertThat(errorCodes(JOIN, Map.of("code", code, "on", "2090-04-01"))).containsExactly("CONFLICT");
        assertThat(errorCodes(LEAVE, Map.of("code", code, "on", "2090-03-01"))).containsExactly("VALIDATION");
        graphQl().document(LEAVE).variable("code", code).variable("on", "2091-01-01").execute()
                 .path("leaveProgramme.leftProgrammeOn").entity(String.class).isEqualTo("2091-01-01");
        assertThat(errorCodes(LEAVE, Map.of("code", code, "on", "2091-02-01"))).containsExactly("CONFLICT");

        assertThat(participating(code, "2090-02-28")).isFalse();
        assertThat(participating(code, "2090-03-01")).isTrue();
        assertThat(participating(code, "2090-12-31")).isTrue();
        assertThat(participating(code, "2091-01-01")).isFalse();

        // Rejoining is a new period; the earlier one still counts on its dates.
        assertThat(errorCodes(JOIN, Map.of("code", code, "on", "2090-12-01"))).containsExactly("CONFLICT");
        graphQl().document(JOIN).variable("code", code).variable("on", "2092-01-01").execute()
                 .path("joinProgramme.leftProgrammeOn").valueIsNull();
        assertThat(participating(code, "2090-06-01")).isTrue();
        assertThat(participating(code, "2091-06-01")).isFalse();
        assertThat(participating(code, "2092-06-01")).isTrue();
        graphQl().document("query($asOf: Date) { municipalities(participating: true, province: UTRECHT, asOf: $asOf) { code } }")
                 .variable("asOf", "2092-06-01").execute()
                 .path("municipalities[*].code").entityList(String.class).contains(code);
    }

    @Test
    void refusalsCarryACode() {
        String code = testMunicipality("Weigerdorp");
        assertThat(errorCodes(JOIN, Map.of("code", "GM8999", "on", "2090-03-01"))).containsExactly("NOT_FOUND");
        assertThat(errorCodes(JOIN, Map.of("code", "Amsterdam", "on", "2090-03-01"))).containsExactly("VALIDATION");
        assertThat(errorCodes(JOIN, Map.of("code", code, "on", "2089-12-31"))).containsExactly("VALIDATION");
        assertThat(errorCodes(JOIN, Map.of("code", code, "on", "1 maart"))).containsExactly("VALIDATION");
        assertThat(errorCodes(LEAVE, Map.of("code", code, "on", "2090-03-01"))).containsExactly("CONFLICT");
        assertThat(errorCodes(LEAVE, Map.of("code", "GM8999", "on", "2090-03-01"))).containsExactly("NOT_FOUND");
        assertThat(errorCodes(RECORD, Map.of("code", code, "name", "Again"))).containsExactly("CONFLICT");
        // Weesp no longer exists after its merger.
        assertThat(errorCodes(JOIN, Map.of("code", "GM0457", "on", "2022-03-24"))).containsExactly("VALIDATION");
    }

    private static final String MERGE = """
            mutation($into: ID!, $name: String!, $merged: [ID!]!, $on: Date!) {
              mergeMunicipalities(intoCode: $into, intoName: $name, province: UTRECHT, mergedCodes: $merged,
                                  effectiveOn: $on) {
                code name province joinedProgrammeOn existsOn(asOf: $on)
                predecessors { code mergedOn mergedInto { code } }
              }
            }""";

    @Test
    void aMergerCarriesParticipationOver() {
        String a = testMunicipality("Oostdorp");
        String b = testMunicipality("Westdorp");
        String c = testMunicipality("Noorddorp");
        graphQl().document(JOIN).variable("code", a).variable("on", "2090-02-01").execute().path("joinProgramme.code");
        Map<String, Object> invalid = Map.of("into", "GM8999", "name", "Middendorp", "on", "2095-01-01");
        assertThat(errorCodes(MERGE, with(invalid, "merged", List.of(a, a)))).containsExactly("VALIDATION");
        assertThat(errorCodes(MERGE, with(invalid, "merged", List.of()))).containsExactly("VALIDATION");
        assertThat(errorCodes(MERGE, with(with(invalid, "into", a), "merged", List.of(a, b))))
                .containsExactly("VALIDATION");
        assertThat(errorCodes(MERGE, with(invalid, "merged", List.of(a, "GM8998")))).containsExactly("NOT_FOUND");
        assertThat(errorCodes(MERGE, with(with(invalid, "on", "2089-01-01"), "merged", List.of(a, b))))
                .containsExactly("VALIDATION");

        // Into a new municipality: it exists from the effective date and takes over a's participation.
        String into = newCode();
        graphQl().document(MERGE).variable("into", into).variable("name", "Middendorp")
                 .variable("merged", List.of(a, b)).variable("on", "2095-01-01").execute()
                 .path("mergeMunicipalities.name").entity(String.class).isEqualTo("Middendorp")
                 .path("mergeMunicipalities.joinedProgrammeOn").entity(String.class).isEqualTo("2095-01-01")
                 .path("mergeMunicipalities.existsOn").entity(Boolean.class).isEqualTo(true)
                 .path("mergeMunicipalities.predecessors[*].code").entityList(String.class).containsExactly(a, b)
                 .path("mergeMunicipalities.predecessors[*].mergedOn").entityList(String.class)
                 .containsExactly("2095-01-01", "2095-01-01")
                 .path("mergeMunicipalities.predecessors[*].mergedInto.code").entityList(String.class)
                 .containsExactly(into, into);
        graphQl().document("query($c: ID!) { municipality(code: $c) { leftProgrammeOn existsOn(asOf: \"2094-12-31\") } }")
                 .variable("c", into).execute()
                 .path("municipality.existsOn").entity(Boolean.class).isEqualTo(false);
        graphQl().document("query($c: ID!) { municipality(code: $c) { leftProgrammeOn } }").variable("c", a).execute()
                 .path("municipality.leftProgrammeOn").entity(String.class).isEqualTo("2095-01-01");
        assertThat(participating(a, "2094-12-31")).isTrue();
        assertThat(participating(a, "2095-01-01")).isFalse();
        assertThat(participating(b, "2094-06-01")).isFalse();
        assertThat(participating(into, "2095-01-01")).isTrue();

        // Into an existing municipality, under its own name: one that did not take part joins on the date.
        assertThat(errorCodes(MERGE, Map.of("into", c, "name", "Anders", "merged", List.of(into), "on", "2096-01-01")))
                .containsExactly("VALIDATION");
        graphQl().document(MERGE).variable("into", c).variable("name", "Noorddorp")
                 .variable("merged", List.of(into)).variable("on", "2096-01-01").execute()
                 .path("mergeMunicipalities.joinedProgrammeOn").entity(String.class).isEqualTo("2096-01-01");
        assertThat(participating(c, "2095-12-31")).isFalse();
        assertThat(participating(c, "2096-01-01")).isTrue();
        assertThat(participating(into, "2096-01-01")).isFalse();
    }

    private static Map<String, Object> with(Map<String, Object> variables, String name, Object value) {
        Map<String, Object> copy = new HashMap<>(variables);
        copy.put(name, value);
        return copy;
    }

    @Test
    void theSameRequestIdRecordsOnce() {
        String code = testMunicipality("Herhaaldorp");
        String requestId = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            graphQl().document(JOIN).variable("code", code).variable("on", "2090-05-01")
                     .variable("requestId", requestId).execute()
                     .path("joinProgramme.joinedProgrammeOn").entity(String.class).isEqualTo("2090-05-01");
        }
        assertThat(errorCodes(JOIN, Map.of("code", code, "on", "2090-06-01", "requestId", requestId)))
                .containsExactly("CONFLICT");
        // Without the requestId a second join is a new request, refused because it already takes part.
        assertThat(errorCodes(JOIN, Map.of("code", code, "on", "2090-05-01"))).containsExactly("CONFLICT");
    }

    /** A code nobody has recorded yet, for a newly formed municipality. */
    String newCode() {
        while (true) {
            String code = "GM" + ThreadLocalRandom.current().nextInt(9000, 10_000);
            try {
                graphQl().document("query($c: ID!) { municipality(code: $c) { code } }").variable("c", code)
                         .execute().path("municipality").valueIsNull();
                return code;
            } catch (AssertionError taken) {
                // try another
            }
        }
    }
}
