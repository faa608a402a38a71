package nl.eentegeneenzaamheid.registry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.RegistryApplication;
import nl.eentegeneenzaamheid.registry.common.Commands.Actor;
import nl.eentegeneenzaamheid.registry.transfer.Exporter;
import nl.eentegeneenzaamheid.registry.transfer.ImportReport;
import nl.eentegeneenzaamheid.registry.transfer.Importer;
import nl.eentegeneenzaamheid.registry.transfer.Kind;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * The demo dataset on an empty registry of its own reproduces the programme's published figures; its export (of the
 * state at the end of 2019; collaborations and pilots whole), imported into another empty registry, gives the same
 * answers and the same export.
 */
class DemoTest {

    private static final String TOKEN = DemoRegistry.TOKEN;
    /** The round trip exports the state of this day: all of it would take another 80 s to import. */
    private static final java.time.LocalDate CUT = java.time.LocalDate.of(2019, 12, 31);
    private static final List<String> DATES = List.of("2018-06-30", "2018-12-31", "2019-06-30", "2019-12-31");
    /** Exported whole: they are few, and their growth is compared over every year. */
    private static final List<Kind> WHOLE = List.of(Kind.COLLABORATIONS, Kind.PILOTS);
    private static final List<String> WHOLE_METRICS = List.of("COLLABORATIONS", "PILOTS", "PROJECTS");
    private static final List<String> PILOT_DATES = List.of("2020-12-31", "2022-06-30", "2023-12-31", "2024-12-31");

    /** An empty registry of its own (the demo one is {@link DemoRegistry}'s, shared). */
    private static ConfigurableApplicationContext startEmpty() {
        return new SpringApplicationBuilder(RegistryApplication.class)
                .run("--server.port=0", "--registry.embedded-backend=memory", "--registry.mongodb-uri=",
                     "--registry.demo=false", "--registry.bootstrap-token=" + TOKEN,
                     "--axoniq.update-checker.disabled=true");
    }

    private static HttpGraphQlTester graphQl(ConfigurableApplicationContext context) {
        return GraphQlClient.graphQl(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")),
                                     TOKEN);
    }

    private static List<Integer> totals(HttpGraphQlTester graphQl, String metric) {
        return graphQl.document("query($metric: GrowthMetric!) { growth(metric: $metric, from: \"2018-01-01\", "
                                + "to: \"2024-12-31\", interval: YEAR) { points { total } } }")
                      .variable("metric", metric).execute()
                      .path("growth.points[*].total").entityList(Integer.class).get();
    }

    private static Map<String, Object> indicators(HttpGraphQlTester graphQl, String asOf) {
        return graphQl.document("query($asOf: Date) { indicators(asOf: $asOf) { nationalCoalitionMembers "
                                + "membersBySector { key total } municipalitiesParticipating "
                                + "municipalitiesWithLocalCoalition nationalMembersRepresentedLocally "
                                + "collaborationsBetweenNationalMembers runningPilots pilotsConvertedToProjects } "
                                + "municipalities(asOf: $asOf) { code } }")
                      .variable("asOf", asOf).execute().path("").entity(Map.class).get();
    }

    /** Indicators that do not depend on the memberships, which the round trip exports up to the end of 2019 only. */
    private static Map<String, Object> pilotIndicators(HttpGraphQlTester graphQl, String asOf) {
        return graphQl.document("query($asOf: Date) { indicators(asOf: $asOf) { runningPilots "
                                + "pilotsConvertedToProjects } }")
                      .variable("asOf", asOf).execute().path("indicators").entity(Map.class).get();
    }

    /** Year-end counts 2018-2024; PROJECTS is no growth metric of the API: its indicator at each year's end. */
    private static List<Integer> series(HttpGraphQlTester graphQl, String metric) {
        if (!metric.equals("PROJECTS")) {
            return totals(graphQl, metric);
        }
        List<Integer> projects = new ArrayList<>();
        for (int year = 2018; year <= 2024; year++) {
            projects.add((Integer) pilotIndicators(graphQl, year + "-12-31").get("pilotsConvertedToProjects"));
        }
        return projects;
    }

