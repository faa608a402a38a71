package nl.eentegeneenzaamheid.registry.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.RegistryTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Rebuilds every read model from the log (the reference data and whatever the other tests recorded, plus facts of
 * every kind recorded here through the API) and checks it against the live one; then replaces a damaged live read
 * model by a rebuild while queries keep being answered.
 */
@RegistryTest
class ReadModelRebuildTest extends GraphQlClient {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };
    private static final String PROGRESS = """
            id processingGroups mode state eventsDone eventsTotal eventsPerSecond startedAt finishedAt
            consistent differences documentsDiffering error""";
    /** What the facts recorded here look like through the API; compared before and after the rebuilds. */
    private static final String ANSWERS = """
            query($org: ID!, $leaver: ID!, $a: ID!, $b: ID!, $receiver: ID!, $coalition: ID!) {
              org: organisation(id: $org) {
                id name kind sector
                memberships(asOf: "2093-02-01") { joinedOn leftOn coalition { id } }
              }
              leaver: organisation(id: $leaver) { memberships(asOf: "2091-02-01") { joinedOn leftOn } }
              national: nationalCoalition { memberCount(asOf: "2091-02-01") }
              a: municipality(code: $a) {
                participating(asOf: "2091-03-01") joinedProgrammeOn leftProgrammeOn mergedInto { code } mergedOn
              }
              b: municipality(code: $b) { participating(asOf: "2091-05-01") mergedInto { code } }
              receiver: municipality(code: $receiver) {
                predecessors { code } participating(asOf: "2093-02-01") localCoalition { id }
              }
              coalition: coalition(id: $coalition) {
                memberCount(asOf: "2093-02-01") municipality { code } phase foundedOn
              }
            }""";

    @Autowired
    MongoTemplate mongo;

    @Test
    void anUnknownReadModelIsNotFound() {
        assertThat(errorCode("mutation { rebuildReadModel(processingGroup: \"no-such-group\") { id } }"))
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void everyReadModelRebuiltFromTheLogEqualsTheLiveOneAndCanReplaceIt() throws InterruptedException {
        Map<String, Object> facts = recordFactsOfEveryKind();
        Map<String, Object> before = answers(facts);

        // VERIFY: shadow collections rebuilt from position 0 equal the live ones.
        Map<String, Object> verified = awaitRebuild(graphQl()
                .document("mutation { rebuildReadModels(mode: VERIFY) { " + PROGRESS + " } }").execute()
                .path("rebuildReadModels").entity(MAP).get());
        assertThat(verified.get("state")).as("%s", verified).isEqualTo("SUCCEEDED");
        assertThat(verified.get("consistent")).as("%s", verified).isEqualTo(true);
        assertThat((List<?>) verified.get("differences")).isEmpty();
        assertThat(verified.get("processingGroups")).asList()
                .containsExactlyInAnyOrder("audit-mentions", "coalitions", "collaborations", "municipalities",
                                           "organisations", "pilots");
        assertThat(number(verified, "eventsDone")).isGreaterThanOrEqualTo(number(verified, "eventsTotal"))
                                                  .isGreaterThan(300);
        assertThat(number(verified, "eventsPerSecond")).isPositive();
        List<Map<String, Object>> readModels = graphQl()
                .document("{ readModels { processingGroup collections position lag rebuild { id } } }").execute()
                .path("readModels").entityList(MAP).get();
        assertThat(readModels).extracting(m -> m.get("processingGroup"))
                              .containsExactly("audit-mentions", "coalitions", "collaborations", "municipalities",
                                               "organisations", "pilots");
        assertThat(readModels).allSatisfy(m -> {
            assertThat(((Map<?, ?>) m.get("rebuild")).get("id")).isEqualTo(verified.get("id"));
            assertThat(number(m, "position")).isPositive();
            assertThat(number(m, "lag")).isGreaterThanOrEqualTo(0);
        });
        assertThat(readModels).filteredOn(m -> m.get("processingGroup").equals("coalitions"))
                              .singleElement().extracting(m -> m.get("collections")).isEqualTo(
                List.of("coalitions", "membership_details", "membership_periods", "local_coalition_periods"));
        assertThat(mongo.getCollectionNames()).noneMatch(name -> name.startsWith("shadow_"));

        // A damaged live read model: VERIFY names the document, SWITCH repairs it while queries keep answering.
        String org = (String) facts.get("org");
        mongo.getCollection("organisations").updateOne(Filters.eq("_id", org), Updates.set("name", "Tampered"));
        Map<String, Object> damaged = awaitRebuild(graphQl()
                .document("mutation { rebuildReadModel(processingGroup: \"organisations\", mode: VERIFY) { "
                          + PROGRESS + " } }").execute()
                .path("rebuildReadModel").entity(MAP).get());
        assertThat(damaged.get("consistent")).isEqualTo(false);
        assertThat(damaged.get("differences")).asList()
                .containsExactly("organisations " + org + ": name is Tampered, rebuilt " + name(before));

        List<Object> duringSwitch = new CopyOnWriteArrayList<>();
        AtomicBoolean switching = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            while (switching.get()) {
                try {
                    duringSwitch.add(answers(facts));
                    Thread.sleep(20);
                } catch (AssertionError | RuntimeException e) {
                    duringSwitch.add(e);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        reader.start();
        Map<String, Object> switched;
        try {
            switched = awaitRebuild(graphQl().document("mutation { rebuildReadModels { " + PROGRESS + " } }")
                                             .execute().path("rebuildReadModels").entity(MAP).get());
        } finally {
            switching.set(false);
            reader.join(30_000);
        }
        assertThat(switched.get("state")).as("%s", switched).isEqualTo("SUCCEEDED");
        assertThat(switched.get("mode")).isEqualTo("SWITCH");
        assertThat(number(switched, "documentsDiffering")).isEqualTo(1);
        assertThat(answers(facts)).isEqualTo(before);
        // Every query during the switch was answered: with the damaged name or the repaired one, all else equal.
        assertThat(duringSwitch).isNotEmpty().allSatisfy(answer -> {
            assertThat(answer).isInstanceOf(Map.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> seen = (Map<String, Object>) answer;
            assertThat(name(seen)).isIn(name(before), "Tampered");
            assertThat(withoutName(seen)).isEqualTo(withoutName(before));
        });
        // The live processors run again: a mutation answers from its own write.
        String after = "After switch " + UUID.randomUUID();
        graphQl().document("mutation($n: String!) { registerOrganisation(name: $n, kind: NATIONAL) { name } }")
                 .variable("n", after).execute().path("registerOrganisation.name").entity(String.class)
                 .isEqualTo(after);
    }

    private Map<String, Object> recordFactsOfEveryKind() {
        String a = municipality("Eerstestad");
        String b = municipality("Tweedestad");
        String receiver = municipality("Samenstad");
        mutate("mutation($c: ID!) { joinProgramme(municipalityCode: $c, joinedOn: \"2091-02-01\") { code } }",
               Map.of("c", a));
        mutate("mutation($c: ID!) { leaveProgramme(municipalityCode: $c, leftOn: \"2091-06-01\") { code } }",
               Map.of("c", a));
        mutate("mutation($c: ID!) { joinProgramme(municipalityCode: $c, joinedOn: \"2091-03-01\") { code } }",
               Map.of("c", b));
        String org = organisation();
        String leaver = organisation();
        mutate("mutation($o: ID!) { joinNationalCoalition(organisationId: $o, joinedOn: \"2091-01-10\") { joinedOn } }",
               Map.of("o", org));
        mutate("""
                       mutation($o: ID!) {
                         correctJoinDate(coalitionId: "national", organisationId: $o, joinedOn: "2091-01-05",
                                         reason: "the signed letter is dated earlier") { joinedOn }
                       }""", Map.of("o", org));
        mutate("mutation($o: ID!) { joinNationalCoalition(organisationId: $o, joinedOn: \"2091-01-10\") { joinedOn } }",
               Map.of("o", leaver));
        mutate("""
                       mutation($o: ID!) {
                         leaveCoalition(coalitionId: "national", organisationId: $o, leftOn: "2091-01-20") { leftOn }
                       }""", Map.of("o", leaver));
        String coalition = graphQl().document("""
                        mutation($c: ID!) {
                          foundLocalCoalition(municipalityCode: $c, foundedOn: "2091-04-01", phase: INITIATING) { id }
                        }""").variable("c", b).execute().path("foundLocalCoalition.id").entity(String.class).get();
        for (String member : List.of(org, "municipality-" + b)) {
            mutate("""
                           mutation($c: ID!, $o: ID!) {
                             joinLocalCoalition(coalitionId: $c, organisationId: $o, joinedOn: "2091-05-01",
                                                partyType: OTHER, role: ACTIVE) { joinedOn }
                           }""", Map.of("c", coalition, "o", member));
        }
        mutate("""
                       mutation($into: ID!, $name: String!, $merged: [ID!]!) {
                         mergeMunicipalities(intoCode: $into, intoName: $name, province: UTRECHT,
                                             mergedCodes: $merged, effectiveOn: "2093-01-01") { code }
                       }""", Map.of("into", receiver, "name", "Samenstad " + receiver, "merged", List.of(a, b)));
        // The reorganisation policy moves the coalition to the receiver with commands of its own.
        Map<String, Object> facts = Map.of("org", org, "leaver", leaver, "a", a, "b", b, "receiver", receiver,
                                           "coalition", coalition);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            Object local = ((Map<?, ?>) answers(facts).get("receiver")).get("localCoalition");
            return local instanceof Map<?, ?> found && coalition.equals(found.get("id"));
        });
        return facts;
    }

    private Map<String, Object> answers(Map<String, Object> facts) {
        var request = graphQl().document(ANSWERS);
        facts.forEach(request::variable);
        var response = request.execute();
        Map<String, Object> answers = new java.util.LinkedHashMap<>();
        for (String alias : List.of("org", "leaver", "national", "a", "b", "receiver", "coalition")) {
            answers.put(alias, response.path(alias).entity(MAP).get());
        }
        return answers;
    }

    private Map<String, Object> awaitRebuild(Map<String, Object> started) {
        assertThat(started.get("state")).isIn("RUNNING", "SUCCEEDED");
        String query = "query($id: ID!) { readModelRebuild(id: $id) { " + PROGRESS + " } }";
        List<Map<String, Object>> seen = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            seen.add(0, graphQl().document(query).variable("id", started.get("id")).execute()
                                 .path("readModelRebuild").entity(MAP).get());
            return !"RUNNING".equals(seen.get(0).get("state"));
        });
        return seen.get(0);
    }

    private static Object name(Map<String, Object> answers) {
        return ((Map<?, ?>) answers.get("org")).get("name");
    }

    private static Map<String, Object> withoutName(Map<String, Object> answers) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(answers);
        Map<Object, Object> org = new java.util.LinkedHashMap<>((Map<?, ?>) answers.get("org"));
        org.remove("name");
        copy.put("org", org);
        return copy;
    }

    private static double number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }

    private void mutate(String document, Map<String, Object> variables) {
        var request = graphQl().document(document);
        variables.forEach(request::variable);
        request.execute().errors().verify();
    }

    private String organisation() {
        return graphQl().document("mutation($n: String!) { registerOrganisation(name: $n, kind: NATIONAL) { id } }")
                        .variable("n", "Replay " + UUID.randomUUID()).execute()
                        .path("registerOrganisation.id").entity(String.class).get();
    }

    /** A municipality of the test's own, formed in 2091 (codes GM9000-GM9999 are not used by CBS). */
    private String municipality(String name) {
        while (true) {
            String code = "GM" + ThreadLocalRandom.current().nextInt(9000, 10_000);
            List<String> codes = new ArrayList<>();
            graphQl().document("""
                             mutation($code: ID!, $name: String!) {
                               recordMunicipality(code: $code, name: $name, province: UTRECHT,
                                                  existsFrom: "2091-01-01") { code }
                             }""").variable("code", code).variable("name", name + " " + code).execute()
                     .errors().satisfy(errors -> errors.forEach(
                             e -> codes.add(String.valueOf(e.getExtensions().get("code")))));
            if (codes.isEmpty()) {
                return code;
            }
            assertThat(codes).containsExactly("CONFLICT");
        }
    }
}
