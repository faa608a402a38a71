package nl.eentegeneenzaamheid.registry.collaboration;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A collaboration as the read model holds it (the GraphQL type {@code Collaboration}), as known now.
 * {@code partyIds} repeats the parties' ids so that one {@code $in} query finds an organisation's collaborations;
 * {@code activeFrom} is the day it became ACTIVE. Public for the CSV export, which writes it back as rows.
 */
@Document(CollaborationView.COLLECTION)
public record CollaborationView(@Id String id, String title, String description, String proposedBy,
                                List<Party> parties, List<String> partyIds, List<String> municipalityCodes,
                                CollaborationStatus status, LocalDate startsOn, LocalDate activeFrom,
                                LocalDate endedOn, String endReason, Instant recordedAt) {

    static final String COLLECTION = "collaborations";

    /**
     * The GraphQL type {@code CollaborationParty}, with its answer: {@code declined} (a wrapper, null in documents
     * written before it was kept) with its {@code reason}, and {@code answeredAt}, when the answer was recorded (the
     * proposal, for the proposer), so that an export as known at an earlier moment leaves out later answers.
     */
    public record Party(String organisationId, boolean confirmed, Boolean declined, String reason,
                        Instant answeredAt) {

        public boolean hasDeclined() {
            return Boolean.TRUE.equals(declined);
        }
    }
}