    /**
     * The year-end counts (2018-2024) of ACTIVE collaborations, running pilots and projects, as the demo files
     * describe them: a collaboration runs from its date once every other party confirmed and none declined, until it
     * ended; a pilot runs from its start until converted or stopped, a project from its conversion.
     */
    private static Map<String, List<Integer>> fromTheFiles() throws java.io.IOException {
        Map<String, java.time.LocalDate> starts = new java.util.HashMap<>();
        Map<String, java.time.LocalDate> ends = new java.util.HashMap<>();
        Map<String, Integer> waiting = new java.util.HashMap<>();
        for (org.apache.commons.csv.CSVRecord r : rows("demo/collaborations.csv")) {
            String key = r.get("collaborationKey");
            java.time.LocalDate date = java.time.LocalDate.parse(r.get("date"));
            switch (r.get("event")) {
                case "PROPOSE" -> {
                    starts.put(key, date);
                    waiting.put(key, r.get("partyKeys").split(";").length);
                }
                case "CONFIRM" -> waiting.merge(key, -1, Integer::sum);
                case "DECLINE" -> waiting.put(key, -1);
                case "END" -> ends.put(key, date);
                default -> throw new AssertionError(r.toString());
            }
        }
        Map<String, java.time.LocalDate> started = new java.util.HashMap<>();
        Map<String, java.time.LocalDate> converted = new java.util.HashMap<>();
        Map<String, java.time.LocalDate> stopped = new java.util.HashMap<>();
        for (org.apache.commons.csv.CSVRecord r : rows("demo/pilots.csv")) {
            java.time.LocalDate date = java.time.LocalDate.parse(r.get("date"));
            switch (r.get("event")) {
                case "START" -> started.put(r.get("pilotKey"), date);
                case "CONVERT" -> converted.put(r.get("pilotKey"), date);
                case "STOP" -> stopped.put(r.get("pilotKey"), date);
                default -> { }
            }
        }
        Map<String, List<Integer>> counts = new java.util.LinkedHashMap<>();
        WHOLE_METRICS.forEach(m -> counts.put(m, new ArrayList<>()));
        for (int year = 2018; year <= 2024; year++) {
            java.time.LocalDate day = java.time.LocalDate.of(year, 12, 31);
            java.util.function.Predicate<java.time.LocalDate> byThen = d -> d != null && !d.isAfter(day);
            counts.get("COLLABORATIONS").add((int) starts.keySet().stream().filter(
                    k -> waiting.get(k) == 0 && byThen.test(starts.get(k)) && !byThen.test(ends.get(k))).count());
            counts.get("PILOTS").add((int) started.keySet().stream().filter(
                    k -> byThen.test(started.get(k)) && !byThen.test(converted.get(k))
                         && !byThen.test(stopped.get(k))).count());
            counts.get("PROJECTS").add((int) started.keySet().stream().filter(
                    k -> byThen.test(converted.get(k)) && !byThen.test(stopped.get(k))).count());
        }
        return counts;
    }

    private static List<org.apache.commons.csv.CSVRecord> rows(String file) throws java.io.IOException {
        try (var csv = new java.io.InputStreamReader(new org.springframework.core.io.ClassPathResource(file)
                                                             .getInputStream(), java.nio.charset.StandardCharsets.UTF_8)) {
            return org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                                                           .parse(csv).getRecords();
        }
    }

    private static int existing(Map<String, Object> answer) {
        return ((List<?>) answer.get("municipalities")).size();
    }

    private static int participating(Map<String, Object> answer) {
        return (Integer) ((Map<?, ?>) answer.get("indicators")).get("municipalitiesParticipating");
    }

