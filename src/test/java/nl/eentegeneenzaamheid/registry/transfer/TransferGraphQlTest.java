package nl.eentegeneenzaamheid.registry.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.RegistryTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** CSV import through GraphQL and HTTP: recorded with its source, idempotent, rejected rows reported by line. */
@RegistryTest
class TransferGraphQlTest extends GraphQlClient {

    private static final String IMPORT = """
            mutation($kind: ImportKind!, $csv: String!, $source: String, $sourceDate: Date, $dryRun: Boolean,
                     $accept: Boolean) {
              importCsv(kind: $kind, csv: $csv, source: $source, sourceDate: $sourceDate, dryRun: $dryRun,
                        acceptValidRows: $accept) {
                status rows recorded alreadyRecorded rejected { line code reason }
              }
            }""";

    @Autowired
    MongoTemplate mongo;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private Map<String, Object> importCsv(String kind, String csv, boolean accept) {
        return graphQl().document(IMPORT).variable("kind", kind).variable("csv", csv)
                        .variable("source", "leden-" + run + ".csv").variable("sourceDate", "2024-12-31")
                        .variable("accept", accept).execute()
                        .path("importCsv").entity(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { })
                        .get();
    }

    private List<Map<String, Object>> memberships(String organisationId, String asOf) {
        return graphQl().document("query($id: ID!, $asOf: Date) { organisation(id: $id) { memberships(asOf: $asOf) "
                                  + "{ joinedOn leftOn coalition { id } } } }")
                        .variable("id", organisationId).variable("asOf", asOf).execute()
                        .path("organisation.memberships").entityList(Map.class).get().stream()
                        .map(m -> (Map<String, Object>) m).toList();
    }

