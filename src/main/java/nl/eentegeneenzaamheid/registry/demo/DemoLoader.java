package nl.eentegeneenzaamheid.registry.demo;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionDirectory;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionId;
import nl.eentegeneenzaamheid.registry.common.Commands.Actor;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityDirectory;
import nl.eentegeneenzaamheid.registry.transfer.ImportReport;
import nl.eentegeneenzaamheid.registry.transfer.Importer;
import nl.eentegeneenzaamheid.registry.transfer.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * With {@code REGISTRY_DEMO=true}, an empty registry loads the demo dataset on start (docs/demo.md): the CSV files
 * under {@code demo/}, imported like any other file, as the system. "Empty" means no membership, programme
 * participation or local coalition recorded yet; the reference municipalities are there in every registry.
 */
@Component
class DemoLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);
    /**
     * In import order: organisations before their memberships, collaborations and pilots, municipalities before
     * their coalitions.
     */
    static final List<Kind> FILES = List.of(Kind.ORGANISATIONS, Kind.NATIONAL_COALITION, Kind.MUNICIPALITIES,
                                            Kind.LOCAL_COALITIONS, Kind.COLLABORATIONS, Kind.PILOTS);

    private final boolean enabled;
    private final Importer importer;
    private final MunicipalityDirectory municipalities;
    private final CoalitionDirectory coalitions;

    DemoLoader(@Value("${registry.demo:false}") boolean enabled, Importer importer,
               MunicipalityDirectory municipalities,
               CoalitionDirectory coalitions) {
        this.enabled = enabled;
        this.importer = importer;
        this.municipalities = municipalities;
        this.coalitions = coalitions;
    }

    /** After the start-up runners, which record the reference municipalities and found the National Coalition. */
    @EventListener(ApplicationReadyEvent.class)
    void loadIntoAnEmptyRegistry() {
        if (!enabled) {
            return;
        }
        if (!coalitions.membershipPeriods(CoalitionId.NATIONAL, null).isEmpty()
            || !municipalities.participationPeriods(null).isEmpty()
            || !coalitions.localCoalitions(null).isEmpty()) {
            log.info("REGISTRY_DEMO is set, but the registry is not empty: the demo dataset is not loaded");
            return;
        }
        importer.awaitMunicipalityOrganisations();
        long start = System.nanoTime();
        int rows = 0;
        for (Kind kind : FILES) {
            String file = "demo/" + kind.slug() + ".csv";
            try (Reader csv = new InputStreamReader(new ClassPathResource(file).getInputStream(),
                                                    StandardCharsets.UTF_8)) {
                ImportReport report = importer.importCsv(Actor.SYSTEM,
                                                         new Importer.Request(kind, file, null, false, false), csv);
                if (report.status() != ImportReport.Status.RECORDED) {
                    throw new IllegalStateException("The demo file " + file + " was not imported: " + report);
                }
                rows += report.rows();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        log.info("Demo dataset loaded: {} rows in {} ms ({} rows/s)", rows, millis,
                 millis == 0 ? rows : rows * 1000L / millis);
    }
}
