package nl.eentegeneenzaamheid.registry.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mongodb.client.MongoCollection;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import nl.eentegeneenzaamheid.registry.MongoCommands;
import nl.eentegeneenzaamheid.registry.eventstore.AppendRates;
import nl.eentegeneenzaamheid.registry.readmodel.ReadModelRebuilds;
import nl.eentegeneenzaamheid.registry.readmodel.Rebuild;
import nl.eentegeneenzaamheid.registry.transfer.Importer;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The issue 9 benchmarks (docs/performance.md, "Issue 9 benchmarks"). For each dataset, a registry of its own on the
 * default embedded H2 file store loads the dataset through the importer, then, one after the other: the growth and
 * indicators queries, the heap, the database queries per page, a replay of every read model, the appends of the event
 * store (on a fresh store of their own) and the commands through GraphQL. Each figure is a ratio against a baseline
 * measured in the same run; the query times and the heap compare the largest dataset with the smallest. Writes
 * {@code summary.json} and {@code summary.txt} into {@code out}.
 */
final class BenchmarkSuite {

    /**
     * @param datasets    smallest first; the query times of the last are compared with those of the first
     * @param writers     writer threads of the event store and concurrent HTTP clients of the commands
     * @param phase       how long each rate is measured
     * @param queryRounds rounds of the query mix timed, after one round of warm-up
     * @param everyDataset whether the rates and the queries per page are measured on every dataset, or only on the
     *                     last one (the smoke run, to stay short)
     */
    record Settings(List<Dataset> datasets, int writers, Duration phase, int queryRounds, boolean everyDataset,
                    Path out) {
    }

    static final String APPENDS = "event appends / raw insertMany";
    static final String COMMANDS = "GraphQL commands / event appends";
    static final String REPLAY = "read model replay / raw log read";
    static final String GROWTH = "growth queries, largest / smallest dataset";
    static final String INDICATORS = "indicators queries, largest / smallest dataset";
    static final String QUERIES_PER_PAGE = "database queries per page of 100 / page of 10";
    static final String HEAP = "used heap after load and query mix";

    private static final String REGISTER = "mutation($name: String!) { registerOrganisation(name: $name, "
                                           + "kind: NATIONAL) { id } }";
    /** A page of national organisations with every nested list the Organisation type offers (within the limits). */
    private static final String PAGE = """
            query($n: Int) { organisations(kind: NATIONAL, first: $n) { edges { node { id name sector
              memberships { joinedOn leftOn }
              collaborations { id status proposedBy { name } }
              pilots { id status }
              localPresence(asOf: "2024-12-31") { via since municipality { name } } } } } }""";
    private static final List<String> GROWTH_QUERIES = Arrays.stream(new String[][] {
            {"NATIONAL_COALITION_MEMBERS", "SECTOR"}, {"MUNICIPALITIES_JOINED", "PROVINCE"},
            {"LOCAL_COALITIONS", "PROVINCE"}, {"COLLABORATIONS", "NONE"}, {"PILOTS", "NONE"},
            {"NATIONAL_TO_LOCAL_LINKS", "NONE"}}).map(q -> "{ growth(metric: " + q[0] + ", from: \"2018-01-01\", "
            + "to: \"2025-12-31\", interval: YEAR, breakdown: " + q[1] + ") { points { periodEnd joined left total "
            + "breakdown { key total } } } }").toList();
    private static final String INDICATORS_QUERY = """
            query($asOf: Date) { indicators(asOf: $asOf) { asOf nationalCoalitionMembers membersBySector { key total }
              collaborationsBetweenNationalMembers nationalMembersRepresentedLocally
              nationalMembersWithBranchInLocalCoalition municipalitiesParticipating municipalitiesWithLocalCoalition
              runningPilots pilotsConvertedToProjects } }""";
    private static final List<String> INDICATOR_DATES = List.of("2019-12-31", "2021-12-31", "2022-12-31",
                                                                "2024-12-31");
    /** The event store's own collections, which the processors read in the background whatever the requests do. */
    private static final Set<String> EVENT_STORE = Set.of("commits", "snapshots", "heads", "tokens", "dead_letters",
                                                          "dead_letter_sequences");

    private final Settings settings;
    private final List<Figure> figures = new ArrayList<>();
    private final List<Map<String, Object>> loaded = new ArrayList<>();
    private final Instant started = Instant.now();
    private final double loadAverageAtStart = loadAverage();

    BenchmarkSuite(Settings settings) {
        this.settings = settings;
    }

