package nl.eentegeneenzaamheid.registry.coalition;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import nl.eentegeneenzaamheid.registry.common.Periods;

/** What other features may ask about coalitions; {@code knownAt} null means as known now. */
public interface CoalitionDirectory {

    /** Every membership period of the coalition: group = the coalition id, subject = the organisation id. */
    List<Periods.Period> membershipPeriods(CoalitionId coalitionId, Instant knownAt);

    /** Every membership period of every local coalition: group = the coalition id, subject = the organisation id. */
    List<Periods.Period> localMembershipPeriods(Instant knownAt);

    List<LocalCoalitionView> localCoalitions(Instant knownAt);

    /**
     * Where local coalitions existed: group {@code local-coalitions}, subject = municipality
     * code, id = {@code <coalitionId>/<municipality code>}. A coalition moved by a reorganisation has one period per
     * municipality; a combined one's last period ends on the day it was combined.
     */
    List<Periods.Period> localCoalitionPeriods(Instant knownAt);

    Optional<CoalitionView> find(String id);

    /** Every membership period of the coalition as known at {@code knownAt}, with party type and role. */
    List<MembershipView> membershipHistory(String coalitionId, Instant knownAt);
}
