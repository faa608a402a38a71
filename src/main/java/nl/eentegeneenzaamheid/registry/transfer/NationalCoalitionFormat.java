package nl.eentegeneenzaamheid.registry.transfer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.CorrectJoinDate;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.JoinNationalCoalition;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.LeaveCoalition;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionId;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationKind;
import org.springframework.stereotype.Component;

/** {@code orgKey,event,date,reason}: joins (JOIN), leaves (LEAVE) and join-date corrections of the National Coalition. */
@Component
class NationalCoalitionFormat implements Format {

    enum Event { JOIN, LEAVE, CORRECT_JOIN_DATE }

    private static final String MEMBER = "a member of the National Coalition";

    @Override
    public Kind kind() {
        return Kind.NATIONAL_COALITION;
    }

    @Override
    public List<String> columns() {
        return List.of("orgKey", "event", "date", "reason");
    }

    @Override
    public List<String> optionalColumns() {
        return List.of("reason");
    }

    @Override
    public Step plan(Row row, RegistryState state) {
        OrganisationId id = Keys.organisation(row.required("orgKey"));
        Event event = row.requiredEnum("event", Event.class);
        LocalDate date = row.requiredDate("date");
        String reason = row.get("reason");
        RegistryState.Organisation organisation = state.organisation(id.value());
        if (organisation.kind() != OrganisationKind.NATIONAL) {
            throw RegistryException.validation("Only NATIONAL organisations are members of the National Coalition; "
                                               + organisation.name() + " is " + organisation.kind());
        }
        Spans spans = state.nationalMember(id.value());
        String subject = organisation.name() + " (" + id + ")";
        return switch (event) {
            case JOIN -> spans.join(date, subject, MEMBER)
                    ? new Step("joinNationalCoalition", () -> new JoinNationalCoalition(id, date))
                    : Step.ALREADY_RECORDED;
            case LEAVE -> spans.leave(date, subject, MEMBER)
                    ? new Step("leaveCoalition", () -> new LeaveCoalition(CoalitionId.NATIONAL, id, date, reason))
                    : Step.ALREADY_RECORDED;
            case CORRECT_JOIN_DATE -> {
                if (reason == null) {
                    throw RegistryException.validation("reason is required: say why the recorded join date was wrong");
                }
                yield spans.correctJoin(date, subject, MEMBER)
                        ? new Step("correctJoinDate",
                                   () -> new CorrectJoinDate(CoalitionId.NATIONAL, id, date, reason))
                        : Step.ALREADY_RECORDED;
            }
        };
    }

    /** Every membership period as JOIN and LEAVE rows; corrections are already in the periods' dates. */
    @Override
    public List<List<String>> export(RegistryState state, LocalDate asOf, Instant knownAt) {
        return PeriodRows.of(state.coalitionDirectory.membershipPeriods(CoalitionId.NATIONAL, knownAt), asOf);
    }
}
