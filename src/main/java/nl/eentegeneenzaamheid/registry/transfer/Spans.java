package nl.eentegeneenzaamheid.registry.transfer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import nl.eentegeneenzaamheid.registry.common.RegistryException;

/**
 * The periods of one subject (a member of a coalition, a municipality in the programme) during an import's dry run.
 * Joining and leaving check what the aggregates will check, so that a file is judged whole before anything is
 * recorded; the aggregates decide again when the rows are sent. A row whose period is already there is recorded.
 */
final class Spans {

    private final List<LocalDate[]> spans = new ArrayList<>();

    void add(LocalDate joinedOn, LocalDate leftOn) {
        spans.add(new LocalDate[] {joinedOn, leftOn});
        spans.sort(Comparator.comparing(s -> s[0]));
    }

    /** @return false when a period starting on {@code on} is already there */
    boolean join(LocalDate on, String subject, String what) {
        if (spans.stream().anyMatch(s -> s[0].equals(on))) {
            return false;
        }
        LocalDate[] last = last();
        if (last != null && last[1] == null) {
            throw RegistryException.conflict(subject + " is already " + what + " since " + last[0]
                                             + "; it can rejoin only after leaving");
        }
        if (last != null && on.isBefore(last[1])) {
            throw RegistryException.validation("A new period cannot overlap the previous one: " + subject
                                               + " can rejoin on or after " + last[1]);
        }
        add(on, null);
        return true;
    }

    /** @return false when a period ending on {@code on} is already there */
    boolean leave(LocalDate on, String subject, String what) {
        if (spans.stream().anyMatch(s -> on.equals(s[1]))) {
            return false;
        }
        LocalDate[] last = last();
        if (last == null || last[1] != null) {
            throw RegistryException.conflict(subject + " is not " + what
                                             + (last == null ? "" : " (it left on " + last[1] + ")"));
        }
        if (!on.isAfter(last[0])) {
            throw RegistryException.validation("The leaving date is the first day " + subject + " no longer is "
                                               + what + " and must be after its joining date " + last[0] + "; got "
                                               + on);
        }
        last[1] = on;
        return true;
    }

    /** @return false when the latest period already starts on {@code on} */
    boolean correctJoin(LocalDate on, String subject, String what) {
        LocalDate[] last = last();
        if (last == null) {
            throw RegistryException.conflict(subject + " has never been " + what + "; there is no date to correct");
        }
        if (last[0].equals(on)) {
            return false;
        }
        if (last[1] != null && !on.isBefore(last[1])) {
            throw RegistryException.validation("The corrected date must be before the period's end " + last[1]);
        }
        if (spans.size() > 1 && on.isBefore(spans.get(spans.size() - 2)[1])) {
            throw RegistryException.validation("The corrected date would overlap the previous period, which ended on "
                                               + spans.get(spans.size() - 2)[1]);
        }
        last[0] = on;
        return true;
    }

    /** The start of the period open on {@code day}, or null. */
    LocalDate openSince(LocalDate day) {
        LocalDate[] last = last();
        return last != null && last[1] == null && !day.isBefore(last[0]) ? last[0] : null;
    }

    private LocalDate[] last() {
        return spans.isEmpty() ? null : spans.get(spans.size() - 1);
    }
}