    List<Figure> run() throws Exception {
        Map<String, double[]> queryTimes = new LinkedHashMap<>();
        for (Dataset dataset : settings.datasets()) {
            String scale = dataset.label();
            boolean last = dataset == settings.datasets().get(settings.datasets().size() - 1);
            try (BenchRegistry registry = new BenchRegistry()) {
                double emptyHeap = usedHeapAfterGc();
                load(registry, dataset);
                double[] times = queryMix(registry);
                queryTimes.put(scale, times);
                loaded.get(loaded.size() - 1).putAll(details("growthRoundMs", times[0],
                                                             "indicatorsRoundMs", times[1],
                                                             "growthFirstRoundMs", times[2],
                                                             "indicatorsFirstRoundMs", times[3]));
                double heap = usedHeapAfterGc();
                add(new Figure(HEAP, scale, heap, emptyHeap, "MB used after GC (baseline: the same registry "
                               + "empty)", Figure.Goal.valueBelow(512, "MB"),
                               Map.of("maxHeapMb", Runtime.getRuntime().maxMemory() / 1048576)));
                if (!settings.everyDataset() && !last) {
                    continue;
                }
                add(queriesPerPage(registry, scale));
                add(replay(registry, scale));
                AppendRates.Rates appends = AppendRates.measure(settings.writers(), settings.phase());
                add(new Figure(APPENDS, scale, appends.engine(), appends.rawSynced(), "events/s",
                               Figure.Goal.ratioAtLeast(0.5), details(
                                       "writers", appends.writers(),
                                       "unsyncedBaseline", appends.rawUnsynced(),
                                       "ratioToUnsynced", appends.engine() / appends.rawUnsynced(),
                                       "store", "fresh H2 file store of its own, whatever the dataset")));
                add(commands(registry, scale, appends.engine()));
            }
        }
        if (settings.datasets().size() > 1) {
            String small = settings.datasets().get(0).label();
            String large = settings.datasets().get(settings.datasets().size() - 1).label();
            String scale = large + "/" + small;
            add(new Figure(GROWTH, scale, queryTimes.get(large)[0], queryTimes.get(small)[0],
                           "ms per round of " + GROWTH_QUERIES.size() + " growth queries",
                           Figure.Goal.ratioAtMost(2), firstRounds(queryTimes.get(large)[2], queryTimes.get(small)[2])));
            add(new Figure(INDICATORS, scale, queryTimes.get(large)[1], queryTimes.get(small)[1],
                           "ms per round of " + INDICATOR_DATES.size() + " indicators queries",
                           Figure.Goal.ratioAtMost(2), firstRounds(queryTimes.get(large)[3], queryTimes.get(small)[3])));
        }
        return List.copyOf(figures);
    }

    /** The first round after a change recomputes from every period: its cost does follow the data. */
    private static Map<String, Object> firstRounds(double large, double small) {
        return details("firstRoundMsLargest", large, "firstRoundMsSmallest", small, "firstRoundRatio", large / small);
    }

    /** Keeps the figure and writes the summary again, so that a run stopped during a larger dataset keeps it. */
    private void add(Figure figure) throws IOException {
        figures.add(figure);
        write();
        System.out.printf("%s %s: %.2f / %.2f = %.3f %s%n", figure.name(), figure.scale(), figure.value(),
                          figure.baseline(), figure.ratio(), figure.details());
    }

    private void load(BenchRegistry registry, Dataset dataset) {
        long start = System.nanoTime();
        long before = registry.bean(ReadModelRebuilds.class).head();
        List<String> notImported = dataset.load(registry.bean(Importer.class));
        registry.awaitProjections(Duration.ofMinutes(30));
        double seconds = (System.nanoTime() - start) / 1e9;
        long events = registry.bean(ReadModelRebuilds.class).head();
        Map<String, Object> entry = details("dataset", dataset.label(), "eventsInLog", events,
                                            "eventsOnStart", before, "loadSeconds", seconds,
                                            "loadedEventsPerSecond", (events - before) / seconds,
                                            "filesNotImported", notImported);
        loaded.add(entry);
        System.out.printf("Loaded %s: %,d events in the log, %,d of them in %.1f s%s%n", dataset.label(), events,
                          events - before, seconds, notImported.isEmpty() ? "" : "; not imported (no format yet): "
                                                                              + notImported);
    }