    @Test
    void theDemoTellsThePublishedStoryAndItsExportImportsIntoAnEmptyRegistryWithTheSameAnswers() throws Exception {
        Map<Kind, String> exports = new EnumMap<>(Kind.class);
        Map<Kind, String> exportsOf2018 = new EnumMap<>(Kind.class);
        Map<String, Object> answers = new java.util.LinkedHashMap<>();
        try (DemoRegistry.Lease lease = DemoRegistry.lease()) {
            ConfigurableApplicationContext demo = lease.context();
            HttpGraphQlTester graphQl = graphQl(demo);
            assertThat(totals(graphQl, "NATIONAL_COALITION_MEMBERS")).containsExactly(65, 100, 137, 166, 176, 190, 206);
            assertThat(totals(graphQl, "MUNICIPALITIES_JOINED")).containsExactly(70, 128, 212, 263, 262, 268, 274);
            assertThat(totals(graphQl, "LOCAL_COALITIONS")).containsExactly(56, 102, 170, 210, 210, 215, 222);
            // 2022: Borssele signed up, two others stopped (docs/demo.md).
            graphQl.document("{ growth(metric: MUNICIPALITIES_JOINED, from: \"2022-01-01\", to: \"2022-12-31\") "
                             + "{ points { joined left } } }").execute()
                   .path("growth.points[0].joined").entity(Integer.class).isEqualTo(1)
                   .path("growth.points[0].left").entity(Integer.class).isEqualTo(2);
            // 169 members in September 2022 (the infographic), 176 at the end of the year (the annual report).
            assertThat(((Map<?, ?>) indicators(graphQl, "2022-09-30").get("indicators")).get("nationalCoalitionMembers"))
                    .isEqualTo(169);

            // Of the municipalities existing then: 76% at the end of 2022, 80% in 2024, and 81% with a coalition.
            Map<String, Object> end2022 = indicators(graphQl, "2022-12-31");
            // 344: Weesp merged into Amsterdam on 24 March 2022 (the documents' 345 count the start of the year).
            assertThat(existing(end2022)).isEqualTo(344);
            assertThat(Math.round(100.0 * participating(end2022) / existing(end2022))).isEqualTo(76);
            Map<String, Object> end2024 = indicators(graphQl, "2024-12-31");
            assertThat(existing(end2024)).isEqualTo(342);
            assertThat(Math.round(100.0 * participating(end2024) / existing(end2024))).isEqualTo(80);
            assertThat(Math.round(100.0 * (Integer) ((Map<?, ?>) end2024.get("indicators"))
                    .get("municipalitiesWithLocalCoalition") / participating(end2024))).isEqualTo(81);

            // The named facts are there with their real dates.
            graphQl.document("{ municipality(code: \"GM0654\") { joinedProgrammeOn } }").execute()
                   .path("municipality.joinedProgrammeOn").entity(String.class).isEqualTo("2022-02-25");

            // Collaborations and pilots grow as the files say; PostNL's pilot became a project in 260 municipalities.
            Map<String, List<Integer>> expected = fromTheFiles();
            for (String metric : WHOLE_METRICS) {
                assertThat(series(graphQl, metric)).as(metric).isEqualTo(expected.get(metric));
            }
            assertThat(expected.get("COLLABORATIONS").get(6)).isGreaterThan(50);
            assertThat(expected.get("PROJECTS").get(6)).isPositive();
            List<Map<String, Object>> postnl = graphQl.document("{ pilots(status: CONVERTED_TO_PROJECT) { title "
                                                                + "convertedOn municipalities { code } } }")
                    .execute().path("pilots").entityList(Map.class).get().stream()
                    .map(p -> (Map<String, Object>) p)
                    .filter(p -> p.get("title").equals("Pakketbezorgers signaleren eenzaamheid")).toList();
            assertThat(postnl).singleElement().satisfies(
                    p -> assertThat((List<?>) p.get("municipalities")).hasSize(260));

            Exporter exporter = demo.getBean(Exporter.class);
            for (Kind kind : Kind.values()) {
                exports.put(kind, exporter.exportCsv(kind, WHOLE.contains(kind) ? null : CUT, null));
                exportsOf2018.put(kind, exporter.exportCsv(kind, java.time.LocalDate.of(2018, 12, 31), null));
            }
            for (String date : DATES) {
                answers.put(date, indicators(graphQl, date));
            }
            for (String metric : List.of("NATIONAL_COALITION_MEMBERS", "MUNICIPALITIES_JOINED", "LOCAL_COALITIONS")) {
                answers.put(metric, totals(graphQl, metric).subList(0, 2));
            }
            for (String metric : WHOLE_METRICS) {
                answers.put(metric, series(graphQl, metric));
            }
            for (String date : PILOT_DATES) {
                answers.put("pilots " + date, pilotIndicators(graphQl, date));
            }
        }

        try (ConfigurableApplicationContext empty = startEmpty()) {
            Importer importer = empty.getBean(Importer.class);
            Actor actor = new Actor("demo-test", "PROGRAMME_TEAM", null);
            for (Kind kind : DemoLoader.FILES) {
                ImportReport report = importer.importCsv(actor, new Importer.Request(kind, "export.csv", null, false,
                                                                                     false),
                                                         new StringReader(exports.get(kind)));
                assertThat(report.status()).as(kind + ": " + report.rejected()).isEqualTo(ImportReport.Status.RECORDED);
            }
            HttpGraphQlTester graphQl = graphQl(empty);
            Map<String, Object> again = new java.util.LinkedHashMap<>();
            for (String date : DATES) {
                again.put(date, indicators(graphQl, date));
            }
            for (String metric : List.of("NATIONAL_COALITION_MEMBERS", "MUNICIPALITIES_JOINED", "LOCAL_COALITIONS")) {
                List<Integer> totals = totals(graphQl, metric);
                // After the day of the export nothing changes any more.
                assertThat(totals.subList(2, totals.size())).containsOnly(totals.get(1));
                again.put(metric, totals.subList(0, 2));
            }
            for (String metric : WHOLE_METRICS) {
                again.put(metric, series(graphQl, metric));
            }
            for (String date : PILOT_DATES) {
                again.put("pilots " + date, pilotIndicators(graphQl, date));
            }
            assertThat(again).isEqualTo(answers);
            Exporter exporter = empty.getBean(Exporter.class);
            for (Kind kind : Kind.values()) {
                assertThat(exporter.exportCsv(kind, null, null)).as(kind.slug()).isEqualTo(exports.get(kind));
                assertThat(exporter.exportCsv(kind, java.time.LocalDate.of(2018, 12, 31), null)).as(kind.slug())
                        .isEqualTo(exportsOf2018.get(kind));
            }
            // A second import of the same files records nothing.
            List<Integer> recorded = new ArrayList<>();
            for (Kind kind : DemoLoader.FILES) {
                recorded.add(importer.importCsv(actor, new Importer.Request(kind, "export.csv", null, false, false),
                                                new StringReader(exports.get(kind))).recorded());
            }
            assertThat(recorded).containsExactly(0, 0, 0, 0, 0, 0);
        }
    }
}
