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
