package nl.eentegeneenzaamheid.registry.transfer;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionDirectory;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationDirectory;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityDirectory;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationDirectory;
import nl.eentegeneenzaamheid.registry.pilot.PilotDirectory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Service;

/**
 * Writes the registry's state in the import formats, so that an export imported into an empty registry gives the
 * same answers. {@code asOf} keeps what happened on or before that day, {@code knownAt} what was recorded by then.
 */
@Service
public class Exporter {

    private final OrganisationDirectory organisations;
    private final MunicipalityDirectory municipalities;
    private final CoalitionDirectory coalitions;
    private final CollaborationDirectory collaborations;
    private final PilotDirectory pilots;
    private final Map<Kind, Format> formats = new EnumMap<>(Kind.class);

    Exporter(OrganisationDirectory organisations, MunicipalityDirectory municipalities, CoalitionDirectory coalitions,
             CollaborationDirectory collaborations, PilotDirectory pilots, List<Format> formats) {
        this.organisations = organisations;
        this.municipalities = municipalities;
        this.coalitions = coalitions;
        this.collaborations = collaborations;
        this.pilots = pilots;
        formats.forEach(f -> this.formats.put(f.kind(), f));
    }

    /** {@code asOf}/{@code knownAt} null: everything as known now. */
    public String exportCsv(Kind kind, LocalDate asOf, Instant knownAt) {
        Format format = formats.get(kind);
        RegistryState state = new RegistryState(organisations, municipalities, coalitions, collaborations, pilots);
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
            printer.printRecord(format.columns());
            for (List<String> row : format.export(state, asOf, knownAt)) {
                printer.printRecord(new ArrayList<>(row));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