    /**
     * Milliseconds per round of the growth queries and of the indicators queries: the mean of the timed rounds, then
     * the first (warm-up) round, which computes what the later rounds find kept (CurrentAnswers) as after a change.
     */
    private double[] queryMix(BenchRegistry registry) {
        double[] total = new double[2];
        double[] first = new double[2];
        for (int round = -1; round < settings.queryRounds(); round++) {
            long start = System.nanoTime();
            for (String growth : GROWTH_QUERIES) {
                registry.graphQl(growth, Map.of());
            }
            long middle = System.nanoTime();
            for (String date : INDICATOR_DATES) {
                registry.graphQl(INDICATORS_QUERY, Map.of("asOf", date));
            }
            long end = System.nanoTime();
            double[] times = round >= 0 ? total : first;
            times[0] += (middle - start) / 1e6;
            times[1] += (end - middle) / 1e6;
        }
        return new double[] {total[0] / settings.queryRounds(), total[1] / settings.queryRounds(), first[0], first[1]};
    }

    /** Reads of read models caused by one page of national organisations, at 10, 50 and 100 per page. */
    private Figure queriesPerPage(BenchRegistry registry, String scale) {
        MongoTemplate mongo = registry.bean(MongoTemplate.class);
        Set<String> readModels = new HashSet<>(mongo.getCollectionNames());
        readModels.removeAll(EVENT_STORE);
        MongoCommands commands = registry.bean(MongoCommands.class);
        Map<Integer, Integer> reads = new LinkedHashMap<>();
        Map<Integer, Integer> items = new LinkedHashMap<>();
        for (int size : new int[] {10, 50, 100}) {
            page(registry, size); // caches (the caller's token) as they are after the first request
            reads.put(size, commands.readsOf(readModels, () -> items.put(size, page(registry, size))));
        }
        return new Figure(QUERIES_PER_PAGE, scale, reads.get(100), reads.get(10), "database reads per request",
                          Figure.Goal.ratioAtMostOne(), details("readsAt50", reads.get(50), "itemsOnPages", items));
    }

    private static int page(BenchRegistry registry, int size) {
        return registry.graphQl(PAGE, Map.of("n", size)).path("organisations").path("edges").size();
    }

