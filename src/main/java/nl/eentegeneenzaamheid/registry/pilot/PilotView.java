package nl.eentegeneenzaamheid.registry.pilot;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A pilot (or the project it became) as the read model holds it now (the GraphQL type {@code Pilot}).
 * {@code sites}: where it runs and since when; {@code municipalityCodes} repeats their codes; {@code evaluations}
 * every evaluation, {@code evaluation}/{@code evaluatedOn} the latest. Public for the CSV export, which writes it
 * back as rows.
 */
@Document(PilotView.COLLECTION)
public record PilotView(@Id String id, String title, String nationalPartnerId, List<String> partnerIds,
                        List<Site> sites, List<String> municipalityCodes, PilotStatus status, LocalDate startedOn,
                        String goal, String evaluation, LocalDate evaluatedOn, List<Evaluation> evaluations,
                        LocalDate convertedOn, LocalDate stoppedOn, String stopReason, Instant recordedAt) {

    static final String COLLECTION = "pilots";

    /** The GraphQL type {@code PilotMunicipality}: a municipality where the pilot runs from {@code since}. */
    public record Site(String municipalityCode, LocalDate since) {
    }

    /** One evaluation; {@code recordedAt} lets an export as known at an earlier moment leave out later ones. */
    public record Evaluation(LocalDate on, String outcome, Instant recordedAt) {
    }
}
