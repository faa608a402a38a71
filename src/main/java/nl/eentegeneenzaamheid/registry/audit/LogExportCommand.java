package nl.eentegeneenzaamheid.registry.audit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import nl.eentegeneenzaamheid.registry.eventstore.CommitLog;
import nl.eentegeneenzaamheid.registry.eventstore.LogStore;
import nl.eentegeneenzaamheid.registry.eventstore.StoreProperties;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * {@code java -jar registry.jar --export-log=<file> [--from=<position>] [--to=<position>]}: writes the log as NDJSON
 * without starting the registry (no web server, no processors, nothing written to the store). It reads the same
 * configuration as the registry (application.yml, {@code REGISTRY_DATA_DIR}, {@code MONGODB_URI}, command-line
 * {@code --registry.*}), so it opens the same store. The embedded store's file can be open in one process only: stop
 * the registry first, or use {@code GET /audit/log.ndjson} while it runs.
 */
public final class LogExportCommand {

    private static final String EXPORT = "--export-log=";

    private LogExportCommand() {
    }

    public static boolean requested(String[] args) {
        return Arrays.stream(args).anyMatch(arg -> arg.startsWith(EXPORT));
    }

    /** Runs the export; returns the process exit code (0 done, 1 failed, 2 wrong arguments). */
    public static int run(String[] args, PrintStream messages) {
        Path file;
        Long from;
        Long to;
        try {
            file = Path.of(option(args, EXPORT));
            from = position(args, "--from=");
            to = position(args, "--to=");
            if (from != null && to != null && to < from) {
                throw new IllegalArgumentException("--to must not lie before --from");
            }
        } catch (IllegalArgumentException e) {
            messages.println("Wrong arguments: " + e.getMessage() + ". Usage: java -jar registry.jar "
                             + "--export-log=<file> [--from=<position>] [--to=<position>]");
            return 2;
        }
        SpringApplication configuration = new SpringApplication(LogExportCommand.class);
        configuration.setWebApplicationType(WebApplicationType.NONE);
        configuration.setBannerMode(Banner.Mode.OFF);
        configuration.setLogStartupInfo(false);
        try (ConfigurableApplicationContext context = configuration.run(args)) {
            Environment environment = context.getEnvironment();
            StoreProperties properties = Binder.get(environment).bind("registry", StoreProperties.class).get();
            String database = environment.getProperty("spring.data.mongodb.database", "registry");
            try (LogStore store = LogStore.open(properties, database);
                 OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                LogExport.Summary summary = new LogExport(new CommitLog(store.database())).write(from, to, out);
                messages.printf("Exported %d events (positions %d to %d) to %s; the last hash is %s%n",
                                summary.events(), summary.firstPosition(), summary.lastPosition(),
                                file.toAbsolutePath(), summary.lastHash());
                return 0;
            }
        } catch (IOException | RuntimeException e) {
            messages.println("The export failed: " + e.getMessage() + (usesMongoDbUri(args)
                    ? "" : " (with the embedded store, stop the registry first: its files are open in one process "
                           + "only; or use GET /audit/log.ndjson while it runs)"));
            return 1;
        }
    }

    private static boolean usesMongoDbUri(String[] args) {
        return Arrays.stream(args).anyMatch(arg -> arg.startsWith("--registry.mongodb-uri="))
               || System.getenv("MONGODB_URI") != null && !System.getenv("MONGODB_URI").isBlank();
    }

    private static String option(String[] args, String prefix) {
        return Arrays.stream(args).filter(arg -> arg.startsWith(prefix)).map(arg -> arg.substring(prefix.length()))
                     .filter(value -> !value.isBlank()).findFirst()
                     .orElseThrow(() -> new IllegalArgumentException(prefix + " needs a file name"));
    }

    private static Long position(String[] args, String prefix) {
        String value = Arrays.stream(args).filter(arg -> arg.startsWith(prefix))
                             .map(arg -> arg.substring(prefix.length())).findFirst().orElse(null);
        if (value == null) {
            return null;
        }
        try {
            long position = Long.parseLong(value.trim());
            if (position < 1) {
                throw new IllegalArgumentException(prefix + " must be a position of 1 or more, got " + value);
            }
            return position;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(prefix + " must be a whole position, got " + value);
        }
    }
}
