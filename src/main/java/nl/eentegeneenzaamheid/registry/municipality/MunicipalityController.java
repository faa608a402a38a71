package nl.eentegeneenzaamheid.registry.municipality;

import nl.eentegeneenzaamheid.registry.common.Access;
import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.eentegeneenzaamheid.registry.common.Commands;
import nl.eentegeneenzaamheid.registry.common.Periods.Period;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.common.Text;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityCommand.JoinProgramme;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityCommand.LeaveProgramme;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityCommand.MergeMunicipalities;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityCommand.RecordMunicipality;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class MunicipalityController {

    private final Access access;

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final Comparator<MunicipalityView> BY_NAME =
            Comparator.comparing((MunicipalityView m) -> Text.searchKey(m.name())).thenComparing(MunicipalityView::code);

    private final Commands commands;
    private final MunicipalityProjection municipalities;
    private final Clock clock;

    MunicipalityController(Commands commands, MunicipalityProjection municipalities, Clock clock, Access access) {
        this.access = access;
        this.commands = commands;
        this.municipalities = municipalities;
        this.clock = clock;
    }

    @QueryMapping
    MunicipalityView municipality(@Argument String code) {
        return municipalities.find(code).orElse(null);
    }

    @QueryMapping
    List<MunicipalityView> municipalities(@Argument Province province, @Argument Boolean participating,
                                          @Argument LocalDate asOf, GraphQLContext context) {
        LocalDate day = orToday(asOf);
        Map<String, List<Period>> periods = participation(context);
        return municipalities.all().stream()
                             .filter(m -> m.existsOn(day))
                             .filter(m -> province == null || m.province() == province)
                             .filter(m -> participating == null || participating == participates(periods, m, day))
                             .sorted(BY_NAME)
                             .toList();
    }

    @MutationMapping
    MunicipalityView recordMunicipality(@Argument String code, @Argument String name, @Argument String shortName,
                                        @Argument Province province, @Argument LocalDate existsFrom,
                                        @Argument String requestId, DataFetchingEnvironment env) {
        commands.send(access.programmeTeam(), requestId, "recordMunicipality", env.getArguments(),
                      () -> new RecordMunicipality(code, name, shortName, province, existsFrom));
        return read(code);
    }

    @MutationMapping
    MunicipalityView mergeMunicipalities(@Argument String intoCode, @Argument String intoName,
                                         @Argument String intoShortName, @Argument Province province,
                                         @Argument List<String> mergedCodes, @Argument LocalDate effectiveOn,
                                         @Argument String requestId, DataFetchingEnvironment env) {
        commands.send(access.programmeTeam(), requestId, "mergeMunicipalities", env.getArguments(),
                      () -> new MergeMunicipalities(intoCode, intoName, intoShortName, province, mergedCodes,
                                                    effectiveOn));
        return read(intoCode);
    }

    @MutationMapping
    MunicipalityView joinProgramme(@Argument String municipalityCode, @Argument LocalDate joinedOn,
                                   @Argument String requestId, DataFetchingEnvironment env) {
        commands.send(access.programmeTeam(), requestId, "joinProgramme", env.getArguments(),
                      () -> new JoinProgramme(municipalityCode, joinedOn));
        return read(municipalityCode);
    }

    @MutationMapping
    MunicipalityView leaveProgramme(@Argument String municipalityCode, @Argument LocalDate leftOn,
                                    @Argument String reason, @Argument String requestId,
                                    DataFetchingEnvironment env) {
        commands.send(access.programmeTeam(), requestId, "leaveProgramme", env.getArguments(),
                      () -> new LeaveProgramme(municipalityCode, leftOn, reason));
        return read(municipalityCode);
    }

    private MunicipalityView read(String code) {
        return municipalities.find(code).orElseThrow(() -> RegistryException.notFound(
                "No municipality with code " + code + " (use the CBS code, e.g. GM0363)"));
    }

    @SchemaMapping(typeName = "Municipality")
    boolean participating(MunicipalityView municipality, @Argument LocalDate asOf, GraphQLContext context) {
        return participates(participation(context), municipality, orToday(asOf));
    }

    @SchemaMapping(typeName = "Municipality")
    boolean existsOn(MunicipalityView municipality, @Argument LocalDate asOf) {
        return municipality.existsOn(orToday(asOf));
    }

    @SchemaMapping(typeName = "Municipality")
    LocalDate mergedOn(MunicipalityView municipality) {
        return municipality.dissolvedOn();
    }

    @BatchMapping(typeName = "Municipality")
    Map<MunicipalityView, MunicipalityView> mergedInto(List<MunicipalityView> dissolved) {
        Map<String, MunicipalityView> receivers = municipalities.findAll(
                dissolved.stream().map(MunicipalityView::mergedInto).filter(c -> c != null).distinct().toList());
        Map<MunicipalityView, MunicipalityView> result = new LinkedHashMap<>();
        dissolved.forEach(m -> {
            if (m.mergedInto() != null && receivers.containsKey(m.mergedInto())) {
                result.put(m, receivers.get(m.mergedInto()));
            }
        });
        return result;
    }

    @BatchMapping(typeName = "Municipality")
    Map<MunicipalityView, List<MunicipalityView>> predecessors(List<MunicipalityView> receivers) {
        Map<String, MunicipalityView> found = municipalities.findAll(
                receivers.stream().flatMap(m -> predecessorsOf(m).stream()).distinct().toList());
        Map<MunicipalityView, List<MunicipalityView>> result = new LinkedHashMap<>();
        receivers.forEach(m -> result.put(m, predecessorsOf(m).stream().map(found::get).filter(p -> p != null)
                                                              .sorted(BY_NAME).toList()));
        return result;
    }

    private static List<String> predecessorsOf(MunicipalityView municipality) {
        return municipality.predecessors() == null ? List.of() : municipality.predecessors();
    }

    /** All participation periods as known now, read once per request however many municipalities it shows. */
    private Map<String, List<Period>> participation(GraphQLContext context) {
        return context.computeIfAbsent("municipality.participation", key -> municipalities.participationPeriods(null)
                .stream().collect(Collectors.groupingBy(Period::subject)));
    }

    private static boolean participates(Map<String, List<Period>> periods, MunicipalityView municipality,
                                        LocalDate day) {
        return periods.getOrDefault(municipality.code(), List.of()).stream().anyMatch(p -> p.validOn(day));
    }

    private LocalDate orToday(LocalDate asOf) {
        return asOf != null ? asOf : LocalDate.now(clock.withZone(AMSTERDAM));
    }
}
