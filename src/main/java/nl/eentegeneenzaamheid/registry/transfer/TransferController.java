package nl.eentegeneenzaamheid.registry.transfer;

import java.io.StringReader;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import nl.eentegeneenzaamheid.registry.common.Access;
import nl.eentegeneenzaamheid.registry.common.TimeAxes;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class TransferController {

    private final Importer importer;
    private final Exporter exporter;
    private final Access access;
    private final Clock clock;

    TransferController(Importer importer, Exporter exporter, Access access, Clock clock) {
        this.importer = importer;
        this.exporter = exporter;
        this.access = access;
        this.clock = clock;
    }

    @MutationMapping
    ImportReport importCsv(@Argument Kind kind, @Argument String csv, @Argument String source,
                           @Argument LocalDate sourceDate, @Argument Boolean dryRun,
                           @Argument Boolean acceptValidRows) {
        return importer.importCsv(access.programmeTeam(),
                                  new Importer.Request(kind, source, sourceDate, Boolean.TRUE.equals(dryRun),
                                                       Boolean.TRUE.equals(acceptValidRows)),
                                  new StringReader(csv));
    }

    @QueryMapping
    List<ImportReport> imports() {
        access.programmeTeamOrAuditor();
        return importer.reports();
    }

    @QueryMapping
    String exportCsv(@Argument Kind kind, @Argument LocalDate asOf, @Argument OffsetDateTime knownAt) {
        access.programmeTeamOrAuditor();
        return export(exporter, clock, kind, asOf, knownAt);
    }

    /** Neither axis given: everything as known now, future-dated facts included (unlike a count "today"). */
    static String export(Exporter exporter, Clock clock, Kind kind, LocalDate asOf, OffsetDateTime knownAt) {
        if (asOf == null && knownAt == null) {
            return exporter.exportCsv(kind, null, null);
        }
        TimeAxes axes = TimeAxes.of(asOf, knownAt, clock);
        return exporter.exportCsv(kind, axes.asOf(), axes.knownAt());
    }
}
