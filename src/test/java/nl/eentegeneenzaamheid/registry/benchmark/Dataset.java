package nl.eentegeneenzaamheid.registry.benchmark;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import nl.eentegeneenzaamheid.registry.common.Commands.Actor;
import nl.eentegeneenzaamheid.registry.demo.DatasetGenerator;
import nl.eentegeneenzaamheid.registry.transfer.ImportReport;
import nl.eentegeneenzaamheid.registry.transfer.Importer;
import nl.eentegeneenzaamheid.registry.transfer.Kind;
import org.springframework.util.FileSystemUtils;

/** What a benchmark loads into its registry, through the importer as a programme would load its files. */
interface Dataset {

    /** How the figures name it: x1, x10. */
    String label();

    /** Imports every file the importer knows a format for; returns the kinds of the files it could not import. */
    List<String> load(Importer importer);

    /**
     * A dataset of {@code DatasetGenerator} at {@code scale}, written to a temporary directory and imported file by
     * file in load order.
     */
    static Dataset generated(double scale, long seed) {
        return new Dataset() {
            @Override
            public String label() {
                return "x" + (scale == Math.rint(scale) ? String.valueOf((long) scale) : String.valueOf(scale));
            }

            @Override
            public List<String> load(Importer importer) {
                Path dir;
                try {
                    dir = Files.createTempDirectory("benchmark-dataset");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                try {
                    importer.awaitMunicipalityOrganisations();
                    List<String> skipped = new ArrayList<>();
                    for (DatasetGenerator.DataFile file : DatasetGenerator.write(scale, seed, dir).files()) {
                        Optional<Kind> known = Arrays.stream(Kind.values())
                                                     .filter(k -> k.slug().equals(file.kind())).findFirst();
                        if (known.isEmpty()) {
                            skipped.add(file.kind());
                            continue;
                        }
                        Kind kind = known.get();
                        try (Reader csv = Files.newBufferedReader(file.path(), StandardCharsets.UTF_8)) {
                            imported(importer.importCsv(Actor.SYSTEM, new Importer.Request(
                                    kind, file.path().getFileName().toString(), null, false, false), csv),
                                     file.path().toString());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    return skipped;
                } finally {
                    FileSystemUtils.deleteRecursively(dir.toFile());
                }
            }
        };
    }

    static void imported(ImportReport report, String file) {
        if (report.status() != ImportReport.Status.RECORDED) {
            throw new IllegalStateException(file + " was not imported: " + report);
        }
    }
}
