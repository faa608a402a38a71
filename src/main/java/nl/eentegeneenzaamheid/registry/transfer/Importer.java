package nl.eentegeneenzaamheid.registry.transfer;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.Comparator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionDirectory;
import nl.eentegeneenzaamheid.registry.common.Commands;
import nl.eentegeneenzaamheid.registry.common.Commands.Actor;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityDirectory;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationDirectory;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import nl.eentegeneenzaamheid.registry.transfer.Format.Step;
import nl.eentegeneenzaamheid.registry.transfer.ImportReport.Rejection;
import nl.eentegeneenzaamheid.registry.transfer.ImportReport.Status;
import org.apache.commons.csv.CSVFormat;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Imports a CSV file through the same commands as the GraphQL mutations. First every row is judged against the
 * registry plus the rows before it (a dry run); only when none is rejected, or when the caller accepts the valid
 * rows, are the commands sent, one per row, in file order. Each row's requestId is derived from its kind and
 * content, and a row whose fact the registry already holds is not sent at all: importing a file twice records
 * nothing new. Every event carries the file ({@code source}), its optional date ({@code sourceDate}) and the row's
 * line ({@code sourceLine}) in its metadata; the recording time is the real time of the import.
 */
@Service
public class Importer {

    private static final Logger log = LoggerFactory.getLogger(Importer.class);
    private static final int LOG_EVERY = 500;
    private static final int KEPT_REPORTS = 20;
    private static final Duration REFERENCE_WAIT = Duration.ofSeconds(120);
    /** How long an import waits for the read models to catch up with its rows (minutes on a large file). */
    private static final Duration READ_MODEL_WAIT = Duration.ofMinutes(15);
    /** Rows of different aggregates recorded at the same time. */
    private static final int LANES = 8;
    private static final int IN_FLIGHT = 64;
    /** A row's command times out after 30 s; the queued rows before it take their turn first. */
    private static final Duration ROW_WAIT = Duration.ofMinutes(10);
    static final List<String> SOURCE_COLUMNS = List.of("source", "sourceDate");

    private final Commands commands;
    private final OrganisationDirectory organisations;
    private final MunicipalityDirectory municipalities;
    private final CoalitionDirectory coalitions;
    private final Clock clock;
    private final Map<Kind, Format> formats = new EnumMap<>(Kind.class);
    /** Imports run one at a time: each judges its rows against the registry as the previous one left it. */
    private final ReentrantLock running = new ReentrantLock();
    private final Deque<Run> runs = new ArrayDeque<>();
    private final AnnotationCommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();

    Importer(Commands commands, OrganisationDirectory organisations, MunicipalityDirectory municipalities,
             CoalitionDirectory coalitions, Clock clock, List<Format> formats) {
        this.commands = commands;
        this.organisations = organisations;
        this.municipalities = municipalities;
        this.coalitions = coalitions;
        this.clock = clock;
        formats.forEach(f -> this.formats.put(f.kind(), f));
    }

    /** What an import is asked to do. */
    public record Request(Kind kind, String source, LocalDate sourceDate, boolean dryRun, boolean acceptValidRows) {
    }

    public ImportReport importCsv(Actor actor, Request request, Reader csv) {
        String source = request.source() == null || request.source().isBlank() ? "upload" : request.source().trim();
        if (source.length() > 200) {
            throw RegistryException.validation("source must be at most 200 characters");
        }
        if (!running.tryLock()) {
            throw RegistryException.conflict("Another import is running (see the imports query); try again when it "
                                             + "has finished");
        }
        try {
            Format format = formats.get(request.kind());
            List<Row> rows = read(format, csv);
            Run run = new Run(UUID.randomUUID().toString(), request.kind(), source, request.sourceDate(), actor.id(),
                              rows.size(), clock.instant());
            synchronized (runs) {
                runs.addFirst(run);
                while (runs.size() > KEPT_REPORTS) {
                    runs.removeLast();
                }
            }
            try {
                return execute(actor, request, format, rows, run);
            } catch (RuntimeException e) {
                run.finish(Status.FAILED, clock.instant());
                throw e;
            }
        } finally {
            running.unlock();
        }
    }

