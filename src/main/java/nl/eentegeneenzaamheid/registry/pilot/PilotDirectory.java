package nl.eentegeneenzaamheid.registry.pilot;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import nl.eentegeneenzaamheid.registry.common.Periods;

/**
 * What other features may ask about pilots, on both time axes ({@code knownAt} null: as known now). Every period's
 * subject is the pilot's national partner, except where said otherwise.
 */
public interface PilotDirectory {

    /** Every pilot as known now, with its sites and evaluations, in the order they started. */
    List<PilotView> all();

    /** While each pilot ran as a pilot (RUNNING or EVALUATED): from its start to its conversion or stop; id = pilot id. */
    List<Periods.Period> runningPeriods(Instant knownAt);

    /** Pilots converted into durable projects, from the day of conversion; id = pilot id. */
    List<Periods.Period> projectPeriods(Instant knownAt);

    /** While each pilot or its project existed: from its start until it was stopped; id = pilot id. */
    List<Periods.Period> lifePeriods(Instant knownAt);

    /**
     * Where each pilot ran: id = {@code <pilot id>/<municipality code>}, group = the pilot id, subject = the
     * municipality's code, from the day it ran there until the pilot was stopped.
     */
    List<Periods.Period> municipalityPeriods(Instant knownAt);

    /** Who runs each pilot (fixed when it starts), by pilot id; one query. */
    Map<String, Partners> partners(Collection<String> pilotIds);

    record Partners(String pilotId, String nationalPartnerId, List<String> partnerIds) {
    }
}
