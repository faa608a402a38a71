package nl.eentegeneenzaamheid.registry.transfer;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import nl.eentegeneenzaamheid.registry.common.Commands.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Import and export from the command line (docs/import.md):
 * {@code java -jar coalition-registry.jar --import=<kind>:<file> [--import=...] [--source-date=YYYY-MM-DD]
 * [--dry-run] [--accept-valid-rows]} and {@code --export=<kind>:<file> [--as-of=YYYY-MM-DD] [--known-at=<instant>]}.
 * The registry starts, imports the files in the order given (then exports), prints each report and stops; the exit
 * code is 0 when every file was recorded (or checked, for a dry run), else 1. The actor is {@code command-line}.
 */
@Component
class TransferCommandLine {

    private static final Logger log = LoggerFactory.getLogger(TransferCommandLine.class);
    static final Actor COMMAND_LINE = new Actor("command-line", "SYSTEM", null);

    private final Importer importer;
    private final Exporter exporter;
    private final ApplicationArguments arguments;
    private final ConfigurableApplicationContext context;
    private final Clock clock;

    TransferCommandLine(Importer importer, Exporter exporter, ApplicationArguments arguments,
                        ConfigurableApplicationContext context, Clock clock) {
        this.importer = importer;
        this.exporter = exporter;
        this.arguments = arguments;
        this.context = context;
        this.clock = clock;
    }

    /** After everything else that runs on start (the demo dataset included). */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void run() {
        List<String> imports = values("import");
        List<String> exports = values("export");
        if (imports.isEmpty() && exports.isEmpty()) {
            return;
        }
        int exitCode = 0;
        try {
            exitCode = imports.isEmpty() ? 0 : importAll(imports);
            if (exitCode == 0) {
                exportAll(exports);
            }
        } catch (RuntimeException e) {
            log.error("The command line import/export failed: {}", e.getMessage());
            exitCode = 1;
        }
        int code = exitCode;
        System.exit(SpringApplication.exit(context, () -> code));
    }

    private int importAll(List<String> files) {
        importer.awaitMunicipalityOrganisations();
        String sourceDate = single("source-date");
        for (String value : files) {
            Target target = Target.of(value, "import");
            try (Reader csv = Files.newBufferedReader(target.path(), StandardCharsets.UTF_8)) {
                ImportReport report = importer.importCsv(COMMAND_LINE, new Importer.Request(
                        target.kind(), target.path().getFileName().toString(),
                        sourceDate == null ? null : LocalDate.parse(sourceDate), arguments.containsOption("dry-run"),
                        arguments.containsOption("accept-valid-rows")), csv);
                long millis = Duration.between(report.startedAt(), report.finishedAt()).toMillis();
                System.out.println(target.path() + ": " + report.status() + ", " + report.rows() + " rows, "
                                   + report.recorded() + " recorded, " + report.alreadyRecorded()
                                   + " already recorded, " + report.rejected().size() + " rejected, in " + millis
                                   + " ms (" + report.recorded() * 1000 / Math.max(1, millis) + " rows/s recorded)");
                report.rejected().forEach(r -> System.out.println("  line " + r.line() + ": " + r.code() + " "
                                                                  + r.reason()));
                if (report.status() != ImportReport.Status.RECORDED && report.status() != ImportReport.Status.CHECKED) {
                    return 1;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return 0;
    }

    private void exportAll(List<String> files) {
        String asOf = single("as-of");
        String knownAt = single("known-at");
        for (String value : files) {
            Target target = Target.of(value, "export");
            String csv = TransferController.export(exporter, clock, target.kind(),
                                                   asOf == null ? null : LocalDate.parse(asOf),
                                                   knownAt == null ? null : OffsetDateTime.parse(knownAt));
            try {
                Files.writeString(target.path(), csv, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.out.println(target.path() + ": exported " + target.kind().slug());
        }
    }

    private List<String> values(String option) {
        List<String> values = arguments.getOptionValues(option);
        return values == null ? List.of() : values;
    }

    private String single(String option) {
        List<String> values = values(option);
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** {@code <kind>:<file>}. */
    private record Target(Kind kind, Path path) {
        static Target of(String value, String option) {
            int colon = value.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("--" + option + " takes <kind>:<file>, e.g. organisations:leden.csv");
            }
            return new Target(Kind.of(value.substring(0, colon)), Path.of(value.substring(colon + 1)));
        }
    }
}