    /**
     * Waits until every municipality has its own organisation. A policy creates them after the reference municipalities
     * are recorded, so on a first start they may still be on their way when the application is ready; rows of local
     * coalitions name them.
     */
    public void awaitMunicipalityOrganisations() {
        List<String> ids = municipalities.all().stream()
                                         .map(m -> OrganisationId.ofMunicipality(m.code()).value()).toList();
        long deadline = System.nanoTime() + REFERENCE_WAIT.toNanos();
        while (organisations.findAll(ids).size() < ids.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not every municipality has its organisation after " + REFERENCE_WAIT);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the municipality organisations", e);
            }
        }
    }

    /** The running import first, then the last finished ones, newest first. */
    public List<ImportReport> reports() {
        synchronized (runs) {
            return runs.stream().map(Run::report).toList();
        }
    }

    private ImportReport execute(Actor actor, Request request, Format format, List<Row> rows, Run run) {
        RegistryState state = new RegistryState(organisations, municipalities, coalitions);
        List<Planned> planned = new ArrayList<>();
        for (Row row : rows) {
            try {
                row.date("sourceDate");
                Step step = format.plan(row, state);
                if (step.alreadyRecorded()) {
                    run.alreadyRecorded++;
                } else {
                    planned.add(new Planned(row, step));
                }
            } catch (RegistryException e) {
                run.reject(new Rejection(row.line(), e.code().name(), e.getMessage()));
            }
            run.checked++;
        }
        log.info("Import {} of {} from {}: {} rows, {} to record, {} already recorded, {} rejected", run.id,
                 request.kind().slug(), run.source, rows.size(), planned.size(), run.alreadyRecorded,
                 run.rejected.size());
        if (request.dryRun()) {
            return run.finish(Status.CHECKED, clock.instant());
        }
        if (!run.rejected.isEmpty() && !request.acceptValidRows()) {
            return run.finish(Status.REFUSED, clock.instant());
        }
        run.status = Status.RECORDING;
        List<Rejection> failed = record(actor, format, planned, run);
        if (!failed.isEmpty()) {
            failed.forEach(run::reject);
            log.warn("Import {} stopped at line {} after {} recorded rows: {}", run.id, failed.get(0).line(),
                     run.recorded, failed.get(0).reason());
            return run.finish(Status.FAILED, clock.instant());
        }
        ImportReport report = run.finish(Status.RECORDED, clock.instant());
        log.info("Import {} of {} from {}: {} rows recorded in {} ms", run.id, request.kind().slug(), run.source,
                 run.recorded, run.finishedAt.toEpochMilli() - run.startedAt.toEpochMilli());
        return report;
    }

    /**
     * Sends the planned rows, without waiting for the read models after each (the plan comes from the dry run), on
     * {@value #LANES} lanes: the rows of one aggregate always take the same lane, in file order, while rows of other
     * aggregates are recorded meanwhile, so that one flush of the store covers several commits. Where a row's command
     * reads back what an earlier row changed (a branch's parent), every lane finishes and the read models catch up
     * first. When a row is refused, no further rows are sent; rows already on their way on other lanes are recorded.
     *
     * @return the refused rows (none: everything was recorded)
     */
    private List<Rejection> record(Actor actor, Format format, List<Planned> planned, Run run) {
        Lanes lanes = new Lanes(run.id);
        try {
            Set<String> unsettled = new HashSet<>();
            for (Planned p : planned) {
                if (!lanes.failed.isEmpty()) {
                    break;
                }
                Object command = p.step().command().get();
                if (p.step().readsBack().stream().anyMatch(unsettled::contains)) {
                    lanes.drain();
                    awaitReadModels(run);
                    unsettled.clear();
                }
                String target = targets.resolveTarget(GenericCommandMessage.asCommandMessage(command)).getIdentifier();
                unsettled.add(target);
                lanes.submit(target, () -> {
                    try {
                        commands.sendWithoutWaiting(actor, requestId(format, p.row()), p.step().operation(),
                                                    arguments(format, p.row()), metaData(run, p.row()),
                                                    () -> command);
                    } catch (RegistryException e) {
                        lanes.failed.add(new Rejection(p.row().line(), e.code().name(), e.getMessage()));
                        return;
                    }
                    int recorded = run.recordedOne();
                    if (recorded % LOG_EVERY == 0) {
                        log.info("Import {}: {} of {} rows recorded", run.id, recorded, planned.size());
                    }
                });
            }
            lanes.drain();
        } finally {
            lanes.close();
            // What the import recorded is in the read models when it answers (and before the next file's dry run).
            awaitReadModels(run);
        }
        List<Rejection> failed = new ArrayList<>(lanes.failed);
        failed.sort(Comparator.comparingLong(Rejection::line));
        return failed;
    }

    /**
     * Single-threaded executors; an aggregate's rows go to the one its id hashes to. At most {@value #IN_FLIGHT} rows
     * are queued at a time. An unexpected failure (not a refusal) stops the lanes and reaches the caller.
     */
    private static final class Lanes implements AutoCloseable {

        private final ExecutorService[] executors = new ExecutorService[LANES];
        private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
        final Queue<Rejection> failed = new ConcurrentLinkedQueue<>();
        private final AtomicReference<RuntimeException> broken = new AtomicReference<>();

        Lanes(String importId) {
            for (int i = 0; i < LANES; i++) {
                String name = "import-" + importId.substring(0, 8) + "-" + i;
                executors[i] = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, name));
            }
        }

        void submit(String aggregateId, Runnable row) {
            acquire(1);
            executors[Math.floorMod(aggregateId.hashCode(), LANES)].execute(() -> {
                try {
                    if (failed.isEmpty() && broken.get() == null) {
                        row.run();
                    }
                } catch (RuntimeException e) {
                    broken.compareAndSet(null, e);
                } finally {
                    inFlight.release();
                }
            });
            rethrow();
        }

        /** Until every submitted row is recorded or refused. */
        void drain() {
            acquire(IN_FLIGHT);
            inFlight.release(IN_FLIGHT);
            rethrow();
        }

        private void acquire(int permits) {
            try {
                if (!inFlight.tryAcquire(permits, ROW_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("The import's rows were not recorded within " + ROW_WAIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while recording the import's rows", e);
            }
        }

        private void rethrow() {
            if (broken.get() != null) {
                throw broken.get();
            }
        }

        @Override
        public void close() {
            for (ExecutorService executor : executors) {
                executor.shutdown();
            }
        }
    }

    private void awaitReadModels(Run run) {
        if (!commands.awaitReadModels(READ_MODEL_WAIT)) {
            log.warn("Import {}: the read models did not catch up within {}", run.id, READ_MODEL_WAIT);
        }
    }

    private record Planned(Row row, Step step) {
    }

    /** The header names the columns; a column the format does not know is refused (a typo would lose its values). */
    private static List<Row> read(Format format, Reader csv) {
        CSVFormat csvFormat = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                                               .setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).get();
        try (CSVParser parser = CSVParser.parse(csv, csvFormat)) {
            List<String> header = parser.getHeaderNames();
            Set<String> known = new HashSet<>(format.columns());
            known.addAll(SOURCE_COLUMNS);
            List<String> unknown = header.stream().filter(h -> !known.contains(h)).toList();
            List<String> missing = format.columns().stream()
                                         .filter(c -> !format.optionalColumns().contains(c) && !header.contains(c))
                                         .toList();
            if (!unknown.isEmpty() || !missing.isEmpty()) {
                throw RegistryException.validation(
                        "The header of a " + format.kind().slug() + " file is " + String.join(",", format.columns())
                        + (unknown.isEmpty() ? "" : "; unknown column(s) " + unknown)
                        + (missing.isEmpty() ? "" : "; missing column(s) " + missing)
                        + " (see docs/import.md)");
            }
            List<Row> rows = new ArrayList<>();
            var records = parser.iterator();
            long before = parser.getCurrentLineNumber();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                long after = parser.getCurrentLineNumber();
                // The line the row ends on (the header is line 1), empty lines counted; the parser counts line
                // breaks read, and the last row may have none.
                rows.add(new Row(after > before ? after : after + 1, record.toMap()));
                before = after;
            }
            return rows;
        } catch (IOException | UncheckedIOException e) {
            throw RegistryException.validation("Not a CSV file that can be read: " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw RegistryException.validation("Not a CSV file with a header row: " + e.getMessage());
        }
    }

    /** The same fact, from whichever file, is the same request. */
    private static String requestId(Format format, Row row) {
        StringBuilder content = new StringBuilder(format.kind().slug());
        format.columns().forEach(c -> content.append('\u001f').append(row.get(c) == null ? "" : row.get(c)));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.toString().getBytes(StandardCharsets.UTF_8));
            return "import:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> arguments(Format format, Row row) {
        Map<String, String> arguments = new TreeMap<>();
        format.columns().forEach(c -> {
            if (row.get(c) != null) {
                arguments.put(c, row.get(c));
            }
        });
        return arguments;
    }

    /** The file's source and date, unless the row names its own (a dataset collected from several documents). */
    private static Map<String, String> metaData(Run run, Row row) {
        Map<String, String> metaData = new LinkedHashMap<>();
        metaData.put("source", row.get("source") != null ? row.get("source") : run.source);
        LocalDate sourceDate = row.get("sourceDate") != null ? row.date("sourceDate") : run.sourceDate;
        if (sourceDate != null) {
            metaData.put("sourceDate", sourceDate.toString());
        }
        metaData.put("sourceLine", Long.toString(row.line()));
        return metaData;
    }

    /** One import's progress; its counters are written by the importing thread only. */
    private static final class Run {
        final String id;
        final Kind kind;
        final String source;
        final LocalDate sourceDate;
        final String actor;
        final int rows;
        final Instant startedAt;
        final List<Rejection> rejected = new CopyOnWriteArrayList<>();
        volatile Status status = Status.CHECKING;
        volatile int checked;
        volatile int recorded;
        volatile int alreadyRecorded;
        volatile Instant finishedAt;

        Run(String id, Kind kind, String source, LocalDate sourceDate, String actor, int rows, Instant startedAt) {
            this.id = id;
            this.kind = kind;
            this.source = source;
            this.sourceDate = sourceDate;
            this.actor = actor;
            this.rows = rows;
            this.startedAt = startedAt;
        }

        synchronized int recordedOne() {
            return ++recorded;
        }

        void reject(Rejection rejection) {
            rejected.add(rejection);
        }

        ImportReport finish(Status status, Instant at) {
            this.finishedAt = at;
            this.status = status;
            return report();
        }

        ImportReport report() {
            return new ImportReport(id, kind, source, sourceDate, actor, status, rows, checked, recorded,
                                    alreadyRecorded, List.copyOf(rejected), startedAt.atOffset(ZoneOffset.UTC),
                                    finishedAt == null ? null : finishedAt.atOffset(ZoneOffset.UTC));
        }
    }
}
