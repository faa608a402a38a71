package nl.eentegeneenzaamheid.registry.coalition;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A coalition as the read model holds it (the GraphQL type {@code Coalition}). {@code lead} is an organisation id;
 * {@code endedOn} and {@code combinedInto} are set once the coalition was combined into another.
 */
@Document(CoalitionView.COLLECTION)
public record CoalitionView(@Id String id, CoalitionKind kind, String name, String municipalityCode, LocalDate foundedOn,
                     LocalCoalitionPhase phase, List<PhaseChange> phaseHistory, String lead, LocalDate leadSince,
                     LocalDate endedOn, String combinedInto, Instant recordedAt) {

    static final String COLLECTION = "coalitions";

    /** One step in a local coalition's phase history; {@code eventId} keeps a replayed event from adding it twice. */
    public record PhaseChange(LocalCoalitionPhase phase, LocalDate on, String eventId) {
    }
}
