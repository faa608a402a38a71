package nl.eentegeneenzaamheid.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import nl.eentegeneenzaamheid.registry.eventstore.ProjectionProgress;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The current code on a database that an earlier version wrote: stored events are never rewritten, so it must start
 * on it, serve it, replay it and go on writing after it.
 *
 * <p>{@code migration/registry-0.1.0-377f5cd.ndjson.gz} is every collection of the {@code registry} database (one
 * {@code {collection, document}} per line, MongoDB extended JSON) as commit 377f5cd left it after its first start
 * (the reference data: 380 municipalities, the reorganisations, their organisations, the National Coalition) and a
 * run of the example operations in {@code graphql/operations/}. Its {@code MunicipalityRecorded} events are
 * revision 1, without {@code shortName}. Keep the file: it is the registry's oldest data.
 */
class MigrationTest {

    private static final String DUMP = "migration/registry-0.1.0-377f5cd.ndjson.gz";

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void restoreTheOldDatabase() throws IOException {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        database = client.getDatabase("registry");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(new ClassPathResource(DUMP).getInputStream()), StandardCharsets.UTF_8))) {
            lines.lines().map(Document::parse).forEach(line -> database.getCollection(line.getString("collection"))
                    .insertOne(line.get("document", Document.class)));
        }
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void theCurrentCodeStartsOnReplaysAndExtendsALogOfRevisionOneEvents() {
        long oldHead = database.getCollection("heads").find().first().getLong("next") - 1;
        try (ConfigurableApplicationContext registry = new SpringApplicationBuilder(RegistryApplication.class)
                .run("--server.port=0", "--registry.mongodb-uri=" + server.getConnectionString(),
                     "--axoniq.update-checker.disabled=true",
                     "--registry.bootstrap-token=" + GraphQlClient.PROGRAMME_TEAM_TOKEN)) {
            HttpGraphQlTester graphQl = graphQl(registry);
            // The reference data's requests are recognised as done: nothing is recorded twice. (The one new event is
            // the bootstrap access token, which the old log did not have.)
            assertThat(logHead(graphQl)).isEqualTo(oldHead + 1);

            // The old log had no hash chain: the upgrade on start filled it in, in order, so the whole log verifies.
            assertThat(database.getCollection("commits").find(new Document("_id", 1L)).first()
                               .getList("events", Document.class).get(0).getString("hash")).matches("[0-9a-f]{64}");
            assertChainVerifies(graphQl, oldHead + 1);

            // The read model the old code wrote serves the new field.
            assertThat(shortName(graphQl, "GM0518")).isEqualTo("'s-Gravenhage");

            // Replayed from the start, the revision 1 events are read through the upcaster into today's shape.
            EventProcessingConfiguration processing = registry.getBean(EventProcessingConfiguration.class);
            TrackingEventProcessor municipalities =
                    processing.eventProcessor("municipalities", TrackingEventProcessor.class).orElseThrow();
            municipalities.shutDown();
            municipalities.resetTokens();
            municipalities.start();
            await().atMost(Duration.ofSeconds(60)).until(
                    () -> registry.getBean(ProjectionProgress.class).awaitPosition(oldHead, Duration.ofSeconds(1)));
            Document denHaag = database.getCollection("municipalities").find(new Document("_id", "GM0518")).first();
            assertThat(denHaag.getString("shortName")).isEqualTo("'s-Gravenhage");
            assertThat(database.getCollection("municipalities").countDocuments(new Document("shortName", null)))
                    .isZero();

            // The register loads from its old snapshot and revision 1 events, and takes revision 2 events after them.
            graphQl.document("mutation { joinProgramme(municipalityCode: \"GM0518\", joinedOn: \"2019-03-01\") "
                             + "{ joinedProgrammeOn } }").execute()
                   .path("joinProgramme.joinedProgrammeOn").entity(String.class).isEqualTo("2019-03-01");
            graphQl.document("mutation { recordMunicipality(code: \"GM9518\", name: \"'s-Nieuwdorp\", shortName: "
                             + "\"Nieuwdorp\", province: ZUID_HOLLAND, existsFrom: \"2090-01-01\") { shortName } }")
                   .execute().path("recordMunicipality.shortName").entity(String.class).isEqualTo("Nieuwdorp");
            // The join, the new municipality, and its organisation (the policy on MunicipalityRecorded), after the
            // bootstrap token.
            assertThat(logHead(graphQl)).isEqualTo(oldHead + 4);
            // The new events chain on to the upgraded ones.
            assertChainVerifies(graphQl, oldHead + 4);
        }
    }

    private static void assertChainVerifies(HttpGraphQlTester graphQl, long events) {
        graphQl.document("{ verifyAuditChain { valid entriesChecked firstBrokenEventId } }").execute()
               .path("verifyAuditChain.valid").entity(Boolean.class).isEqualTo(true)
               .path("verifyAuditChain.entriesChecked").entity(Double.class).isEqualTo((double) events)
               .path("verifyAuditChain.firstBrokenEventId").valueIsNull();
    }

    private static HttpGraphQlTester graphQl(ConfigurableApplicationContext context) {
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        return GraphQlClient.graphQl(port, GraphQlClient.PROGRAMME_TEAM_TOKEN);
    }

    private static long logHead(HttpGraphQlTester graphQl) {
        return graphQl.document("{ registry { logHead } }").execute()
                      .path("registry.logHead").entity(Double.class).get().longValue();
    }

    private static String shortName(HttpGraphQlTester graphQl, String code) {
        return graphQl.document("query($code: ID!) { municipality(code: $code) { shortName } }")
                      .variable("code", code).execute()
                      .path("municipality.shortName").entity(String.class).get();
    }
}