    /**
     * A VERIFY rebuild of every read model (replay of the whole log into shadow collections, then a comparison with
     * the live ones, which must agree), against a plain read of the commits collection decoding every document.
     */
    private Figure replay(BenchRegistry registry, String scale) throws Exception {
        MongoCollection<Document> commits = registry.bean(MongoTemplate.class).getCollection("commits");
        double raw = Math.max(rawRead(commits), rawRead(commits));
        ReadModelRebuilds rebuilds = registry.bean(ReadModelRebuilds.class);
        Rebuild.Progress[] done = new Rebuild.Progress[1];
        long start = System.nanoTime();
        int databaseCommands = registry.bean(MongoCommands.class).commandsExcept(EVENT_STORE, () -> {
            try {
                done[0] = rebuilds.start(List.of(), Rebuild.Mode.VERIFY).await(Duration.ofHours(1));
            } catch (InterruptedException | TimeoutException e) {
                throw new IllegalStateException("The rebuild did not finish", e);
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        if (done[0].state() != Rebuild.State.SUCCEEDED || !Boolean.TRUE.equals(done[0].consistent())) {
            throw new IllegalStateException("The rebuild did not succeed consistently: " + done[0]);
        }
        double events = done[0].eventsDone();
        return new Figure(REPLAY, scale, events / seconds, raw, "events/s", Figure.Goal.ratioAtLeast(0.3),
                          details("events", (long) events, "readModels", rebuilds.processingGroups().size(),
                                  "rebuildSeconds", seconds,
                                  "readModelCommandsPerEvent", databaseCommands / events));
    }

    private static double rawRead(MongoCollection<Document> commits) {
        long start = System.nanoTime();
        long events = 0;
        // In batches: the embedded server sends a first batch of any size, and the whole x10 log is over 48 MB.
        for (Document commit : commits.find().batchSize(1000)) {
            events += commit.getList("events", Document.class).size();
        }
        return events / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Commands per second through GraphQL over HTTP, {@code writers} clients each sending its next mutation when the
     * previous one is answered (the maximum), then the latency of an open loop at half that rate: requests leave on
     * a fixed schedule whatever the answers, and each latency counts from its scheduled moment.
     */
    private Figure commands(BenchRegistry registry, String scale, double appendsPerSecond) throws Exception {
        // Warm-up: a few seconds' worth at the rates measured so far.
        for (int i = 0; i < Math.max(2, 5 * Math.min(4, settings.phase().toSeconds())); i++) {
            register(registry);
        }
        ExecutorService clients = Executors.newFixedThreadPool(settings.writers());
        long[] sent = {0};
        double max;
        int databaseCommands;
        try {
            long start = System.nanoTime();
            long until = start + settings.phase().toNanos();
            databaseCommands = registry.bean(MongoCommands.class).commandsExcept(Set.of(), () -> {
                List<Future<Integer>> counts = new ArrayList<>();
                for (int c = 0; c < settings.writers(); c++) {
                    counts.add(clients.submit(() -> {
                        int done = 0;
                        while (System.nanoTime() < until) {
                            register(registry);
                            done++;
                        }
                        return done;
                    }));
                }
                try {
                    for (Future<Integer> count : counts) {
                        sent[0] += count.get(settings.phase().toMillis() + 120_000, TimeUnit.MILLISECONDS);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("A client failed", e);
                }
            });
            max = sent[0] / ((System.nanoTime() - start) / 1e9);
        } finally {
            clients.shutdownNow();
        }
        double rate = max / 2;
        int requests = (int) Math.max(10, rate * settings.phase().toMillis() / 1000);
        long interval = (long) (1e9 / rate);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> answers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            long scheduled = start + i * interval;
            LockSupport.parkNanos(scheduled - System.nanoTime());
            answers.add(registry.http().sendAsync(registry.request(REGISTER, Map.of("name", name())),
                                                  HttpResponse.BodyHandlers.ofString())
                                .thenAccept(response -> {
                                    BenchRegistry.data(response);
                                    latencies.add(System.nanoTime() - scheduled);
                                }));
        }
        double sendRate = requests / ((System.nanoTime() - start) / 1e9);
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Figure(COMMANDS, scale, max, appendsPerSecond, "commands/s", Figure.Goal.ratioAtLeast(0.35),
                          details("clients", settings.writers(), "command", "registerOrganisation (one event)",
                                  "halfLoadRatePerSecond", sendRate, "p50Ms", percentile(sorted, 0.50),
                                  "p99Ms", percentile(sorted, 0.99),
                                  "databaseCommandsPerCommand", (double) databaseCommands / sent[0]));
    }

    private static void register(BenchRegistry registry) {
        JsonNode id = registry.graphQl(REGISTER, Map.of("name", name())).path("registerOrganisation").path("id");
        if (id.isMissingNode()) {
            throw new IllegalStateException("registerOrganisation answered no id");
        }
    }

    private static String name() {
        return "Benchmark organisation " + UUID.randomUUID();
    }

    private static double percentile(long[] sortedNanos, double p) {
        int index = (int) Math.ceil(p * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, index)] / 1e6;
    }

    private static double usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static Map<String, Object> details(Object... keysAndValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            details.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return details;
    }

    private void write() throws IOException {
        List<Map<String, Object>> entries = new ArrayList<>();
        StringBuilder text = new StringBuilder(String.format("%-50s %-9s %12s %12s %8s %-12s %s%n", "figure", "scale",
                                                             "value", "baseline", "ratio", "goal", "met"));
        for (Figure figure : figures) {
            entries.add(details("name", figure.name(), "scale", figure.scale(), "value", figure.value(),
                                "baseline", figure.baseline(), "ratio", figure.ratio(), "goal", figure.goal().text(),
                                "met", figure.met(), "units", figure.units(), "details", figure.details()));
            text.append(String.format("%-50s %-9s %12.2f %12.2f %8.3f %-12s %s   %s %s%n", figure.name(),
                                      figure.scale(), figure.value(), figure.baseline(), figure.ratio(),
                                      figure.goal().text(), figure.met() ? "yes" : "NO", figure.units(),
                                      figure.details()));
        }
        Map<String, Object> summary = details(
                "startedAt", started.toString(), "finishedAt", Instant.now().toString(),
                "machine", details("processors", Runtime.getRuntime().availableProcessors(),
                                   "maxHeapMb", Runtime.getRuntime().maxMemory() / 1048576,
                                   "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                                   "os", System.getProperty("os.name") + " " + System.getProperty("os.version"),
                                   "loadAverageAtStart", loadAverageAtStart, "loadAverageAtEnd", loadAverage()),
                "settings", details("writers", settings.writers(), "phaseSeconds", settings.phase().toMillis() / 1000.0,
                                    "queryRounds", settings.queryRounds(),
                                    "store", "embedded H2 file store, a fresh data directory per dataset"),
                "datasets", loaded, "figures", entries);
        Files.createDirectories(settings.out());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                          .writeValue(settings.out().resolve("summary.json").toFile(), summary);
        Files.writeString(settings.out().resolve("summary.txt"), text);
    }
}
