package nl.eentegeneenzaamheid.registry.transfer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityCommand.JoinProgramme;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityCommand.LeaveProgramme;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityView;
import org.springframework.stereotype.Component;

/** {@code municipalityCode,event,date,reason}: municipalities signing up for the programme (JOIN) and leaving it (LEAVE). */
@Component
class MunicipalitiesFormat implements Format {

    enum Event { JOIN, LEAVE }

    private static final String TAKING_PART = "taking part in the programme";

    @Override
    public Kind kind() {
        return Kind.MUNICIPALITIES;
    }

    @Override
    public List<String> columns() {
        return List.of("municipalityCode", "event", "date", "reason");
    }

    @Override
    public List<String> optionalColumns() {
        return List.of("reason");
    }

    @Override
    public Step plan(Row row, RegistryState state) {
        String code = row.required("municipalityCode");
        Event event = row.requiredEnum("event", Event.class);
        LocalDate date = row.requiredDate("date");
        String reason = row.get("reason");
        MunicipalityView municipality = state.municipality(code);
        String subject = municipality.name() + " (" + code + ")";
        if (!municipality.existsOn(date)) {
            throw RegistryException.validation(subject + " does not exist on " + date
                                               + (municipality.dissolvedOn() == null ? ""
                                                       : ": it was dissolved on " + municipality.dissolvedOn()
                                                         + " into " + municipality.mergedInto()));
        }
        Spans spans = state.participation(code);
        return switch (event) {
            case JOIN -> spans.join(date, subject, TAKING_PART)
                    ? new Step("joinProgramme", () -> new JoinProgramme(code, date)) : Step.ALREADY_RECORDED;
            case LEAVE -> spans.leave(date, subject, TAKING_PART)
                    ? new Step("leaveProgramme", () -> new LeaveProgramme(code, date, reason))
                    : Step.ALREADY_RECORDED;
        };
    }

    @Override
    public List<List<String>> export(RegistryState state, LocalDate asOf, Instant knownAt) {
        return PeriodRows.of(state.municipalityDirectory.participationPeriods(knownAt), asOf);
    }
}
