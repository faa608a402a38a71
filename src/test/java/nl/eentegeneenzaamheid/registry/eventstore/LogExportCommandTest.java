package nl.eentegeneenzaamheid.registry.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nl.eentegeneenzaamheid.registry.audit.LogExportCommand;
import nl.eentegeneenzaamheid.registry.audit.OfflineChainCheck;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line export ({@code --export-log}) on a log the engine wrote, checked the way an auditor would: by
 * {@link OfflineChainCheck} (JDK only, no registry class) and, where python3 is installed, by
 * {@code tools/verify-audit-log.py}.
 */
class LogExportCommandTest {

    private MongoServer server;
    private MongoClient client;
    private String uri;
    private final List<String> hashes = new ArrayList<>();

    record Noted(String text) {
    }

    @TempDir
    Path dir;

    @BeforeEach
    void writeALog() {
        server = new MongoServer(new MemoryBackend());
        uri = server.bindAndGetConnectionString();
        client = MongoClients.create(uri);
        var database = client.getDatabase("audit-export");
        MongoEventStorageEngine.Builder builder = new MongoEventStorageEngine.Builder();
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        builder.eventSerializer(serializer).snapshotSerializer(serializer).batchSize(50);
        MongoEventStorageEngine engine = new MongoEventStorageEngine(builder, database, EmbeddedStore.none());
        for (int c = 0; c < 40; c++) {
            List<DomainEventMessage<?>> batch = new ArrayList<>();
            for (int i = 0; i < 1 + c % 3; i++) {
                // Quotes, a backslash, a newline and non-ASCII: what the canonical form must carry byte for byte.
                batch.add(new GenericDomainEventMessage<>("Note", "note-" + c, i,
                                                          new Noted("\"quoted\" \\ line\nbreak é € 𝄞 #" + c + "." + i),
                                                          Map.of("actor", "token-" + (c % 4))));
            }
            engine.appendEvents(batch);
        }
        database.getCollection(MongoEventStorageEngine.COMMITS).find().forEach(
                commit -> commit.getList("events", Document.class).forEach(e -> hashes.add(e.getString("hash"))));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void theExportedLogVerifiesWithoutTheRegistrysCode() throws Exception {
        Path file = dir.resolve("log.ndjson");
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int exit = LogExportCommand.run(new String[] {"--export-log=" + file, "--registry.mongodb-uri=" + uri,
                                                      "--spring.data.mongodb.database=audit-export"},
                                        new PrintStream(messages, true, StandardCharsets.UTF_8));
        assertThat(exit).as(messages.toString(StandardCharsets.UTF_8)).isZero();
        OfflineChainCheck.Result result = OfflineChainCheck.check(file, "0".repeat(64));
        // 40 commits of 1, 2, 3, 1, 2, 3 ... events.
        assertThat(result.events()).isEqualTo(79);
        assertThat(result.firstPosition()).isEqualTo(1);
        assertThat(result.lastPosition()).isEqualTo(79);
        assertThat(messages.toString(StandardCharsets.UTF_8)).contains("Exported 79 events (positions 1 to 79)")
                                                             .contains(result.lastHash());
        String firstLine = Files.readAllLines(file).get(0);
        assertThat(firstLine).contains("\"position\":1,").contains("\"actor\":\"token-0\"");
        runPythonVerifierIfPresent(file, "0".repeat(64), 0);

        // A range chains to the event before it, given on its first line.
        Path range = dir.resolve("range.ndjson");
        assertThat(LogExportCommand.run(new String[] {"--export-log=" + range, "--from=10", "--to=20",
                                                      "--registry.mongodb-uri=" + uri,
                                                      "--spring.data.mongodb.database=audit-export"},
                                        new PrintStream(messages, true, StandardCharsets.UTF_8))).isZero();
        OfflineChainCheck.Result part = OfflineChainCheck.check(range, hashes.get(8));
        assertThat(part.events()).isEqualTo(11);
        assertThat(part.firstPosition()).isEqualTo(10);
        assertThat(part.lastHash()).isEqualTo(hashes.get(19));

        // The offline check can fail: one changed character in one payload.
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(41, lines.get(41).replace("quoted", "qu0ted"));
        Path forged = dir.resolve("forged.ndjson");
        Files.write(forged, lines);
        assertThatThrownBy(() -> OfflineChainCheck.check(forged, "0".repeat(64)))
                .hasMessageStartingWith("line 42 (position 42");
        runPythonVerifierIfPresent(forged, "0".repeat(64), 1);
    }

    @Test
    void wrongArgumentsAreExplained() {
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int exit = LogExportCommand.run(new String[] {"--export-log=x.ndjson", "--from=9", "--to=3"},
                                        new PrintStream(messages, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(messages.toString(StandardCharsets.UTF_8)).contains("--to must not lie before --from")
                                                             .contains("Usage: java -jar registry.jar");
    }

    /** The shipped Python verifier, when the machine has python3 (CI may not: the JDK check above always runs). */
    private static void runPythonVerifierIfPresent(Path file, String startHash, int expectedExit) throws Exception {
        Process probe;
        try {
            probe = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            return;
        }
        if (!probe.waitFor(20, TimeUnit.SECONDS) || probe.exitValue() != 0) {
            return;
        }
        Process verify = new ProcessBuilder("python3", "tools/verify-audit-log.py", file.toString(), "--start-hash",
                                            startHash).redirectErrorStream(true).start();
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.exitValue()).as(output).isEqualTo(expectedExit);
        assertThat(output).startsWith(expectedExit == 0 ? "OK: 79 events" : "line 42");
    }
}
