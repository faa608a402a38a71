package nl.eentegeneenzaamheid.registry.collaboration;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import nl.eentegeneenzaamheid.registry.common.Periods;

/** What other features may ask about collaborations; {@code knownAt} null means as known now. */
public interface CollaborationDirectory {

    /**
     * When collaborations ran: one period per collaboration that became ACTIVE, id = the collaboration id, group
     * {@code collaborations}, subject = the proposer, from the day it became active until the day it ended.
     */
    List<Periods.Period> activePeriods(Instant knownAt);

    /** Every collaboration as known now, with its parties' answers, in the order they were proposed. */
    List<CollaborationView> all();

    /** Who takes part and where, by collaboration id; both are fixed when it is proposed. One query. */
    Map<String, Parties> parties(Collection<String> collaborationIds);

    /** A collaboration's parties (the proposer first) and the municipalities where it takes place. */
    record Parties(String collaborationId, String proposedBy, List<String> partyIds, List<String> municipalityCodes) {
    }
}
