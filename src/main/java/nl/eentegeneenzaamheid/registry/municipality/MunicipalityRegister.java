package nl.eentegeneenzaamheid.registry.municipality;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.common.Text;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityCommand.JoinProgramme;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityCommand.LeaveProgramme;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityCommand.MergeMunicipalities;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityCommand.Receiver;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityCommand.RecordMunicipalities;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityCommand.RecordMunicipality;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityCommand.SplitMunicipality;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.MunicipalitiesMerged;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.MunicipalityRecorded;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.MunicipalitySplit;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.ProgrammeJoined;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.ProgrammeLeft;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.Share;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * All municipalities in one aggregate: a reorganisation changes several of them at once, and the event store makes
 * only a single aggregate's commit atomic. Its state is snapshotted (as JSON, hence the field visibility), so that
 * loading it does not replay its whole history.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger", cache = "municipalityRegisterCache")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
                isGetterVisibility = Visibility.NONE)
class MunicipalityRegister {

    static final String ID = "municipality-register";
    private static final Pattern CODE = Pattern.compile("GM\\d{4}");
    private static final int MAX_REASON = 1000;

    @AggregateIdentifier
    private String registerId = ID;
    private Map<String, Entry> municipalities = new HashMap<>();

    /**
     * One municipality as far as decisions need it; {@code joinedOn}/{@code leftOn} are its latest participation
     * period (earlier periods are closed and cannot change any more).
     */
    record Entry(String name, Province province, LocalDate existsFrom, LocalDate dissolvedOn, LocalDate joinedOn,
                 LocalDate leftOn) {

        boolean existsOn(LocalDate date) {
            return (existsFrom == null || !date.isBefore(existsFrom)) && (dissolvedOn == null || date.isBefore(dissolvedOn));
        }

        boolean participating() {
            return joinedOn != null && leftOn == null;
        }

        Entry withDissolvedOn(LocalDate date) {
            return new Entry(name, province, existsFrom, date, joinedOn, leftOn);
        }

        Entry withPeriod(LocalDate joined, LocalDate left) {
            return new Entry(name, province, existsFrom, dissolvedOn, joined, left);
        }
    }

    MunicipalityRegister() {
        // for Axon, and for reading a snapshot
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordMunicipality command) {
        apply(recorded(command));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordMunicipalities command) {
        if (command.municipalities() == null || command.municipalities().isEmpty()) {
            throw RegistryException.validation("municipalities must name at least one municipality");
        }
        Set<String> codes = new HashSet<>();
        List<MunicipalityRecorded> events = new ArrayList<>();
        for (RecordMunicipality municipality : command.municipalities()) {
            MunicipalityRecorded event = recorded(municipality);
            if (!codes.add(event.code())) {
                throw RegistryException.validation("municipalities names " + event.code() + " twice");
            }
            events.add(event);
        }
        events.forEach(AggregateLifecycle::apply);
    }

