package nl.eentegeneenzaamheid.registry.benchmark;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.eentegeneenzaamheid.registry.common.Commands.Actor;
import nl.eentegeneenzaamheid.registry.transfer.ImportReport;
import nl.eentegeneenzaamheid.registry.transfer.Importer;
import nl.eentegeneenzaamheid.registry.transfer.Kind;
import org.springframework.core.io.ClassPathResource;

/** What a benchmark loads into its registry, through the importer as a programme would load its files. */
interface Dataset {

    /** How the figures name it: x1, x10. */
    String label();

    void load(Importer importer);

    /** The demo's files (docs/demo.md): today's programme, about x1. */
    static Dataset demo() {
        return new Dataset() {
            @Override
            public String label() {
                return "demo";
            }

            @Override
            public void load(Importer importer) {
                importer.awaitMunicipalityOrganisations();
                for (Kind kind : List.of(Kind.ORGANISATIONS, Kind.NATIONAL_COALITION, Kind.MUNICIPALITIES,
                                         Kind.LOCAL_COALITIONS)) {
                    String file = "demo/" + kind.slug() + ".csv";
                    try (Reader csv = new InputStreamReader(new ClassPathResource(file).getInputStream(),
                                                            StandardCharsets.UTF_8)) {
                        imported(importer.importCsv(Actor.SYSTEM, new Importer.Request(kind, file, null, false,
                                                                                         false), csv), file);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
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
