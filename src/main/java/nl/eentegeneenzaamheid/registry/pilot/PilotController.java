package nl.eentegeneenzaamheid.registry.pilot;

import graphql.schema.DataFetchingEnvironment;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import nl.eentegeneenzaamheid.registry.common.Access;
import nl.eentegeneenzaamheid.registry.common.Batches;
import nl.eentegeneenzaamheid.registry.common.Commands;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityDirectory;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityView;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationDirectory;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationView;
import nl.eentegeneenzaamheid.registry.pilot.PilotCommand.ConvertPilotToProject;
import nl.eentegeneenzaamheid.registry.pilot.PilotCommand.EvaluatePilot;
import nl.eentegeneenzaamheid.registry.pilot.PilotCommand.ExtendPilot;
import nl.eentegeneenzaamheid.registry.pilot.PilotCommand.StartPilot;
import nl.eentegeneenzaamheid.registry.pilot.PilotCommand.StopPilot;
import nl.eentegeneenzaamheid.registry.pilot.PilotView.Site;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class PilotController {

    private final Commands commands;
    private final PilotProjection pilots;
    private final OrganisationDirectory organisations;
    private final MunicipalityDirectory municipalities;
    private final Access access;

    PilotController(Commands commands, PilotProjection pilots, OrganisationDirectory organisations,
                    MunicipalityDirectory municipalities, Access access) {
        this.commands = commands;
        this.pilots = pilots;
        this.organisations = organisations;
        this.municipalities = municipalities;
        this.access = access;
    }

    @QueryMapping
    PilotView pilot(@Argument String id) {
        return pilots.find(id).orElse(null);
    }

    @QueryMapping
    List<PilotView> pilots(@Argument PilotStatus status) {
        return pilots.withStatus(status);
    }

    @MutationMapping
    PilotView startPilot(@Argument String title, @Argument String nationalPartnerId, @Argument List<String> partnerIds,
                         @Argument List<String> municipalityCodes, @Argument LocalDate startedOn,
                         @Argument String goal, @Argument String requestId, DataFetchingEnvironment env) {
        OrganisationId partner = organisationId("nationalPartnerId", nationalPartnerId);
        List<OrganisationId> partners = partnerIds == null ? List.of()
                : partnerIds.stream().map(id -> organisationId("partnerIds", id)).toList();
        String id = commands.send(access.programmeTeam(), requestId, "startPilot", env.getArguments(),
                                  () -> new StartPilot(PilotId.generate(), title, partner, partners,
                                                       municipalityCodes, startedOn, goal));
        return read(id);
    }

    @MutationMapping
    PilotView extendPilot(@Argument String pilotId, @Argument List<String> municipalityCodes, @Argument LocalDate on,
                          @Argument String requestId, DataFetchingEnvironment env) {
        commands.send(access.programmeTeam(), requestId, "extendPilot", env.getArguments(),
                      () -> new ExtendPilot(pilotId(pilotId), municipalityCodes, on));
        return read(pilotId);
    }

    @MutationMapping
    PilotView evaluatePilot(@Argument String pilotId, @Argument LocalDate on, @Argument String outcome,
                            @Argument String requestId, DataFetchingEnvironment env) {
        commands.send(access.programmeTeam(), requestId, "evaluatePilot", env.getArguments(),
                      () -> new EvaluatePilot(pilotId(pilotId), on, outcome));
        return read(pilotId);
    }

    @MutationMapping
    PilotView convertPilotToProject(@Argument String pilotId, @Argument LocalDate on, @Argument String requestId,
                                    DataFetchingEnvironment env) {
        commands.send(access.programmeTeam(), requestId, "convertPilotToProject", env.getArguments(),
                      () -> new ConvertPilotToProject(pilotId(pilotId), on));
        return read(pilotId);
    }

    @MutationMapping
    PilotView stopPilot(@Argument String pilotId, @Argument LocalDate on, @Argument String reason,
                        @Argument String requestId, DataFetchingEnvironment env) {
        commands.send(access.programmeTeam(), requestId, "stopPilot", env.getArguments(),
                      () -> new StopPilot(pilotId(pilotId), on, reason));
        return read(pilotId);
    }

    private PilotView read(String id) {
        return pilots.find(id).orElseThrow(() -> RegistryException.notFound("No pilot with id " + id));
    }

    private static PilotId pilotId(String id) {
        if (id == null || id.isBlank()) {
            throw RegistryException.validation("pilotId cannot be empty");
        }
        return new PilotId(id);
    }

    private static OrganisationId organisationId(String what, String id) {
        if (id == null || id.isBlank()) {
            throw RegistryException.validation(what + " cannot contain an empty organisation id");
        }
        return new OrganisationId(id);
    }

    @BatchMapping(typeName = "Organisation")
    Map<OrganisationView, List<PilotView>> pilots(List<OrganisationView> sources) {
        List<PilotView> found = pilots.ofOrganisations(sources.stream().map(OrganisationView::id).toList());
        Map<OrganisationView, List<PilotView>> result = new LinkedHashMap<>();
        sources.forEach(o -> result.put(o, found.stream().filter(
                p -> p.nationalPartnerId().equals(o.id()) || p.partnerIds().contains(o.id())).toList()));
        return result;
    }

    @BatchMapping(typeName = "Pilot")
    Map<PilotView, OrganisationView> nationalPartner(List<PilotView> sources) {
        return Batches.resolve(sources, PilotView::nationalPartnerId, organisations::findAll);
    }

    @BatchMapping(typeName = "Pilot")
    Map<PilotView, List<OrganisationView>> partners(List<PilotView> sources) {
        Map<String, OrganisationView> found = organisations.findAll(
                sources.stream().flatMap(p -> p.partnerIds().stream()).collect(Collectors.toSet()));
        Map<PilotView, List<OrganisationView>> result = new LinkedHashMap<>();
        sources.forEach(p -> result.put(p, p.partnerIds().stream().map(found::get).filter(Objects::nonNull).toList()));
        return result;
    }

    @BatchMapping(typeName = "Pilot")
    Map<PilotView, List<MunicipalityView>> municipalities(List<PilotView> sources) {
        Map<String, MunicipalityView> found = municipalities.findAll(
                sources.stream().flatMap(p -> p.municipalityCodes().stream()).collect(Collectors.toSet()));
        Map<PilotView, List<MunicipalityView>> result = new LinkedHashMap<>();
        sources.forEach(p -> result.put(p, p.municipalityCodes().stream().map(found::get).filter(Objects::nonNull)
                                            .toList()));
        return result;
    }

    @BatchMapping(typeName = "PilotMunicipality")
    Map<Site, MunicipalityView> municipality(List<Site> sites) {
        return Batches.resolve(sites, Site::municipalityCode, municipalities::findAll);
    }
}
