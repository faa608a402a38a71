package nl.eentegeneenzaamheid.registry.growth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.RegistryTest;
import org.junit.jupiter.api.Test;

/**
 * Growth and indicators through GraphQL, checked by hand. The tests share one registry, so each compares the answer
 * now with the answer as known just before its own facts were recorded: the difference is exactly its own facts,
 * which also exercises {@code knownAt}.
 */
@RegistryTest
class GrowthGraphQlTest extends GraphQlClient {

    private static final String GROWTH = """
            query($metric: GrowthMetric!, $from: Date, $to: Date, $interval: Interval, $breakdown: Breakdown,
                  $knownAt: DateTime) {
              growth(metric: $metric, from: $from, to: $to, interval: $interval, breakdown: $breakdown,
                     knownAt: $knownAt) {
                metric interval breakdown
                points { periodStart periodEnd joined left total breakdown { key total } }
              }
            }""";

    /** One point reduced to numbers: joined, left, total, then the breakdown's totals by key. */
    record Figures(int joined, int left, int total, Map<String, Integer> buckets) {
        Figures minus(Figures base) {
            Map<String, Integer> diff = new HashMap<>();
            buckets.forEach((k, v) -> diff.put(k, v - base.buckets.getOrDefault(k, 0)));
            return new Figures(joined - base.joined, left - base.left, total - base.total, diff);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Figures> growth(String metric, String from, String to, String interval, String breakdown,
                                 Instant knownAt) {
        List<Map<String, Object>> points = graphQl().document(GROWTH).variable("metric", metric)
                .variable("from", from).variable("to", to).variable("interval", interval)
                .variable("breakdown", breakdown).variable("knownAt", knownAt == null ? null : knownAt.toString())
                .execute().path("growth.points").entityList(Map.class).get().stream()
                .map(p -> (Map<String, Object>) p).toList();
        return points.stream().map(p -> {
            Map<String, Integer> buckets = new HashMap<>();
            ((List<Map<String, Object>>) p.get("breakdown")).forEach(
                    b -> buckets.put((String) b.get("key"), ((Number) b.get("total")).intValue()));
            return new Figures(((Number) p.get("joined")).intValue(), ((Number) p.get("left")).intValue(),
                               ((Number) p.get("total")).intValue(), buckets);
        }).toList();
    }

    private static List<Figures> diff(List<Figures> now, List<Figures> before) {
        assertThat(now).hasSameSizeAs(before);
        return java.util.stream.IntStream.range(0, now.size()).mapToObj(i -> now.get(i).minus(before.get(i))).toList();
    }

    private static Instant moment() throws InterruptedException {
        Thread.sleep(5);
        Instant moment = Instant.now();
        Thread.sleep(5);
        return moment;
    }

    private String national(String name, String sector) {
        return graphQl().document("mutation($name: String!, $sector: Sector) { registerOrganisation(name: $name, "
                                  + "kind: NATIONAL, sector: $sector) { id } }")
                        .variable("name", name + " " + UUID.randomUUID()).variable("sector", sector).execute()
                        .path("registerOrganisation.id").entity(String.class).get();
    }

    private void join(String organisation, String on) {
        graphQl().document("mutation($o: ID!, $on: Date!) { joinNationalCoalition(organisationId: $o, joinedOn: $on) "
                           + "{ joinedOn } }")
                 .variable("o", organisation).variable("on", on).execute().path("joinNationalCoalition.joinedOn")
                 .entity(String.class).isEqualTo(on);
    }

    private void leave(String organisation, String on) {
        graphQl().document("mutation($o: ID!, $on: Date!) { leaveCoalition(coalitionId: \"national\", "
                           + "organisationId: $o, leftOn: $on) { leftOn } }")
                 .variable("o", organisation).variable("on", on).execute().path("leaveCoalition.leftOn")
                 .entity(String.class).isEqualTo(on);
    }

    private int membersOn(String asOf) {
        return graphQl().document("query($d: Date) { indicators(asOf: $d) { nationalCoalitionMembers } }")
                        .variable("d", asOf).execute().path("indicators.nationalCoalitionMembers")
                        .entity(Integer.class).get();
    }

    /** The answers as known now are kept between changes (CurrentAnswers): a mutation's answer must replace them. */
    @Test
    void indicatorsAsKnownNowFollowEveryMutationAtOnce() {
        int before = membersOn("2096-06-01");
        int dayBefore = membersOn("2095-12-31");
        assertThat(membersOn("2096-06-01")).isEqualTo(before);
        String member = national("Kept answers", "MEDIA");
        join(member, "2096-01-01");
        assertThat(membersOn("2096-06-01")).isEqualTo(before + 1);
        assertThat(membersOn("2095-12-31")).isEqualTo(dayBefore);
        leave(member, "2096-03-01");
        assertThat(membersOn("2096-06-01")).isEqualTo(before);
    }

    @Test
    void nationalCoalitionMembersPerYearBySectorOnBothTimeAxes() throws InterruptedException {
        Instant before = moment();
        // A throughout; B leaves on 1 Jan 2019 (still a member on 31 Dec 2018); C from 2019 to mid 2020; D joins on
        // the last day of 2020 and has no sector.
        String a = national("Jumbo", "COMPANIES");
        String b = national("Omroep", "MEDIA");
        String c = national("PostNL", "COMPANIES");
        String d = national("Stichting", null);
        join(a, "2018-03-01");
        join(b, "2018-06-01");
        leave(b, "2019-01-01");
        join(c, "2019-01-01");
        leave(c, "2020-07-01");
        join(d, "2020-12-31");
        Instant recorded = moment();

        List<Figures> mine = diff(growth("NATIONAL_COALITION_MEMBERS", "2018-01-01", "2020-12-31", "YEAR", "SECTOR",
                                         null),
                                  growth("NATIONAL_COALITION_MEMBERS", "2018-01-01", "2020-12-31", "YEAR", "SECTOR",
                                         before));
        assertThat(mine).extracting(Figures::joined).containsExactly(2, 1, 1);
        assertThat(mine).extracting(Figures::left).containsExactly(0, 1, 1);
        assertThat(mine).extracting(Figures::total).containsExactly(2, 2, 2);
        assertThat(mine).extracting(f -> f.buckets().getOrDefault("COMPANIES", 0)).containsExactly(1, 2, 1);
        assertThat(mine).extracting(f -> f.buckets().getOrDefault("MEDIA", 0)).containsExactly(1, 0, 0);
        assertThat(mine).extracting(f -> f.buckets().getOrDefault("OTHER", 0)).containsExactly(0, 0, 1);

        // A late correction moves D into 2021: the 2020 figure changes now, but not as known before it.
        graphQl().document("mutation($o: ID!) { correctJoinDate(coalitionId: \"national\", organisationId: $o, "
                           + "joinedOn: \"2021-01-05\", reason: \"Signed in January\") { joinedOn } }")
                 .variable("o", d).execute().path("correctJoinDate.joinedOn").entity(String.class)
                 .isEqualTo("2021-01-05");
        List<Figures> corrected = diff(growth("NATIONAL_COALITION_MEMBERS", "2020-01-01", "2020-12-31", "YEAR", null,
                                              null),
                                       growth("NATIONAL_COALITION_MEMBERS", "2020-01-01", "2020-12-31", "YEAR", null,
                                              before));
        assertThat(corrected).extracting(Figures::total).containsExactly(1);
        List<Figures> asReported = diff(growth("NATIONAL_COALITION_MEMBERS", "2020-01-01", "2020-12-31", "YEAR", null,
                                               recorded),
                                        growth("NATIONAL_COALITION_MEMBERS", "2020-01-01", "2020-12-31", "YEAR", null,
                                               before));
        assertThat(asReported).extracting(Figures::total).containsExactly(2);

        // Quarters end on their last day: C left on 1 July 2020, so Q2 still counts it and Q3 does not.
        List<Figures> quarters = diff(growth("NATIONAL_COALITION_MEMBERS", "2020-04-01", "2020-09-30", "QUARTER",
                                             null, recorded),
                                      growth("NATIONAL_COALITION_MEMBERS", "2020-04-01", "2020-09-30", "QUARTER",
                                             null, before));
        assertThat(quarters).extracting(Figures::total).containsExactly(2, 1);
        assertThat(quarters).extracting(Figures::left).containsExactly(0, 1);

        Map<String, Object> now = indicators("2019-06-01", null);
        Map<String, Object> then = indicators("2019-06-01", before);
        assertThat((Integer) now.get("nationalCoalitionMembers") - (Integer) then.get("nationalCoalitionMembers"))
                .isEqualTo(2);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> indicators(String asOf, Instant knownAt) {
        return graphQl().document("""
                        query($asOf: Date, $knownAt: DateTime) {
                          indicators(asOf: $asOf, knownAt: $knownAt) {
                            asOf nationalCoalitionMembers membersBySector { key total }
                            collaborationsBetweenNationalMembers nationalMembersRepresentedLocally
                            municipalitiesParticipating municipalitiesWithLocalCoalition runningPilots
                            pilotsConvertedToProjects
                          }
                        }""").variable("asOf", asOf).variable("knownAt", knownAt == null ? null : knownAt.toString())
                        .execute().path("indicators").entity(Map.class).get();
    }


    private void joinProgramme(String code, String on) {
        graphQl().document("mutation($c: ID!, $on: Date!) { joinProgramme(municipalityCode: $c, joinedOn: $on) "
                           + "{ code } }").variable("c", code).variable("on", on).execute()
                 .path("joinProgramme.code").entity(String.class).isEqualTo(code);
    }

    @Test
    void municipalitiesJoinedAndLocalCoalitionsByProvinceFollowAMerger() throws InterruptedException {
        Instant before = moment();
        String zeeland1 = testMunicipality("Walcheren-Oost", "ZEELAND", "2090-01-01");
        String zeeland2 = testMunicipality("Walcheren-West", "ZEELAND", "2090-01-01");
        String limburg = testMunicipality("Heuvelland", "LIMBURG", "2090-01-01");
        joinProgramme(zeeland1, "2090-03-01");
        joinProgramme(zeeland2, "2091-05-01");
        joinProgramme(limburg, "2091-02-01");
        graphQl().document("mutation($c: ID!) { foundLocalCoalition(municipalityCode: $c, foundedOn: \"2090-06-01\") "
                           + "{ id } }").variable("c", zeeland1).execute().path("foundLocalCoalition.id").hasValue();
        // The two Zeeland municipalities merge into a new one on 1 Jan 2092: both count as left, the new one joined.
        String merged = unusedMunicipalityCode();
        graphQl().document("mutation($into: ID!, $codes: [ID!]!) { mergeMunicipalities(intoCode: $into, intoName: "
                           + "\"Walcheren\", province: ZEELAND, mergedCodes: $codes, effectiveOn: \"2092-01-01\") "
                           + "{ code } }")
                 .variable("into", merged).variable("codes", List.of(zeeland1, zeeland2)).execute()
                 .path("mergeMunicipalities.code").entity(String.class).isEqualTo(merged);

        List<Figures> joined = diff(growth("MUNICIPALITIES_JOINED", "2090-01-01", "2092-12-31", "YEAR", "PROVINCE",
                                           null),
                                    growth("MUNICIPALITIES_JOINED", "2090-01-01", "2092-12-31", "YEAR", "PROVINCE",
                                           before));
        assertThat(joined).extracting(Figures::joined).containsExactly(1, 2, 1);
        assertThat(joined).extracting(Figures::left).containsExactly(0, 0, 2);
        assertThat(joined).extracting(Figures::total).containsExactly(1, 3, 2);
        assertThat(joined).extracting(f -> f.buckets().getOrDefault("ZEELAND", 0)).containsExactly(1, 2, 1);
        assertThat(joined).extracting(f -> f.buckets().getOrDefault("LIMBURG", 0)).containsExactly(0, 1, 1);

        List<Figures> coalitions = diff(growth("LOCAL_COALITIONS", "2090-01-01", "2092-12-31", "YEAR", "PROVINCE",
                                               null),
                                        growth("LOCAL_COALITIONS", "2090-01-01", "2092-12-31", "YEAR", "PROVINCE",
                                               before));
        assertThat(coalitions).extracting(Figures::total).containsExactly(1, 1, 1);
        assertThat(coalitions).extracting(f -> f.buckets().getOrDefault("ZEELAND", 0)).containsExactly(1, 1, 1);

        Map<String, Object> now = indicators("2092-06-01", null);
        Map<String, Object> then = indicators("2092-06-01", before);
        assertThat((Integer) now.get("municipalitiesParticipating") - (Integer) then.get("municipalitiesParticipating"))
                .isEqualTo(2);
        assertThat((Integer) now.get("municipalitiesWithLocalCoalition")
                   - (Integer) then.get("municipalitiesWithLocalCoalition")).isEqualTo(1);
        // Nothing can record collaborations or pilots yet: there are none to count.
        assertThat(now).containsEntry("collaborationsBetweenNationalMembers", 0).containsEntry("runningPilots", 0)
                       .containsEntry("pilotsConvertedToProjects", 0);
    }

    @Test
    void refusesABreakdownThatDoesNotApplyAndRangesThatMakeNoSense() {
        assertThat(errorCode("{ growth(metric: NATIONAL_COALITION_MEMBERS, breakdown: PROVINCE) { metric } }"))
                .isEqualTo("VALIDATION");
        assertThat(errorCode("{ growth(metric: MUNICIPALITIES_JOINED, breakdown: SECTOR) { metric } }"))
                .isEqualTo("VALIDATION");
        assertThat(errorCode("{ growth(metric: LOCAL_COALITIONS, from: \"2024-01-01\", to: \"2020-01-01\") "
                             + "{ metric } }")).isEqualTo("VALIDATION");
        assertThat(errorCode("{ growth(metric: LOCAL_COALITIONS, from: \"1000-01-01\", interval: MONTH) "
                             + "{ metric } }")).isEqualTo("VALIDATION");
        assertThat(errorCode("{ indicators(knownAt: \"2999-01-01T00:00:00Z\") { asOf } }")).isEqualTo("VALIDATION");
        assertThat(errorCode("{ indicators(asOf: \"2024-02-30\") { asOf } }")).isEqualTo("VALIDATION");
        assertThat(errorCode("{ growth(metric: MEMBERS) { metric } }")).isEqualTo("VALIDATION");
    }
}
