package nl.eentegeneenzaamheid.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import nl.eentegeneenzaamheid.registry.eventstore.ProjectionProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The registry on its embedded file store: stopped and started again, it still knows everything and goes on. */
class RestartTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        // Command-line arguments outrank application.yml (default properties would not).
        return new SpringApplicationBuilder(RegistryApplication.class)
                .run("--server.port=0", "--registry.data-dir=" + dataDir, "--registry.embedded-backend=h2",
                     "--registry.mongodb-uri=", "--axoniq.update-checker.disabled=true");
    }

    /** With the bootstrap token the first start generated into the data directory. */
    private HttpGraphQlTester graphQl(ConfigurableApplicationContext context) {
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        try {
            Path file = dataDir.resolve("bootstrap-token");
            assertThat(java.nio.file.Files.getPosixFilePermissions(file))
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            return GraphQlClient.graphQl(port, java.nio.file.Files.readString(file).trim());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private double logHead(ConfigurableApplicationContext context) {
        return graphQl(context).document("{ registry { logHead } }").execute()
                               .path("registry.logHead").entity(Double.class).get();
    }

    @Test
    void dataSurvivesARestartAndProcessorsResumeWhereTheyWere() {
        String id;
        double head;
        try (ConfigurableApplicationContext first = start()) {
            id = graphQl(first).document("mutation { registerOrganisation(name: \"MantelzorgNL\", kind: NATIONAL, "
                                         + "sector: CARE_AND_WELFARE, kvkNumber: \"40123456\") { id } }")
                               .execute().path("registerOrganisation.id").entity(String.class).get();
            head = logHead(first);
        }

        try (ConfigurableApplicationContext second = start()) {
            ProjectionProgress progress = second.getBean(ProjectionProgress.class);
            await().atMost(Duration.ofSeconds(30))
                   .until(() -> !progress.positions().isEmpty()
                                && progress.positions().values().stream().allMatch(p -> p >= 0));
            // Every processor starts from its stored token, not from the beginning of the log.
            assertThat(progress.positions().values()).allSatisfy(p -> assertThat(p).isGreaterThanOrEqualTo((long) head));
            assertThat(logHead(second)).isEqualTo(head);

            HttpGraphQlTester graphQl = graphQl(second);
            graphQl.document("query($id: ID!) { organisation(id: $id) { name sector kvkNumber } }").variable("id", id)
                   .execute()
                   .path("organisation.name").entity(String.class).isEqualTo("MantelzorgNL")
                   .path("organisation.kvkNumber").entity(String.class).isEqualTo("40123456");
            // The KvK claim survived too, and the log goes on after the last position.
            graphQl.document("mutation { registerOrganisation(name: \"Copy\", kind: NATIONAL, kvkNumber: \"40123456\") "
                             + "{ id } }")
                   .execute().errors().satisfy(errors -> assertThat(errors).singleElement()
                           .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "CONFLICT")));
            graphQl.document("mutation { registerOrganisation(name: \"Movisie\", kind: NATIONAL) { id } }").execute();
            assertThat(logHead(second)).isEqualTo(head + 1);
        }
    }
}