    private MunicipalityRecorded recorded(RecordMunicipality command) {
        String code = requireCode("code", command.code());
        String name = Text.requireName("name", command.name());
        if (command.province() == null) {
            throw RegistryException.validation("province is required");
        }
        Entry existing = municipalities.get(code);
        if (existing != null) {
            throw RegistryException.conflict("Municipality " + code + " is already recorded (" + existing.name()
                                             + "); a reorganisation is recorded with mergeMunicipalities");
        }
        return new MunicipalityRecorded(code, name, shortName("shortName", command.shortName(), name),
                                        command.province(), command.existsFrom());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(JoinProgramme command) {
        Entry municipality = require(command.code());
        LocalDate joinedOn = requireDate("joinedOn", command.joinedOn());
        if (!municipality.existsOn(joinedOn)) {
            throw RegistryException.validation(describe(command.code(), municipality) + " does not exist on "
                                               + joinedOn + existence(municipality));
        }
        if (municipality.participating()) {
            throw RegistryException.conflict(describe(command.code(), municipality)
                                             + " already takes part in the programme since "
                                             + municipality.joinedOn());
        }
        if (municipality.leftOn() != null && joinedOn.isBefore(municipality.leftOn())) {
            throw RegistryException.conflict(describe(command.code(), municipality) + " took part until "
                                             + municipality.leftOn() + "; it can rejoin on or after that day");
        }
        apply(new ProgrammeJoined(command.code(), joinedOn));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(LeaveProgramme command) {
        Entry municipality = require(command.code());
        LocalDate leftOn = requireDate("leftOn", command.leftOn());
        if (command.reason() != null && command.reason().length() > MAX_REASON) {
            throw RegistryException.validation("reason must be at most " + MAX_REASON + " characters");
        }
        if (!municipality.participating()) {
            throw RegistryException.conflict(describe(command.code(), municipality)
                                             + " does not take part in the programme");
        }
        if (!leftOn.isAfter(municipality.joinedOn())) {
            throw RegistryException.validation("leftOn (" + leftOn + ") must be after joinedOn ("
                                               + municipality.joinedOn() + "): it is the first day "
                                               + command.code() + " no longer takes part");
        }
        if (!municipality.existsOn(leftOn)) {
            throw RegistryException.validation(describe(command.code(), municipality) + " does not exist on "
                                               + leftOn + existence(municipality));
        }
        apply(new ProgrammeLeft(command.code(), leftOn, command.reason()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(MergeMunicipalities command) {
        String intoCode = requireCode("intoCode", command.intoCode());
        String intoName = Text.requireName("intoName", command.intoName());
        LocalDate effectiveOn = requireDate("effectiveOn", command.effectiveOn());
        if (command.province() == null) {
            throw RegistryException.validation("province is required");
        }
        List<String> mergedCodes = distinctCodes("mergedCodes", command.mergedCodes(), intoCode);
        for (String code : mergedCodes) {
            requireDissolvable(code, effectiveOn);
        }
        Entry receiver = municipalities.get(intoCode);
        if (receiver != null) {
            requireReceiver(intoCode, receiver, effectiveOn);
            if (!receiver.name().equals(intoName) || receiver.province() != command.province()) {
                throw RegistryException.validation(intoCode + " is recorded as " + receiver.name() + " ("
                                                   + receiver.province() + "); give that name and province, or a "
                                                   + "new code for a newly formed municipality");
            }
        } else {
            apply(new MunicipalityRecorded(intoCode, intoName, shortName("intoShortName", command.intoShortName(),
                                                                         intoName), command.province(), effectiveOn));
        }
        apply(new MunicipalitiesMerged(intoCode, mergedCodes, effectiveOn));
        carryOverParticipation(mergedCodes, intoCode, effectiveOn);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SplitMunicipality command) {
        String code = requireCode("code", command.code());
        LocalDate effectiveOn = requireDate("effectiveOn", command.effectiveOn());
        requireDissolvable(code, effectiveOn);
        if (command.receivers() == null || command.receivers().size() < 2) {
            throw RegistryException.validation("A split needs at least two receivers; one receiver is a merger");
        }
        distinctCodes("receivers", command.receivers().stream().map(Receiver::code).toList(), code);
        BigDecimal total = BigDecimal.ZERO;
        Receiver main = null;
        boolean tie = false;
        for (Receiver r : command.receivers()) {
            requireReceiver(r.code(), require(r.code()), effectiveOn);
            if (r.addressShare() == null || r.addressShare().signum() <= 0
                || r.addressShare().compareTo(BigDecimal.ONE) > 0) {
                throw RegistryException.validation("The share of " + r.code() + " must be above 0 and at most 1");
            }
            total = total.add(r.addressShare());
            int compared = main == null ? 1 : r.addressShare().compareTo(main.addressShare());
            if (compared > 0) {
                main = r;
                tie = false;
            } else if (compared == 0) {
                tie = true;
            }
        }
        if (total.compareTo(new BigDecimal("1.001")) > 0) {
            throw RegistryException.validation("The shares of a split add up to " + total + ", more than 1");
        }
        if (tie) {
            throw RegistryException.validation("Two receivers have the largest share; participation and the local "
                                               + "coalition go to one of them, so make its share the largest");
        }
        List<Share> shares = command.receivers().stream().map(r -> new Share(r.code(), r.addressShare())).toList();
        apply(new MunicipalitySplit(code, shares, main.code(), effectiveOn));
        carryOverParticipation(List.of(code), main.code(), effectiveOn);
    }

    /** domain.md "A merger": the dissolved ones stop taking part, the receiver takes part from effectiveOn. */
    private void carryOverParticipation(List<String> dissolved, String receiverCode, LocalDate effectiveOn) {
        boolean anyTookPart = false;
        for (String code : dissolved) {
            if (municipalities.get(code).participating()) {
                anyTookPart = true;
                apply(new ProgrammeLeft(code, effectiveOn, "merged into " + receiverCode));
            }
        }
        if (anyTookPart && !municipalities.get(receiverCode).participating()) {
            apply(new ProgrammeJoined(receiverCode, effectiveOn));
        }
    }

    private static String shortName(String what, String given, String name) {
        return given == null ? name : Text.requireName(what, given);
    }

    /** A dissolved municipality must exist then, and its participation must not be dated after its end. */
    private void requireDissolvable(String code, LocalDate effectiveOn) {
        Entry municipality = require(code);
        if (!municipality.existsOn(effectiveOn)) {
            throw RegistryException.validation(describe(code, municipality) + " does not exist on " + effectiveOn
                                               + existence(municipality));
        }
        if (municipality.existsFrom() != null && !municipality.existsFrom().isBefore(effectiveOn)) {
            throw RegistryException.validation(describe(code, municipality) + " only exists from "
                                               + municipality.existsFrom() + "; it cannot be dissolved on that day");
        }
        requireNoParticipationAfter(code, municipality, effectiveOn);
    }

    private void requireReceiver(String code, Entry receiver, LocalDate effectiveOn) {
        if (!receiver.existsOn(effectiveOn)) {
            throw RegistryException.validation(describe(code, receiver) + " does not exist on " + effectiveOn
                                               + existence(receiver) + ", so it cannot receive a municipality");
        }
        requireNoParticipationAfter(code, receiver, effectiveOn);
    }

    /** A participation dated after the reorganisation would have to be undone: refuse rather than guess. */
    private static void requireNoParticipationAfter(String code, Entry municipality, LocalDate effectiveOn) {
        if (municipality.joinedOn() != null && (municipality.joinedOn().isAfter(effectiveOn)
                                                || municipality.leftOn() != null
                                                   && municipality.leftOn().isAfter(effectiveOn))) {
            throw RegistryException.conflict(describe(code, municipality) + " has programme participation recorded "
                                             + "after " + effectiveOn + " (joined " + municipality.joinedOn()
                                             + (municipality.leftOn() == null ? "" : ", left " + municipality.leftOn())
                                             + "); a reorganisation cannot take effect before that");
        }
    }

    private List<String> distinctCodes(String what, List<String> codes, String excluded) {
        if (codes == null || codes.isEmpty()) {
            throw RegistryException.validation(what + " must name at least one municipality");
        }
        Set<String> seen = new HashSet<>();
        List<String> result = new ArrayList<>();
        for (String code : codes) {
            requireCode(what, code);
            if (code.equals(excluded)) {
                throw RegistryException.validation(what + " must not include " + excluded + " itself");
            }
            if (!seen.add(code)) {
                throw RegistryException.validation(what + " names " + code + " twice");
            }
            result.add(code);
        }
        return result;
    }

    private Entry require(String code) {
        requireCode("municipalityCode", code);
        Entry municipality = municipalities.get(code);
        if (municipality == null) {
            throw RegistryException.notFound("No municipality with code " + code
                                             + " (use the CBS code, e.g. GM0363)");
        }
        return municipality;
    }

    private static String requireCode(String what, String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw RegistryException.validation(what + " must be a CBS code, GM and four digits (e.g. GM0363); got "
                                               + (code == null ? "nothing" : "\"" + abbreviate(code) + "\""));
        }
        return code;
    }

    private static LocalDate requireDate(String what, LocalDate date) {
        if (date == null) {
            throw RegistryException.validation(what + " is required");
        }
        return date;
    }

    private static String describe(String code, Entry municipality) {
        return municipality.name() + " (" + code + ")";
    }

    private static String existence(Entry municipality) {
        String from = municipality.existsFrom() == null ? "" : " from " + municipality.existsFrom();
        String until = municipality.dissolvedOn() == null ? "" : " until (not including) " + municipality.dissolvedOn();
        return from.isEmpty() && until.isEmpty() ? "" : ": it exists" + from + until;
    }

    private static String abbreviate(String value) {
        return value.length() > 20 ? value.substring(0, 20) + "..." : value;
    }

    @EventSourcingHandler
    void on(MunicipalityRecorded event) {
        municipalities.put(event.code(), new Entry(event.name(), event.province(), event.existsFrom(), null, null,
                                                   null));
    }

    @EventSourcingHandler
    void on(ProgrammeJoined event) {
        municipalities.computeIfPresent(event.code(), (code, m) -> m.withPeriod(event.joinedOn(), null));
    }

    @EventSourcingHandler
    void on(ProgrammeLeft event) {
        municipalities.computeIfPresent(event.code(), (code, m) -> m.withPeriod(m.joinedOn(), event.leftOn()));
    }

    @EventSourcingHandler
    void on(MunicipalitiesMerged event) {
        event.mergedCodes().forEach(code -> municipalities.computeIfPresent(
                code, (c, m) -> m.withDissolvedOn(event.effectiveOn())));
    }

    @EventSourcingHandler
    void on(MunicipalitySplit event) {
        municipalities.computeIfPresent(event.code(), (c, m) -> m.withDissolvedOn(event.effectiveOn()));
    }
}
