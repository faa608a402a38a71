package nl.eentegeneenzaamheid.registry.transfer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import nl.eentegeneenzaamheid.registry.common.Periods.Period;

/** Periods written as JOIN and LEAVE rows of {@code key,event,date,reason}, as far as they lie on or before asOf. */
final class PeriodRows {

    private PeriodRows() {
    }

    static List<List<String>> of(List<Period> periods, LocalDate asOf) {
        List<String[]> rows = new ArrayList<>();
        for (Period p : periods) {
            if (asOf == null || !p.validFrom().isAfter(asOf)) {
                rows.add(new String[] {p.subject(), "JOIN", p.validFrom().toString()});
                if (p.validTo() != null && (asOf == null || !p.validTo().isAfter(asOf))) {
                    rows.add(new String[] {p.subject(), "LEAVE", p.validTo().toString()});
                }
            }
        }
        // By date; on one day a leave before a join (a rejoin may start the day the previous period ended).
        rows.sort(Comparator.comparing((String[] r) -> r[2]).thenComparing(r -> r[1].equals("JOIN"))
                            .thenComparing(r -> r[0]));
        return rows.stream().map(r -> List.of(r[0], r[1], r[2], "")).toList();
    }
}
