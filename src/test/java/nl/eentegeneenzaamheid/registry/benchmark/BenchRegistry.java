package nl.eentegeneenzaamheid.registry.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import nl.eentegeneenzaamheid.registry.RegistryApplication;
import nl.eentegeneenzaamheid.registry.eventstore.ProjectionProgress;
import nl.eentegeneenzaamheid.registry.readmodel.ReadModelRebuilds;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * A whole registry of the benchmark's own, on the default embedded H2 file store in a fresh data directory, spoken to
 * over HTTP as a client would. Deleted with its files when closed.
 */
final class BenchRegistry implements AutoCloseable {

    static final String TOKEN = "benchmark-programme-team-token-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDir;
    private final ConfigurableApplicationContext context;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                              .connectTimeout(Duration.ofSeconds(10)).build();

    BenchRegistry() {
        try {
            dataDir = Files.createTempDirectory("registry-benchmark");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Command-line arguments outrank application.yml (as in RestartTest).
        context = new SpringApplicationBuilder(RegistryApplication.class)
                .run("--server.port=0", "--registry.data-dir=" + dataDir, "--registry.embedded-backend=h2",
                     "--registry.mongodb-uri=", "--registry.bootstrap-token=" + TOKEN,
                     "--axoniq.update-checker.disabled=true");
        endpoint = URI.create("http://localhost:" + context.getEnvironment().getProperty("local.server.port")
                              + "/graphql");
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    HttpClient http() {
        return http;
    }

    /** A POST of one operation, as the programme team. */
    HttpRequest request(String document, Map<String, Object> variables) {
        try {
            String body = JSON.writeValueAsString(Map.of("query", document, "variables", variables));
            return HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                              .header("Content-Type", "application/json")
                              .header("Authorization", "Bearer " + TOKEN)
                              .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs one operation and returns its {@code data}; any error fails the benchmark. */
    JsonNode graphQl(String document, Map<String, Object> variables) {
        try {
            return data(http.send(request(document, variables), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode data(HttpResponse<String> response) {
        try {
            JsonNode answer = JSON.readTree(response.body());
            if (response.statusCode() != 200 || answer.has("errors")) {
                throw new IllegalStateException("The registry answered " + response.statusCode() + ": "
                                                + response.body());
            }
            return answer.get("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until every projection has handled the whole log. */
    void awaitProjections(Duration timeout) {
        long head = bean(ReadModelRebuilds.class).head();
        if (!bean(ProjectionProgress.class).awaitPosition(head, timeout)) {
            throw new IllegalStateException("The projections did not reach position " + head + " within " + timeout
                                            + ": " + bean(ProjectionProgress.class).positions());
        }
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
    }
}