    @Test
    void importsOrganisationsAndJoinsWithTheirSourceAndRecordsNothingTheSecondTime() {
        String organisations = """
                orgKey,name,kind,sector,kvkNumber,parentKey,municipalityCode
                a-%1$s,Import A %1$s,NATIONAL,CARE_AND_WELFARE,,,
                b-%1$s,Import B %1$s,national,companies,,,
                a-%1$s-ams,Import A %1$s Amsterdam,LOCAL,,,a-%1$s,GM0363
                """.formatted(run);
        String joins = """
                orgKey,event,date,reason
                a-%1$s,JOIN,2019-03-01,
                b-%1$s,JOIN,2020-01-01,
                b-%1$s,LEAVE,2021-06-01,"stopped, see annual report"
                b-%1$s,JOIN,2022-01-01,
                """.formatted(run);

        Map<String, Object> first = importCsv("ORGANISATIONS", organisations, false);
        assertThat(first).containsEntry("status", "RECORDED").containsEntry("rows", 3).containsEntry("recorded", 3);
        assertThat(importCsv("NATIONAL_COALITION", joins, false))
                .containsEntry("status", "RECORDED").containsEntry("recorded", 4);

        String a = Keys.organisation("a-" + run).value();
        String b = Keys.organisation("b-" + run).value();
        assertThat(memberships(a, "2019-03-01")).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("joinedOn", "2019-03-01"));
        assertThat(memberships(b, "2021-05-31")).hasSize(1);
        assertThat(memberships(b, "2021-06-01")).isEmpty();
        assertThat(memberships(b, "2022-01-01")).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("joinedOn", "2022-01-01"));

        // The file, its date and the line are in the event's metadata; the actor is the importing token.
        Document event = mongo.getCollection("commits").find(new Document("aggregateId", "national"))
                              .into(new java.util.ArrayList<>()).stream()
                              .flatMap(c -> c.getList("events", Document.class).stream())
                              .filter(e -> e.getString("metaData").contains("leden-" + run + ".csv")
                                           && e.getString("metaData").contains("\"sourceLine\":\"4\""))
                              .findFirst().orElseThrow();
        assertThat(event.getString("metaData")).contains("\"sourceDate\":\"2024-12-31\"")
                                               .contains(programmeTeamTokenId());
        assertThat(event.getString("payload")).contains("2021-06-01").contains(b);

        // The progress of imports: the last one first, with its counts.
        graphQl().document("{ imports { kind source status rows recorded } }").execute()
                 .path("imports[0].kind").entity(String.class).isEqualTo("NATIONAL_COALITION")
                 .path("imports[0].status").entity(String.class).isEqualTo("RECORDED")
                 .path("imports[0].recorded").entity(Integer.class).isEqualTo(4);

        // Importing the same files again records nothing new.
        assertThat(importCsv("ORGANISATIONS", organisations, false))
                .containsEntry("status", "RECORDED").containsEntry("recorded", 0).containsEntry("alreadyRecorded", 3);
        assertThat(importCsv("NATIONAL_COALITION", joins, false))
                .containsEntry("recorded", 0).containsEntry("alreadyRecorded", 4);
    }

    @Test
    void rejectedRowsAreReportedByLineAndNothingIsRecordedUnlessValidRowsAreAccepted() {
        String organisations = """
                orgKey,name,kind,sector,kvkNumber,parentKey,municipalityCode
                ok-%1$s,Import OK %1$s,NATIONAL,,,,
                bad-kind-%1$s,Import Bad %1$s,CHURCH,,,,
                bad-kvk-%1$s,Import Bad KvK %1$s,NATIONAL,,123,,
                orphan-%1$s,Import Orphan %1$s,LOCAL,,,nobody-%1$s,GM0363
                """.formatted(run);
        Map<String, Object> refused = importCsv("ORGANISATIONS", organisations, false);
        assertThat(refused).containsEntry("status", "REFUSED").containsEntry("recorded", 0);
        assertThat((List<Map<String, Object>>) refused.get("rejected"))
                .extracting(r -> r.get("line"), r -> r.get("code"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, "VALIDATION"),
                                 org.assertj.core.groups.Tuple.tuple(4, "VALIDATION"),
                                 org.assertj.core.groups.Tuple.tuple(5, "NOT_FOUND"));
        assertThat((List<Map<String, Object>>) refused.get("rejected")).first()
                .satisfies(r -> assertThat((String) r.get("reason")).contains("kind must be one of"));
        String ok = Keys.organisation("ok-" + run).value();
        graphQl().document("query($id: ID!) { organisation(id: $id) { id } }").variable("id", ok).execute()
                 .path("organisation").valueIsNull();

        // Rows are judged with the rows before them: a leave before the join, a second join, a leave before the
        // join date, a malformed date (after an empty line, on the last line without a line break).
        String joins = """
                orgKey,event,date,reason
                ok-%1$s,LEAVE,2020-01-01,
                ok-%1$s,JOIN,2020-01-01,
                ok-%1$s,JOIN,2021-01-01,
                ok-%1$s,LEAVE,2019-01-01,

                ok-%1$s,LEAVE,not-a-date,""".formatted(run);
        Map<String, Object> accepted = importCsv("ORGANISATIONS", organisations, true);
        assertThat(accepted).containsEntry("status", "RECORDED").containsEntry("recorded", 1);
        Map<String, Object> judged = importCsv("NATIONAL_COALITION", joins, false);
        assertThat((List<Map<String, Object>>) judged.get("rejected"))
                .extracting(r -> r.get("line"), r -> r.get("code"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "CONFLICT"),
                                 org.assertj.core.groups.Tuple.tuple(4, "CONFLICT"),
                                 org.assertj.core.groups.Tuple.tuple(5, "VALIDATION"),
                                 org.assertj.core.groups.Tuple.tuple(7, "VALIDATION"));
        assertThat(memberships(ok, "2020-06-01")).isEmpty();
    }

    @Test
    void aJoinDateIsCorrectedByImportAndTheExportAsKnownBeforeShowsTheOldDate() {
        String organisation = "orgKey,name,kind\nfix-%1$s,Import Fix %1$s,NATIONAL\n".formatted(run);
        String join = "orgKey,event,date,reason\nfix-%1$s,JOIN,2020-03-01,\n".formatted(run);
        String correction = "orgKey,event,date,reason\nfix-%1$s,CORRECT_JOIN_DATE,2020-01-15,the letter is dated "
                            + "15 January\n";
        importCsv("ORGANISATIONS", organisation, false);
        importCsv("NATIONAL_COALITION", join, false);
        String beforeCorrection = java.time.OffsetDateTime.now().toString();
        assertThat(importCsv("NATIONAL_COALITION", correction.formatted(run), false)).containsEntry("recorded", 1);
        assertThat(importCsv("NATIONAL_COALITION", correction.formatted(run), false))
                .containsEntry("recorded", 0).containsEntry("alreadyRecorded", 1);

        String id = Keys.organisation("fix-" + run).value();
        assertThat(memberships(id, "2020-02-01")).hasSize(1);
        String now = graphQl().document("{ exportCsv(kind: NATIONAL_COALITION) }").execute()
                              .path("exportCsv").entity(String.class).get();
        String then = graphQl().document("query($knownAt: DateTime) { exportCsv(kind: NATIONAL_COALITION, "
                                         + "asOf: \"2030-01-01\", knownAt: $knownAt) }")
                               .variable("knownAt", beforeCorrection).execute()
                               .path("exportCsv").entity(String.class).get();
        assertThat(now).contains(id + ",JOIN,2020-01-15,").doesNotContain(id + ",JOIN,2020-03-01,");
        assertThat(then).contains(id + ",JOIN,2020-03-01,").doesNotContain(id + ",JOIN,2020-01-15,");
    }

    private Map<String, Object> query(String document, String id) {
        return graphQl().document(document).variable("id", id).execute().path("")
                        .entity(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { })
                        .get();
    }

    private String export(String kind, String asOf, String knownAt) {
        return graphQl().document("query($kind: ImportKind!, $asOf: Date, $knownAt: DateTime) { "
                                  + "exportCsv(kind: $kind, asOf: $asOf, knownAt: $knownAt) }")
                        .variable("kind", kind).variable("asOf", asOf).variable("knownAt", knownAt).execute()
                        .path("exportCsv").entity(String.class).get();
    }

    /** Three national organisations of this run: n1, n2, n3. */
    private void nationalOrganisations() {
        assertThat(importCsv("ORGANISATIONS", """
                orgKey,name,kind
                n1-%1$s,Import N1 %1$s,NATIONAL
                n2-%1$s,Import N2 %1$s,NATIONAL
                n3-%1$s,Import N3 %1$s,NATIONAL
                """.formatted(run), false)).containsEntry("status", "RECORDED");
    }

    @Test
    void collaborationsAndPilotsAreImportedOnceAndExportedInTheSameFormat() {
        nationalOrganisations();
        String collaborations = """
                collaborationKey,event,date,orgKey,partyKeys,municipalityCodes,title,description,reason
                c1-%1$s,PROPOSE,2021-03-01,n1-%1$s,n2-%1$s;n3-%1$s,GM0363;GM0518,Import C1 %1$s,"signalling, together",
                c1-%1$s,CONFIRM,2021-03-05,n2-%1$s,,,,,
                c1-%1$s,CONFIRM,2021-03-08,n3-%1$s,,,,,
                c1-%1$s,END,2023-01-01,,,,,,funding ended
                c2-%1$s,PROPOSE,2022-01-01,n2-%1$s,n1-%1$s,,Import C2 %1$s,,
                c2-%1$s,DECLINE,2022-01-10,n1-%1$s,,,,,no capacity
                """.formatted(run);
        String pilots = """
                pilotKey,event,date,orgKey,partnerKeys,municipalityCodes,title,goal,outcome,reason
                p1-%1$s,START,2020-05-01,n1-%1$s,n2-%1$s,GM0363,Import P1 %1$s,signal loneliness,,
                p1-%1$s,EXTEND,2021-01-01,,,GM0518;GM0599,,,,
                p1-%1$s,EVALUATE,2021-06-01,,,,,,works,
                p1-%1$s,CONVERT,2022-01-01,,,,,,,
                p2-%1$s,START,2021-02-01,n2-%1$s,,GM0344,Import P2 %1$s,,,
                p2-%1$s,EVALUATE,2021-05-01,,,,,,too early to tell,
                p2-%1$s,STOP,2021-09-01,,,,,,,no volunteers
                """.formatted(run);
        String beforeImport = java.time.OffsetDateTime.now().toString();
        assertThat(importCsv("COLLABORATIONS", collaborations, false))
                .containsEntry("status", "RECORDED").containsEntry("recorded", 6);
        assertThat(importCsv("PILOTS", pilots, false)).containsEntry("status", "RECORDED").containsEntry("recorded", 7);

        String n1 = Keys.organisation("n1-" + run).value();
        String n2 = Keys.organisation("n2-" + run).value();
        String n3 = Keys.organisation("n3-" + run).value();
        String c1 = Keys.collaboration("c1-" + run).value();
        String c2 = Keys.collaboration("c2-" + run).value();
        String p1 = Keys.pilot("p1-" + run).value();
        String p2 = Keys.pilot("p2-" + run).value();
        String collaboration = "query($id: ID!) { collaboration(id: $id) { status activeFrom endedOn description "
                               + "parties { organisation { id } confirmed } municipalities { code } } }";
        assertThat((Map<String, Object>) query(collaboration, c1).get("collaboration"))
                .containsEntry("status", "ENDED").containsEntry("activeFrom", "2021-03-01")
                .containsEntry("endedOn", "2023-01-01").containsEntry("description", "signalling, together")
                .containsEntry("municipalities", List.of(Map.of("code", "GM0363"), Map.of("code", "GM0518")));
        assertThat((Map<String, Object>) query(collaboration, c2).get("collaboration"))
                .containsEntry("status", "DECLINED");
        String pilot = "query($id: ID!) { pilot(id: $id) { status convertedOn stoppedOn evaluation "
                       + "sites { municipality { code } since } partners { id } nationalPartner { id } } }";
        assertThat((Map<String, Object>) query(pilot, p1).get("pilot"))
                .containsEntry("status", "CONVERTED_TO_PROJECT").containsEntry("convertedOn", "2022-01-01")
                .containsEntry("nationalPartner", Map.of("id", n1)).containsEntry("partners", List.of(Map.of("id", n2)))
                .containsEntry("sites", List.of(
                        Map.of("municipality", Map.of("code", "GM0363"), "since", "2020-05-01"),
                        Map.of("municipality", Map.of("code", "GM0518"), "since", "2021-01-01"),
                        Map.of("municipality", Map.of("code", "GM0599"), "since", "2021-01-01")));
        assertThat((Map<String, Object>) query(pilot, p2).get("pilot"))
                .containsEntry("status", "STOPPED").containsEntry("stoppedOn", "2021-09-01");

        // Importing the same files again records nothing new.
        assertThat(importCsv("COLLABORATIONS", collaborations, false))
                .containsEntry("recorded", 0).containsEntry("alreadyRecorded", 6);
        assertThat(importCsv("PILOTS", pilots, false)).containsEntry("recorded", 0).containsEntry("alreadyRecorded", 7);

        // The export writes the facts back as rows, answers on the collaboration's date, registry ids as keys.
        String exported = export("COLLABORATIONS", null, null);
        assertThat(exported).startsWith("collaborationKey,event,date,orgKey,partyKeys,municipalityCodes,title,"
                                        + "description,reason\n")
                .contains(c1 + ",PROPOSE,2021-03-01," + n1 + "," + n2 + ";" + n3 + ",GM0363;GM0518,Import C1 " + run
                          + ",\"signalling, together\",\n")
                .contains(c1 + ",CONFIRM,2021-03-01," + n2 + ",,,,,\n")
                .contains(c1 + ",CONFIRM,2021-03-01," + n3 + ",,,,,\n")
                .contains(c1 + ",END,2023-01-01,,,,,,funding ended\n")
                .contains(c2 + ",DECLINE,2022-01-01," + n1 + ",,,,,no capacity\n");
        String exportedPilots = export("PILOTS", null, null);
        assertThat(exportedPilots)
                .contains(p1 + ",START,2020-05-01," + n1 + "," + n2 + ",GM0363,Import P1 " + run + ",signal loneliness,,\n")
                .contains(p1 + ",EXTEND,2021-01-01,,,GM0518;GM0599,,,,\n")
                .contains(p1 + ",EVALUATE,2021-06-01,,,,,,works,\n")
                .contains(p1 + ",CONVERT,2022-01-01,,,,,,,\n")
                .contains(p2 + ",STOP,2021-09-01,,,,,,,no volunteers\n");
        assertThat(exportedPilots.indexOf(p1 + ",START")).isLessThan(exportedPilots.indexOf(p1 + ",EXTEND"));
        // asOf keeps what happened by then; knownAt what was recorded by then.
        assertThat(export("COLLABORATIONS", "2022-06-30", null)).contains(c1 + ",CONFIRM").contains(c2 + ",DECLINE")
                                                                .doesNotContain(c1 + ",END");
        assertThat(export("PILOTS", "2021-03-31", null)).contains(p1 + ",EXTEND").contains(p2 + ",START")
                                                        .doesNotContain(p1 + ",EVALUATE").doesNotContain(p1 + ",CONVERT")
                                                        .doesNotContain(p2 + ",STOP");
        assertThat(export("COLLABORATIONS", "2030-01-01", beforeImport)).doesNotContain(c1).doesNotContain(c2);
        assertThat(export("PILOTS", "2030-01-01", beforeImport)).doesNotContain(p1).doesNotContain(p2);

        // An answer and an evaluation recorded later are not in the export as known before them.
        assertThat(importCsv("COLLABORATIONS", """
                collaborationKey,event,date,orgKey,partyKeys,municipalityCodes,title,description,reason
                c3-%1$s,PROPOSE,2022-05-01,n3-%1$s,n1-%1$s,,Import C3 %1$s,,
                """.formatted(run), false)).containsEntry("recorded", 1);
        assertThat(importCsv("PILOTS", """
                pilotKey,event,date,orgKey,partnerKeys,municipalityCodes,title,goal,outcome,reason
                p3-%1$s,START,2022-02-01,n3-%1$s,,GM0363,Import P3 %1$s,,,
                """.formatted(run), false)).containsEntry("recorded", 1);
        String beforeAnswers = java.time.OffsetDateTime.now().toString();
        assertThat(importCsv("COLLABORATIONS", """
                collaborationKey,event,date,orgKey,partyKeys,municipalityCodes,title,description,reason
                c3-%1$s,CONFIRM,2022-05-03,n1-%1$s,,,,,
                """.formatted(run), false)).containsEntry("recorded", 1);
        assertThat(importCsv("PILOTS", """
                pilotKey,event,date,orgKey,partnerKeys,municipalityCodes,title,goal,outcome,reason
                p3-%1$s,EVALUATE,2022-08-01,,,,,,promising,
                """.formatted(run), false)).containsEntry("recorded", 1);
        String c3 = Keys.collaboration("c3-" + run).value();
        String p3 = Keys.pilot("p3-" + run).value();
        assertThat(export("COLLABORATIONS", "2030-01-01", beforeAnswers)).contains(c3 + ",PROPOSE")
                                                                        .doesNotContain(c3 + ",CONFIRM");
        assertThat(export("COLLABORATIONS", null, null)).contains(c3 + ",CONFIRM,2022-05-01," + n1);
        assertThat(export("PILOTS", "2030-01-01", beforeAnswers)).contains(p3 + ",START")
                                                                .doesNotContain(p3 + ",EVALUATE");
        assertThat(export("PILOTS", null, null)).contains(p3 + ",EVALUATE,2022-08-01,,,,,,promising,\n");

        // The whole export (every test's collaborations and pilots) imports as facts the registry already holds.
        Map<String, Object> again = importCsv("COLLABORATIONS", exported, false);
        assertThat(again).as(again.toString()).containsEntry("status", "RECORDED").containsEntry("recorded", 0);
        again = importCsv("PILOTS", exportedPilots, false);
        assertThat(again).as(again.toString()).containsEntry("status", "RECORDED").containsEntry("recorded", 0);
    }

    @Test
    void collaborationAndPilotRowsAreJudgedLikeTheAggregatesJudgeTheirCommands() {
        nationalOrganisations();
        String collaborations = """
                collaborationKey,event,date,orgKey,partyKeys,municipalityCodes,title,description,reason
                x-%1$s,CONFIRM,2021-01-01,n1-%1$s,,,,,
                r1-%1$s,PROPOSE,2021-01-01,n1-%1$s,nobody-%1$s,,Reject R1,,
                r2-%1$s,PROPOSE,2021-01-01,n1-%1$s,n2-%1$s,GM0363;GM0000,Reject R2,,
                r3-%1$s,PROPOSE,2021-01-01,n1-%1$s,n2-%1$s,,Reject R3,,
                r3-%1$s,CONFIRM,2021-01-02,n3-%1$s,,,,,
                r3-%1$s,CONFIRM,2021-01-02,n1-%1$s,,,,,
                r3-%1$s,END,2021-06-01,,,,,,
                r3-%1$s,CONFIRM,2021-01-03,n2-%1$s,,,,,
                r3-%1$s,END,2020-12-01,,,,,,
                r3-%1$s,DECLINE,2021-01-04,n2-%1$s,,,,,changed our mind
                r4-%1$s,PROPOSE,2021-01-01,n1-%1$s,n1-%1$s,,Reject R4,,
                r5-%1$s,PROPOSE,2021-01-01,n1-%1$s,n2-%1$s,,,,
                """.formatted(run);
        Map<String, Object> refused = importCsv("COLLABORATIONS", collaborations, false);
        assertThat(refused).containsEntry("status", "REFUSED").containsEntry("recorded", 0);
        List<Map<String, Object>> rejected = (List<Map<String, Object>>) refused.get("rejected");
        assertThat(rejected).extracting(r -> r.get("line"), r -> r.get("code")).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "NOT_FOUND"),
                org.assertj.core.groups.Tuple.tuple(3, "NOT_FOUND"),
                org.assertj.core.groups.Tuple.tuple(4, "NOT_FOUND"),
                org.assertj.core.groups.Tuple.tuple(6, "VALIDATION"),
                org.assertj.core.groups.Tuple.tuple(7, "CONFLICT"),
                org.assertj.core.groups.Tuple.tuple(8, "CONFLICT"),
                org.assertj.core.groups.Tuple.tuple(10, "VALIDATION"),
                org.assertj.core.groups.Tuple.tuple(11, "CONFLICT"),
                org.assertj.core.groups.Tuple.tuple(12, "VALIDATION"),
                org.assertj.core.groups.Tuple.tuple(13, "VALIDATION"));
        assertThat(rejected).extracting(r -> (String) r.get("reason")).satisfies(reasons -> {
            assertThat(reasons.get(1)).isEqualTo("No organisation with id " + Keys.organisation("nobody-" + run));
            assertThat(reasons.get(2)).isEqualTo("No municipality with code GM0000 (use the CBS code, e.g. GM0363)");
            assertThat(reasons.get(3)).startsWith(Keys.organisation("n3-" + run) + " is not a party of Reject R3");
            assertThat(reasons.get(4)).endsWith("has already confirmed Reject R3; it waits for the other parties");
            assertThat(reasons.get(5)).contains("only an ACTIVE collaboration can be ended");
            assertThat(reasons.get(6)).contains("must be after 2021-01-01, the day it became active");
            assertThat(reasons.get(7)).contains("Reject R3 is already ACTIVE");
            assertThat(reasons.get(9)).startsWith("title");
        });

        String pilots = """
                pilotKey,event,date,orgKey,partnerKeys,municipalityCodes,title,goal,outcome,reason
                q1-%1$s,START,2020-01-01,n1-%1$s,,GM0363,Reject Q1,,,
                q1-%1$s,CONVERT,2020-06-01,,,,,,,
                q1-%1$s,STOP,2020-07-01,,,,,,,too expensive
                q1-%1$s,EVALUATE,2020-08-01,,,,,,fine,
                q2-%1$s,EXTEND,2020-01-01,,,GM0363,,,,
                q3-%1$s,START,2017-06-01,n1-%1$s,,GM0363,Reject Q3,,,
                q4-%1$s,START,2020-01-01,municipality-GM0363,,GM0363,Reject Q4,,,
                q1-%1$s,EXTEND,2020-09-01,,,GM0363,,,,
                q5-%1$s,START,2020-01-01,n1-%1$s,,GM0363,Reject Q5,,,
                q5-%1$s,STOP,2019-12-01,,,,,,,never started
                q5-%1$s,EVALUATE,2020-02-01,,,,,,,
                q6-%1$s,START,2020-01-01,n1-%1$s,,,Reject Q6,,,
                """.formatted(run);
        refused = importCsv("PILOTS", pilots, false);
        assertThat(refused).containsEntry("status", "REFUSED").containsEntry("recorded", 0);
        rejected = (List<Map<String, Object>>) refused.get("rejected");
        assertThat(rejected).extracting(r -> r.get("line"), r -> r.get("code")).containsExactly(
                org.assertj.core.groups.Tuple.tuple(4, "CONFLICT"),
                org.assertj.core.groups.Tuple.tuple(5, "CONFLICT"),
                org.assertj.core.groups.Tuple.tuple(6, "NOT_FOUND"),
                org.assertj.core.groups.Tuple.tuple(7, "VALIDATION"),
                org.assertj.core.groups.Tuple.tuple(8, "VALIDATION"),
                org.assertj.core.groups.Tuple.tuple(9, "CONFLICT"),
                org.assertj.core.groups.Tuple.tuple(11, "VALIDATION"),
                org.assertj.core.groups.Tuple.tuple(12, "VALIDATION"),
                org.assertj.core.groups.Tuple.tuple(13, "VALIDATION"));
        assertThat(rejected).extracting(r -> (String) r.get("reason")).satisfies(reasons -> {
            assertThat(reasons.get(0)).isEqualTo("Reject Q1 became a durable project on 2020-06-01 and can no longer "
                                                 + "be stopped as a pilot");
            assertThat(reasons.get(1)).endsWith("can no longer be evaluated");
            assertThat(reasons.get(3)).startsWith("startedOn lies before 2018-01-01");
            assertThat(reasons.get(4)).startsWith("A pilot's national partner is a NATIONAL organisation");
            assertThat(reasons.get(5)).isEqualTo("Reject Q1 already runs in GM0363; extend it only to municipalities "
                                                 + "where it does not run yet");
            assertThat(reasons.get(6)).startsWith("on is the first day the pilot no longer runs and must be after "
                                                  + "2020-01-01");
            assertThat(reasons.get(7)).isEqualTo("outcome is required: what the evaluation found");
            assertThat(reasons.get(8)).startsWith("municipalityCodes needs at least one municipality");
        });
        assertThat(query("query($id: ID!) { pilot(id: $id) { id } }", Keys.pilot("q1-" + run).value()))
                .containsEntry("pilot", null);

        // Partners do not import, whatever the kind.
        String partner = graphQl().document("mutation($o: ID, $l: String!) { issueAccessToken(role: PARTNER, "
                                            + "organisationId: $o, label: $l) { secret } }")
                                  .variable("o", Keys.organisation("n1-" + run).value())
                                  .variable("l", "import-" + run).execute()
                                  .path("issueAccessToken.secret").entity(String.class).get();
        for (String kind : List.of("COLLABORATIONS", "PILOTS")) {
            graphQl(partner).document(IMPORT).variable("kind", kind).variable("csv", kind.equals("PILOTS") ? pilots
                            : collaborations).execute()
                            .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(
                                    e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN")));
        }
    }

    @Test
    void aFileWithAnUnknownColumnIsRefusedWhole() {
        assertThat(errorCodes(IMPORT, Map.of("kind", "MUNICIPALITIES", "csv",
                                             "municipalityCode,event,date,remark\nGM0363,JOIN,2019-01-01,x\n")))
                .containsExactly("VALIDATION");
    }

    @Test
    void aLargeFileGoesOverHttpAndTheExportIsCsv() {
        String code = testMunicipality("Importstad", "UTRECHT", "2090-01-01");
        String csv = "municipalityCode,event,date,reason\n" + code + ",JOIN,2090-02-01,\n" + code
                     + ",LEAVE,2090-03-01,pilot ended\n";
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        http.post().uri("/import/municipalities?source=aanmeldingen.csv").contentType(new MediaType("text", "csv"))
            .header("Authorization", "Bearer " + PROGRAMME_TEAM_TOKEN).bodyValue(csv).exchange()
            .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("RECORDED")
            .jsonPath("$.recorded").isEqualTo(2);
        http.post().uri("/import/municipalities").contentType(new MediaType("text", "csv")).bodyValue(csv).exchange()
            .expectStatus().isUnauthorized();
        http.post().uri("/import/nonsense").contentType(new MediaType("text", "csv"))
            .header("Authorization", "Bearer " + PROGRAMME_TEAM_TOKEN).bodyValue(csv).exchange()
            .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("VALIDATION");
        String export = http.get().uri("/export/municipalities.csv?asOf=2090-02-15")
                            .header("Authorization", "Bearer " + PROGRAMME_TEAM_TOKEN).exchange()
                            .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(export).startsWith("municipalityCode,event,date,reason\n")
                          .contains(code + ",JOIN,2090-02-01,").doesNotContain(code + ",LEAVE");
        GraphQlTester.Response all = graphQl().document("{ exportCsv(kind: MUNICIPALITIES) }").execute();
        assertThat(all.path("exportCsv").entity(String.class).get()).contains(code + ",LEAVE,2090-03-01,");
    }
}
