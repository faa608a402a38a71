package nl.eentegeneenzaamheid.registry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.RegistryApplication;
import nl.eentegeneenzaamheid.registry.common.Commands.Actor;
import nl.eentegeneenzaamheid.registry.demo.DatasetGenerator.DataFile;
import nl.eentegeneenzaamheid.registry.demo.DatasetGenerator.Dataset;
import nl.eentegeneenzaamheid.registry.transfer.ImportReport;
import nl.eentegeneenzaamheid.registry.transfer.Importer;
import nl.eentegeneenzaamheid.registry.transfer.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * A small generated dataset imports into an empty registry of its own (it signs up municipalities, which the shared
 * test registry's other tests use) without a rejected row, and the registry then counts what the files say.
 */
class GeneratedDatasetImportTest {

    private static final String TOKEN = "generated-dataset-test-token-0123456789";

    @TempDir
    Path dir;

    @Test
    void everyGeneratedRowIsRecordedAndASecondImportRecordsNothing() throws IOException {
        Dataset dataset = DatasetGenerator.write(0.1, 3, dir);
        try (ConfigurableApplicationContext registry = new SpringApplicationBuilder(RegistryApplication.class)
                .run("--server.port=0", "--registry.embedded-backend=memory", "--registry.mongodb-uri=",
                     "--registry.bootstrap-token=" + TOKEN, "--axoniq.update-checker.disabled=true")) {
            Importer importer = registry.getBean(Importer.class);
            importer.awaitMunicipalityOrganisations();
            Actor actor = new Actor("generated-dataset-test", "PROGRAMME_TEAM", null);
            List<Kind> imported = new ArrayList<>();
            for (DataFile file : dataset.files()) {
                // Collaborations and pilots once their formats are there.
                Optional<Kind> kind = Arrays.stream(Kind.values()).filter(k -> k.slug().equals(file.kind()))
                                            .findFirst();
                if (kind.isEmpty()) {
                    continue;
                }
                ImportReport report = importCsv(importer, actor, kind.get(), file.path());
                assertThat(report.rejected()).as(file.kind()).isEmpty();
                assertThat(report.status()).isEqualTo(ImportReport.Status.RECORDED);
                assertThat(report.recorded()).isEqualTo(file.rows()).isPositive();
                imported.add(kind.get());
            }
            assertThat(imported).startsWith(Kind.ORGANISATIONS, Kind.NATIONAL_COALITION, Kind.MUNICIPALITIES,
                                             Kind.LOCAL_COALITIONS);

            HttpGraphQlTester graphQl = GraphQlClient.graphQl(
                    Integer.parseInt(registry.getEnvironment().getProperty("local.server.port")), TOKEN);
            Map<?, ?> indicators = graphQl.document("{ indicators(asOf: \"2024-12-31\") { nationalCoalitionMembers "
                                                    + "municipalitiesParticipating municipalitiesWithLocalCoalition } }")
                                          .execute().path("indicators").entity(Map.class).get();
            Map<String, Long> members = dataset.files().get(1).rowsByEvent();
            Map<String, Long> signUps = dataset.files().get(2).rowsByEvent();
            assertThat(indicators.get("nationalCoalitionMembers"))
                    .isEqualTo((int) (members.get("JOIN") - members.getOrDefault("LEAVE", 0L)));
            assertThat(indicators.get("municipalitiesParticipating"))
                    .isEqualTo((int) (signUps.get("JOIN") - signUps.getOrDefault("LEAVE", 0L)));
            assertThat(indicators.get("municipalitiesWithLocalCoalition"))
                    .isEqualTo(dataset.files().get(3).rowsByEvent().get("FOUND").intValue());

            for (Kind kind : imported) {
                DataFile file = dataset.files().get(imported.indexOf(kind));
                ImportReport again = importCsv(importer, actor, kind, file.path());
                assertThat(again.recorded()).as(file.kind()).isZero();
                assertThat(again.alreadyRecorded()).isEqualTo(file.rows());
            }
        }
    }

    private static ImportReport importCsv(Importer importer, Actor actor, Kind kind, Path file) throws IOException {
        try (Reader csv = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return importer.importCsv(actor, new Importer.Request(kind, file.getFileName().toString(), null, false,
                                                                  false), csv);
        }
    }
}
