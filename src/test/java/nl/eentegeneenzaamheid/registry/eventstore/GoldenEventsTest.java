package nl.eentegeneenzaamheid.registry.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.eentegeneenzaamheid.registry.RegistryTest;
import nl.eentegeneenzaamheid.registry.access.AccessTokenEvent;
import nl.eentegeneenzaamheid.registry.common.Role;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionId;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionKind;
import nl.eentegeneenzaamheid.registry.coalition.ContributionRole;
import nl.eentegeneenzaamheid.registry.coalition.LocalCoalitionPhase;
import nl.eentegeneenzaamheid.registry.coalition.PartyType;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationEvent;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationId;
import nl.eentegeneenzaamheid.registry.pilot.PilotEvent;
import nl.eentegeneenzaamheid.registry.pilot.PilotId;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent;
import nl.eentegeneenzaamheid.registry.municipality.Province;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationEvent;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationKind;
import nl.eentegeneenzaamheid.registry.organisation.Sector;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * The golden corpus: every event type in every revision ever stored, in {@code src/test/resources/golden-events/},
 * read back through the registry's own event serializer (Boot's object mapper, so {@code spring.jackson.*}) and
 * upcaster chain, from commit documents in a fresh database, by {@link MongoEventStorageEngine}. A change that makes
 * an old event unreadable, or read into something else, fails here.
 *
 * <p>Per event type and revision there are two files: {@code <Interface>.<Event>.r<revision>.stored.json}, the commit
 * document exactly as the engine wrote it (MongoDB extended JSON, so every BSON type is kept), and
 * {@code ….expected.json}, what reading it must give today: the current payload type, its fields (as plain Jackson
 * writes them, independent of the application's settings) and the metadata.
 *
 * <p>Adding an event or a revision: add or change its sample in {@link #samples()} and run
 * {@code ./mvnw -o -q test -Dtest=GoldenEventsTest -Dgolden.write=true}, which writes the files of revisions that
 * have none yet and never touches existing ones (a stored form is history). When a new revision changes what an
 * older one reads as, edit that older revision's {@code expected.json} by hand to the upcast shape, and commit all.
 */
@RegistryTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GoldenEventsTest {

    private static final Path CORPUS = Path.of("src/test/resources/golden-events");
    private static final JsonWriterSettings EXTENDED_JSON =
            JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).indent(true).build();
    /** Independent of {@code spring.jackson.*} on purpose: the expectation must not move when those settings do. */
    private static final ObjectMapper PLAIN = JsonMapper.builder().addModule(new JavaTimeModule())
                                                         .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                                                         .build();

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    Serializer serializer;
    @Autowired
    org.axonframework.config.Configuration axon;
    @Autowired
    MongoClient client;

    record Sample(String aggregateType, String aggregateId, long seq, Object payload) {
    }

    /** One event of every type in its current revision, as the registry would record it. */
    static List<Sample> samples() {
        OrganisationId mantelzorg = new OrganisationId("org-8d7f4c1e-2f6a-4b1e-9c3d-5a6b7c8d9e0f");
        OrganisationId branch = new OrganisationId("org-1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9");
        OrganisationId denHaag = OrganisationId.ofMunicipality("GM0518");
        CoalitionId local = new CoalitionId("coalition-0f1e2d3c-4b5a-4697-8877-665544332211");
        CoalitionId other = new CoalitionId("coalition-99887766-5544-4332-a211-00ffeeddccbb");
        String register = "municipality-register";
        String token = "token-5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9";
        CollaborationId collaboration = new CollaborationId("collaboration-3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f");
        CollaborationId declined = new CollaborationId("collaboration-4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a");
        PilotId pilot = new PilotId("pilot-5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b");
        PilotId stopped = new PilotId("pilot-6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c");
        return List.of(
                new Sample("AccessToken", token, 0, new AccessTokenEvent.AccessTokenIssued(
                        token, Role.PARTNER, mantelzorg,
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                        Instant.parse("2027-01-01T00:00:00Z"))),
                new Sample("AccessToken", token, 1, new AccessTokenEvent.AccessTokenRevoked(token)),
                new Sample("Organisation", branch.value(), 0, new OrganisationEvent.OrganisationRegistered(
                        branch, "MantelzorgNL Utrecht", OrganisationKind.LOCAL, Sector.CARE_AND_WELFARE, null,
                        mantelzorg, "GM0344")),
                new Sample("Organisation", mantelzorg.value(), 1, new OrganisationEvent.OrganisationRenamed(
                        mantelzorg, "MantelzorgNL", "Mezzo")),
                new Sample("Organisation", mantelzorg.value(), 2, new OrganisationEvent.OrganisationUpdated(
                        mantelzorg, Sector.UMBRELLA_BODIES, "40123456")),
                new Sample("MunicipalityRegister", register, 0, new MunicipalityEvent.MunicipalityRecorded(
                        "GM0518", "'s-Gravenhage", "Den Haag", Province.ZUID_HOLLAND, null)),
                new Sample("MunicipalityRegister", register, 1, new MunicipalityEvent.ProgrammeJoined(
                        "GM0518", LocalDate.of(2019, 3, 1))),
                new Sample("MunicipalityRegister", register, 2, new MunicipalityEvent.ProgrammeLeft(
                        "GM0009", LocalDate.of(2019, 1, 1), "merged into GM0014")),
                new Sample("MunicipalityRegister", register, 3, new MunicipalityEvent.MunicipalitiesMerged(
                        "GM0014", List.of("GM0009", "GM0017"), LocalDate.of(2019, 1, 1))),
                new Sample("MunicipalityRegister", register, 4, new MunicipalityEvent.MunicipalitySplit(
                        "GM0788", List.of(new MunicipalityEvent.Share("GM0757", new BigDecimal("0.62")),
                                          new MunicipalityEvent.Share("GM0865", new BigDecimal("0.38"))),
                        "GM0757", LocalDate.of(2021, 1, 1))),
                new Sample("Coalition", local.value(), 0, new CoalitionEvent.CoalitionFounded(
                        local, CoalitionKind.LOCAL, "Samen tegen eenzaamheid Den Haag", "GM0518",
                        LocalDate.of(2020, 9, 1), LocalCoalitionPhase.EXPLORING)),
                new Sample("Coalition", local.value(), 1, new CoalitionEvent.MemberJoined(
                        local, denHaag, LocalDate.of(2020, 9, 1), PartyType.MUNICIPALITY, ContributionRole.ACTIVE)),
                new Sample("Coalition", local.value(), 2, new CoalitionEvent.MemberLeft(
                        local, branch, LocalDate.of(2023, 1, 1), "stopped its local work")),
                new Sample("Coalition", local.value(), 3, new CoalitionEvent.JoinDateCorrected(
                        local, denHaag, LocalDate.of(2020, 9, 1), LocalDate.of(2020, 6, 15), "minutes of June")),
                new Sample("Coalition", local.value(), 4, new CoalitionEvent.LeadAssigned(
                        local, denHaag, LocalDate.of(2020, 9, 1))),
                new Sample("Coalition", local.value(), 5, new CoalitionEvent.PhaseChanged(
                        local, LocalCoalitionPhase.ESTABLISHED, LocalDate.of(2022, 4, 1))),
                new Sample("Coalition", other.value(), 3, new CoalitionEvent.CoalitionMoved(
                        other, "GM0009", "GM0014", LocalDate.of(2019, 1, 1))),
                new Sample("Coalition", other.value(), 4, new CoalitionEvent.CoalitionCombined(
                        other, local, LocalDate.of(2019, 1, 1))),
                new Sample("Collaboration", collaboration.value(), 0, new CollaborationEvent.CollaborationProposed(
                        collaboration, "Luisterlijn voor slechthorenden", "Samen luisteren", mantelzorg,
                        List.of(mantelzorg, branch), List.of("GM0518"), LocalDate.of(2024, 3, 1))),
                new Sample("Collaboration", collaboration.value(), 1, new CollaborationEvent.CollaborationConfirmed(
                        collaboration, branch, LocalDate.of(2024, 2, 20))),
                new Sample("Collaboration", collaboration.value(), 2, new CollaborationEvent.CollaborationActivated(
                        collaboration, List.of(mantelzorg, branch), LocalDate.of(2024, 3, 1))),
                new Sample("Collaboration", collaboration.value(), 3, new CollaborationEvent.CollaborationEnded(
                        collaboration, List.of(mantelzorg, branch), LocalDate.of(2025, 3, 1), "campaign over")),
                new Sample("Collaboration", declined.value(), 1, new CollaborationEvent.CollaborationDeclined(
                        declined, branch, LocalDate.of(2024, 2, 21), "no capacity")),
                new Sample("Pilot", pilot.value(), 0, new PilotEvent.PilotStarted(
                        pilot, "Postbezorgers signaleren", mantelzorg, List.of(branch), List.of("GM0518"),
                        LocalDate.of(2020, 3, 1), "signals of loneliness")),
                new Sample("Pilot", pilot.value(), 1, new PilotEvent.PilotExtended(
                        pilot, mantelzorg, List.of("GM0014"), LocalDate.of(2020, 9, 1))),
                new Sample("Pilot", pilot.value(), 2, new PilotEvent.PilotEvaluated(
                        pilot, mantelzorg, LocalDate.of(2020, 12, 1), "600 signals")),
                new Sample("Pilot", pilot.value(), 3, new PilotEvent.PilotConvertedToProject(
                        pilot, mantelzorg, LocalDate.of(2021, 1, 1))),
                new Sample("Pilot", stopped.value(), 1, new PilotEvent.PilotStopped(
                        stopped, mantelzorg, LocalDate.of(2021, 1, 1), "no funds")));
    }

    private static MetaData metaData(Sample sample) {
        UUID command = UUID.nameUUIDFromBytes(("command:" + baseName(sample.payload().getClass())).getBytes(
                StandardCharsets.UTF_8));
        return MetaData.with("actor", "anonymous").and("role", "PROGRAMME_TEAM")
                       .and("requestId", "golden-" + sample.payload().getClass().getSimpleName())
                       .and("correlationId", command.toString()).and("traceId", command.toString());
    }

    /** {@code MunicipalityEvent.MunicipalityRecorded}: unique across features, readable in a file name. */
    private static String baseName(Class<?> type) {
        return type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
    }

    private static String revision(Class<?> type) {
        return type.getAnnotation(Revision.class).value();
    }

    private MongoEventStorageEngine engine(MongoDatabase database) {
        MongoEventStorageEngine.Builder builder = new MongoEventStorageEngine.Builder();
        builder.eventSerializer(eventSerializer).snapshotSerializer(serializer).upcasterChain(axon.upcasterChain())
               .batchSize(50);
        return new MongoEventStorageEngine(builder, database, EmbeddedStore.none());
    }

    /** Runs {@code work} on a database of its own in the shared test server, dropped afterwards. */
    private void withFreshDatabase(java.util.function.Consumer<MongoDatabase> work) {
        MongoDatabase database = client.getDatabase("golden-" + UUID.randomUUID());
        try {
            work.accept(database);
        } finally {
            database.drop();
        }
    }

    @Test
    void everyStoredRevisionReadsAsExpected() throws IOException {
        List<Path> stored;
        try (Stream<Path> files = Files.list(CORPUS)) {
            stored = files.filter(p -> p.getFileName().toString().endsWith(".stored.json")).sorted().toList();
        }
        assertThat(stored).isNotEmpty();
        for (Path file : stored) {
            Document commit = Document.parse(Files.readString(file));
            JsonNode expected = PLAIN.readTree(CORPUS.resolve(
                    file.getFileName().toString().replace(".stored.json", ".expected.json")).toFile());
            withFreshDatabase(database -> readBack(file, commit, expected, database));
        }
    }

    private void readBack(Path file, Document commit, JsonNode expected, MongoDatabase database) {
        MongoEventStorageEngine engine = engine(database);
        database.getCollection(MongoEventStorageEngine.COMMITS).insertOne(commit);
        Document entry = commit.getList("events", Document.class).get(0);
        String aggregateId = commit.getString("aggregateId");

        List<? extends DomainEventMessage<?>> loaded =
                engine.readEvents(aggregateId, entry.getLong("seq")).asStream().toList();
        List<TrackedEventMessage<?>> tracked = engine.readEvents(null, false).collect(Collectors.toList());
        assertThat(loaded).as("aggregate load of %s", file).hasSize(1);
        assertThat(tracked).as("tracking read of %s", file).hasSize(1);

        Object payload = read(expected);
        for (EventMessage<?> event : List.of(loaded.get(0), tracked.get(0))) {
            assertThat(event.getPayload()).as("payload of %s", file).isEqualTo(payload);
            assertThat(event.getMetaData()).as("metadata of %s", file)
                    .isEqualTo(PLAIN.convertValue(expected.get("metaData"), Map.class));
            assertThat(event.getIdentifier()).isEqualTo(entry.getString("eventId"));
            assertThat(event.getTimestamp()).isEqualTo(Instant.parse(entry.getString("timestamp")));
        }
        DomainEventMessage<?> domain = loaded.get(0);
        assertThat(domain.getAggregateIdentifier()).isEqualTo(aggregateId);
        assertThat(domain.getType()).isEqualTo(commit.getString("aggregateType"));
        assertThat(domain.getSequenceNumber()).isEqualTo(entry.getLong("seq"));
    }

    private static Object read(JsonNode expected) {
        try {
            return PLAIN.treeToValue(expected.get("payload"), Class.forName(expected.get("payloadType").asText()));
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("Unreadable expectation " + expected, e);
        }
    }

    /**
     * Events written today are written as the corpus holds them: a change of the stored format (e.g. of
     * {@code spring.jackson.*}) must come with a new revision, not slip into the log unnoticed.
     */
    @Test
    void currentRevisionsAreWrittenAsTheCorpusHoldsThem() throws IOException {
        for (Sample sample : samples()) {
            Class<?> type = sample.payload().getClass();
            Path stored = CORPUS.resolve(baseName(type) + ".r" + revision(type) + ".stored.json");
            Document entry = Document.parse(Files.readString(stored)).getList("events", Document.class).get(0);
            SerializedObject<String> written = eventSerializer.serialize(sample.payload(), String.class);
            assertThat(written.getType().getName()).isEqualTo(entry.getString("payloadType"));
            assertThat(written.getType().getRevision()).isEqualTo(entry.getString("payloadRevision"));
            assertThat(PLAIN.readTree(written.getData())).as("payload of %s as written today", stored)
                                                         .isEqualTo(PLAIN.readTree(entry.getString("payload")));
        }
    }

    /** The corpus covers every event class in its current revision, and the samples cover every event class. */
    @Test
    void corpusCoversEveryEventInItsCurrentRevision() throws IOException {
        Set<String> present;
        try (Stream<Path> files = Files.list(CORPUS)) {
            present = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        List<String> missing = new ArrayList<>();
        for (Class<?> type : EventTypes.eventClasses()) {
            String name = baseName(type) + ".r" + revision(type);
            if (!present.contains(name + ".stored.json") || !present.contains(name + ".expected.json")) {
                missing.add(name);
            }
        }
        assertThat(missing).as("corpus entries missing: add a sample and run the generator (see class comment)")
                           .isEmpty();
        assertThat(samples().stream().<Class<?>>map(s -> s.payload().getClass()).toList())
                .containsExactlyInAnyOrderElementsOf(EventTypes.eventClasses());
    }

    /** The generator: writes the corpus files of the samples' revisions that have none yet. */
    @Test
    @Order(1) // before the checks, so that they see the files it writes
    @EnabledIfSystemProperty(named = "golden.write", matches = "true")
    void writeMissingCorpusEntries() throws IOException {
        Files.createDirectories(CORPUS);
        Instant recordedAt = Instant.parse("2025-01-15T09:30:00.123Z");
        for (Sample sample : samples()) {
            Class<?> type = sample.payload().getClass();
            String name = baseName(type) + ".r" + revision(type);
            Path stored = CORPUS.resolve(name + ".stored.json");
            Path expected = CORPUS.resolve(name + ".expected.json");
            if (Files.exists(stored)) {
                continue;
            }
            String eventId = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
            GenericDomainEventMessage<?> event = new GenericDomainEventMessage<>(
                    sample.aggregateType(), sample.aggregateId(), sample.seq(), sample.payload(), metaData(sample),
                    eventId, recordedAt);
            withFreshDatabase(database -> {
                engine(database).appendEvents(event);
                Document commit = database.getCollection(MongoEventStorageEngine.COMMITS).find().first();
                write(stored, commit.toJson(EXTENDED_JSON) + "\n");
            });
            Map<String, Object> expectation = new LinkedHashMap<>();
            expectation.put("payloadType", type.getName());
            expectation.put("payload", sample.payload());
            expectation.put("metaData", metaData(sample));
            write(expected, PLAIN.writerWithDefaultPrettyPrinter().writeValueAsString(expectation) + "\n");
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
