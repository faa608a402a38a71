package nl.eentegeneenzaamheid.registry.organisation;

import nl.eentegeneenzaamheid.registry.common.Access;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import graphql.schema.DataFetchingEnvironment;
import nl.eentegeneenzaamheid.registry.common.Batches;
import nl.eentegeneenzaamheid.registry.common.Commands;
import nl.eentegeneenzaamheid.registry.common.Commands.Actor;
import nl.eentegeneenzaamheid.registry.common.Cursors;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityDirectory;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityView;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationCommand.RegisterOrganisation;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationCommand.RenameOrganisation;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationCommand.UpdateOrganisation;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class OrganisationController {

    private final Access access;

    private final Commands commands;
    private final OrganisationProjection organisations;
    private final MunicipalityDirectory municipalities;

    OrganisationController(Commands commands, OrganisationProjection organisations,
                           MunicipalityDirectory municipalities, Access access) {
        this.access = access;
        this.commands = commands;
        this.organisations = organisations;
        this.municipalities = municipalities;
    }

    @QueryMapping
    OrganisationView organisation(@Argument String id) {
        return organisations.find(id).orElse(null);
    }

    @QueryMapping
    Map<String, Object> organisations(@Argument String search, @Argument OrganisationKind kind,
                                      @Argument Sector sector, @Argument Integer first, @Argument String after) {
        int size = Cursors.pageSize(first);
        String afterKey = null;
        String afterId = null;
        String decoded = Cursors.decode(after);
        if (decoded != null) {
            int split = decoded.indexOf('\u0000');
            if (split < 0) {
                throw RegistryException.validation("after is not a cursor this registry gave out");
            }
            afterKey = decoded.substring(0, split);
            afterId = decoded.substring(split + 1);
        }
        List<OrganisationView> page = organisations.search(search, kind, sector, afterKey, afterId, size);
        List<Map<String, Object>> edges = new ArrayList<>();
        for (OrganisationView organisation : page.subList(0, Math.min(size, page.size()))) {
            edges.add(Map.of("node", organisation,
                             "cursor", Cursors.encode(organisation.nameKey() + '\u0000' + organisation.id())));
        }
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", page.size() > size);
        pageInfo.put("endCursor", edges.isEmpty() ? null : edges.get(edges.size() - 1).get("cursor"));
        return Map.of("edges", edges, "pageInfo", pageInfo);
    }

    @MutationMapping
    OrganisationView registerOrganisation(@Argument String name, @Argument OrganisationKind kind,
                                          @Argument Sector sector, @Argument String kvkNumber,
                                          @Argument String parentId, @Argument String municipalityCode,
                                          @Argument String requestId, DataFetchingEnvironment env) {
        // A partner registers branches of its own organisation; everything else is the programme team's.
        Actor actor = kind == OrganisationKind.LOCAL && parentId != null ? access.actingFor(parentId)
                : access.programmeTeam();
        String id = commands.send(actor, requestId, "registerOrganisation", env.getArguments(),
                                  () -> new RegisterOrganisation(OrganisationId.generate(), name, kind, sector,
                                                                 kvkNumber, parentId == null ? null
                                                                         : new OrganisationId(parentId),
                                                                 municipalityCode));
        return read(id);
    }

    @MutationMapping
    OrganisationView renameOrganisation(@Argument String id, @Argument String name, @Argument String requestId,
                                        DataFetchingEnvironment env) {
        // A partner renames its own organisation and its branches.
        String parentId = organisations.find(id).map(OrganisationView::parentId).orElse(null);
        commands.send(access.actingFor(id, parentId), requestId, "renameOrganisation", env.getArguments(),
                      () -> new RenameOrganisation(new OrganisationId(id), name));
        return read(id);
    }

    @MutationMapping
    OrganisationView updateOrganisation(@Argument String id, @Argument Sector sector, @Argument String kvkNumber,
                                        @Argument String requestId, DataFetchingEnvironment env) {
        commands.send(access.actingFor(id), requestId, "updateOrganisation", env.getArguments(),
                      () -> new UpdateOrganisation(new OrganisationId(id), sector, kvkNumber));
        return read(id);
    }

    private OrganisationView read(String id) {
        return organisations.find(id).orElseThrow(() -> RegistryException.notFound("No organisation with id " + id));
    }

    @BatchMapping(typeName = "Organisation")
    Map<OrganisationView, OrganisationView> parent(List<OrganisationView> children) {
        return Batches.resolve(children, OrganisationView::parentId, organisations::findAll);
    }

    @BatchMapping(typeName = "Organisation")
    Map<OrganisationView, List<OrganisationView>> branches(List<OrganisationView> parents) {
        Map<String, List<OrganisationView>> byParent = organisations
                .branchesOf(parents.stream().map(OrganisationView::id).toList()).stream()
                .collect(Collectors.groupingBy(OrganisationView::parentId));
        return parents.stream().collect(Collectors.toMap(Function.identity(),
                                                         p -> byParent.getOrDefault(p.id(), List.of()),
                                                         (a, b) -> a, LinkedHashMap::new));
    }

    @BatchMapping(typeName = "Organisation")
    Map<OrganisationView, MunicipalityView> municipality(List<OrganisationView> sources) {
        return Batches.resolve(sources, OrganisationView::municipalityCode, municipalities::findAll);
    }
}
