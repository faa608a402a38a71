package nl.eentegeneenzaamheid.registry.collaboration;

import graphql.schema.DataFetchingEnvironment;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationCommand.ConfirmCollaboration;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationCommand.DeclineCollaboration;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationCommand.EndCollaboration;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationCommand.ProposeCollaboration;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationView.Party;
import nl.eentegeneenzaamheid.registry.common.Access;
import nl.eentegeneenzaamheid.registry.common.Batches;
import nl.eentegeneenzaamheid.registry.common.Commands;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityDirectory;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityView;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationDirectory;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationView;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class CollaborationController {

    /** Data loader for {@code Organisation.collaborations(status)}, whose argument {@code @BatchMapping} cannot pass. */
    private static final String OF_ORGANISATION = "organisationCollaborations";

    private final Commands commands;
    private final CollaborationProjection collaborations;
    private final OrganisationDirectory organisations;
    private final MunicipalityDirectory municipalities;
    private final Access access;

    CollaborationController(Commands commands, CollaborationProjection collaborations,
                            OrganisationDirectory organisations, MunicipalityDirectory municipalities, Access access,
                            BatchLoaderRegistry loaders) {
        this.commands = commands;
        this.collaborations = collaborations;
        this.organisations = organisations;
        this.municipalities = municipalities;
        this.access = access;
        loaders.<OfOrganisation, List<CollaborationView>>forName(OF_ORGANISATION).registerMappedBatchLoader(
                (keys, env) -> Mono.fromSupplier(() -> ofOrganisations(keys)));
    }

    /** An organisation's collaborations with a status (null: any). */
    record OfOrganisation(String organisationId, CollaborationStatus status) {
    }

    /** One query for every organisation of the page, whatever the statuses asked. */
    private Map<OfOrganisation, List<CollaborationView>> ofOrganisations(Set<OfOrganisation> keys) {
        List<CollaborationView> found = collaborations.search(
                null, keys.stream().map(OfOrganisation::organisationId).collect(Collectors.toSet()));
        Map<OfOrganisation, List<CollaborationView>> result = new LinkedHashMap<>();
        keys.forEach(key -> result.put(key, found.stream().filter(
                c -> c.partyIds().contains(key.organisationId())
                     && (key.status() == null || c.status() == key.status())).toList()));
        return result;
    }

    @QueryMapping
    CollaborationView collaboration(@Argument String id) {
        return collaborations.find(id).orElse(null);
    }

    @QueryMapping
    List<CollaborationView> collaborations(@Argument CollaborationStatus status, @Argument String organisationId) {
        return collaborations.search(status, organisationId == null ? null : List.of(organisationId));
    }

    @SchemaMapping(typeName = "Organisation")
    CompletableFuture<List<CollaborationView>> collaborations(OrganisationView organisation,
                                                              @Argument CollaborationStatus status,
                                                              DataFetchingEnvironment env) {
        DataLoader<OfOrganisation, List<CollaborationView>> loader = env.getDataLoader(OF_ORGANISATION);
        return loader.load(new OfOrganisation(organisation.id(), status));
    }

    @MutationMapping
    CollaborationView proposeCollaboration(@Argument String title, @Argument String description,
                                           @Argument String proposedBy, @Argument List<String> partyIds,
                                           @Argument List<String> municipalityCodes, @Argument LocalDate startsOn,
                                           @Argument String requestId, DataFetchingEnvironment env) {
        OrganisationId proposer = organisationId("proposedBy", proposedBy);
        List<OrganisationId> parties = partyIds == null ? List.of()
                : partyIds.stream().map(id -> organisationId("partyIds", id)).toList();
        String id = commands.send(access.proposingCollaboration(proposedBy), requestId, "proposeCollaboration",
                                  env.getArguments(),
                                  () -> new ProposeCollaboration(CollaborationId.generate(), title, description,
                                                                 proposer, parties, municipalityCodes, startsOn));
        return read(id);
    }

    @MutationMapping
    CollaborationView confirmCollaboration(@Argument String collaborationId, @Argument String organisationId,
                                           @Argument String requestId, DataFetchingEnvironment env) {
        read(collaborationId);
        commands.send(access.answeringCollaboration(organisationId), requestId, "confirmCollaboration",
                      env.getArguments(), () -> new ConfirmCollaboration(
                              new CollaborationId(collaborationId), organisationId("organisationId", organisationId)));
        return read(collaborationId);
    }

    @MutationMapping
    CollaborationView declineCollaboration(@Argument String collaborationId, @Argument String organisationId,
                                           @Argument String reason, @Argument String requestId,
                                           DataFetchingEnvironment env) {
        read(collaborationId);
        commands.send(access.answeringCollaboration(organisationId), requestId, "declineCollaboration",
                      env.getArguments(), () -> new DeclineCollaboration(
                              new CollaborationId(collaborationId), organisationId("organisationId", organisationId),
                              reason));
        return read(collaborationId);
    }

    @MutationMapping
    CollaborationView endCollaboration(@Argument String collaborationId, @Argument LocalDate endedOn,
                                       @Argument String reason, @Argument String requestId,
                                       DataFetchingEnvironment env) {
        // The parties are fixed when it is proposed, so the read model says reliably who may end it.
        CollaborationView collaboration = read(collaborationId);
        commands.send(access.endingCollaboration(collaboration.partyIds()), requestId, "endCollaboration",
                      env.getArguments(),
                      () -> new EndCollaboration(new CollaborationId(collaborationId), endedOn, reason));
        return read(collaborationId);
    }

    private CollaborationView read(String id) {
        if (id == null || id.isBlank()) {
            throw RegistryException.validation("collaborationId cannot be empty");
        }
        return collaborations.find(id).orElseThrow(() -> RegistryException.notFound("No collaboration with id " + id));
    }

    private static OrganisationId organisationId(String what, String id) {
        if (id == null || id.isBlank()) {
            throw RegistryException.validation(what + " cannot contain an empty organisation id");
        }
        return new OrganisationId(id);
    }

    @BatchMapping(typeName = "Collaboration")
    Map<CollaborationView, OrganisationView> proposedBy(List<CollaborationView> sources) {
        return Batches.resolve(sources, CollaborationView::proposedBy, organisations::findAll);
    }

    @BatchMapping(typeName = "Collaboration")
    Map<CollaborationView, List<MunicipalityView>> municipalities(List<CollaborationView> sources) {
        Map<String, MunicipalityView> found = municipalities.findAll(
                sources.stream().flatMap(c -> c.municipalityCodes().stream()).collect(Collectors.toSet()));
        Map<CollaborationView, List<MunicipalityView>> result = new LinkedHashMap<>();
        sources.forEach(c -> result.put(c, c.municipalityCodes().stream().map(found::get)
                                            .filter(Objects::nonNull).toList()));
        return result;
    }

    @BatchMapping(typeName = "CollaborationParty")
    Map<Party, OrganisationView> organisation(List<Party> parties) {
        return Batches.resolve(parties, Party::organisationId, organisations::findAll);
    }
}
