package nl.eentegeneenzaamheid.registry.coalition;

import nl.eentegeneenzaamheid.registry.common.Access;
import nl.eentegeneenzaamheid.registry.common.TimeAxes;

import graphql.schema.DataFetchingEnvironment;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.AssignLead;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.ChangePhase;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.CorrectJoinDate;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.FoundLocalCoalition;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.JoinLocalCoalition;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.JoinNationalCoalition;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.LeaveCoalition;
import nl.eentegeneenzaamheid.registry.common.Batches;
import nl.eentegeneenzaamheid.registry.common.Commands;
import nl.eentegeneenzaamheid.registry.common.Cursors;
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
class CoalitionController {

    private final Access access;

    /** Data loaders for fields with time arguments, which {@code @BatchMapping} cannot pass on. */
    private static final String MEMBERS = "coalitionMembers";
    private static final String MEMBERSHIPS = "organisationMemberships";
    private static final Comparator<MembershipView> MEMBER_ORDER =
            Comparator.comparing(MembershipView::joinedOn).thenComparing(MembershipView::organisationId);

    private final Commands commands;
    private final CoalitionProjection coalitions;
    private final OrganisationDirectory organisations;
    private final MunicipalityDirectory municipalities;
    private final Clock clock;

    CoalitionController(Commands commands, CoalitionProjection coalitions, OrganisationDirectory organisations,
                        MunicipalityDirectory municipalities, Clock clock, BatchLoaderRegistry loaders, Access access) {
        this.access = access;
        this.commands = commands;
        this.coalitions = coalitions;
        this.organisations = organisations;
        this.municipalities = municipalities;
        this.clock = clock;
        loaders.<AtTime, List<MembershipView>>forName(MEMBERS).registerMappedBatchLoader(
                (keys, env) -> Mono.fromSupplier(() -> load(keys, coalitions::membersOn, MembershipView::coalitionId)));
        loaders.<AtTime, List<MembershipView>>forName(MEMBERSHIPS).registerMappedBatchLoader(
                (keys, env) -> Mono.fromSupplier(() -> load(keys, coalitions::membershipsOn,
                                                            MembershipView::organisationId)));
    }

    /** A coalition's or an organisation's id at a point on both time axes. */
    record AtTime(String id, TimeAxes axes) {
    }

    private interface PeriodQuery {
        List<MembershipView> find(Set<String> ids, LocalDate asOf, Instant knownAt);
    }

    /** One query per distinct point in time (in practice one), whatever the number of ids. */
    private static Map<AtTime, List<MembershipView>> load(Set<AtTime> keys, PeriodQuery query,
                                                          Function<MembershipView, String> idOf) {
        Map<AtTime, List<MembershipView>> result = new LinkedHashMap<>();
        keys.stream().collect(Collectors.groupingBy(AtTime::axes)).forEach((axes, group) -> {
            Map<String, List<MembershipView>> byId = query
                    .find(group.stream().map(AtTime::id).collect(Collectors.toSet()), axes.asOf(), axes.knownAt())
                    .stream().collect(Collectors.groupingBy(idOf));
            group.forEach(key -> result.put(key, byId.getOrDefault(key.id(), List.of()).stream()
                                                      .sorted(MEMBER_ORDER).toList()));
        });
        return result;
    }

    @QueryMapping
    CoalitionView nationalCoalition() {
        return coalitions.find(CoalitionId.NATIONAL.value()).orElseThrow(() -> RegistryException.notFound(
                "The National Coalition has not been founded yet; the registry founds it at start, try again shortly"));
    }

    @QueryMapping
    CoalitionView coalition(@Argument String id) {
        return coalitions.find(id).orElse(null);
    }

    @SchemaMapping(typeName = "Coalition")
    CompletableFuture<Integer> memberCount(CoalitionView coalition, @Argument LocalDate asOf,
                                           @Argument OffsetDateTime knownAt, DataFetchingEnvironment env) {
        return members(coalition.id(), asOf, knownAt, env).thenApply(List::size);
    }

    @SchemaMapping(typeName = "Coalition")
    CompletableFuture<Map<String, Object>> members(CoalitionView coalition, @Argument LocalDate asOf,
                                                   @Argument OffsetDateTime knownAt, @Argument Integer first,
                                                   @Argument String after, DataFetchingEnvironment env) {
        int size = Cursors.pageSize(first);
        String decoded = Cursors.decode(after);
        int split = decoded == null ? -1 : decoded.indexOf('\u0000');
        if (decoded != null && split < 0) {
            throw RegistryException.validation("after is not a cursor this registry gave out");
        }
        return members(coalition.id(), asOf, knownAt, env).thenApply(all -> {
            List<MembershipView> rest = decoded == null ? all : all.stream().filter(m -> {
                int byDate = m.joinedOn().toString().compareTo(decoded.substring(0, split));
                return byDate > 0 || byDate == 0 && m.organisationId().compareTo(decoded.substring(split + 1)) > 0;
            }).toList();
            List<Map<String, Object>> edges = new ArrayList<>();
            rest.stream().limit(size).forEach(m -> edges.add(Map.of(
                    "node", m, "cursor", Cursors.encode(m.joinedOn() + "\u0000" + m.organisationId()))));
            Map<String, Object> pageInfo = new LinkedHashMap<>();
            pageInfo.put("hasNextPage", rest.size() > size);
            pageInfo.put("endCursor", edges.isEmpty() ? null : edges.get(edges.size() - 1).get("cursor"));
            return Map.of("edges", edges, "pageInfo", pageInfo);
        });
    }

    private CompletableFuture<List<MembershipView>> members(String coalitionId, LocalDate asOf, OffsetDateTime knownAt,
                                                            DataFetchingEnvironment env) {
        DataLoader<AtTime, List<MembershipView>> loader = env.getDataLoader(MEMBERS);
        return loader.load(new AtTime(coalitionId, TimeAxes.of(asOf, knownAt, clock)));
    }

    @SchemaMapping(typeName = "Organisation")
    CompletableFuture<List<MembershipView>> memberships(OrganisationView organisation, @Argument LocalDate asOf,
                                                        @Argument OffsetDateTime knownAt,
                                                        DataFetchingEnvironment env) {
        DataLoader<AtTime, List<MembershipView>> loader = env.getDataLoader(MEMBERSHIPS);
        return loader.load(new AtTime(organisation.id(), TimeAxes.of(asOf, knownAt, clock)));
    }

    @MutationMapping
    MembershipView joinNationalCoalition(@Argument String organisationId, @Argument LocalDate joinedOn,
                                         @Argument String requestId, DataFetchingEnvironment env) {
        commands.send(access.programmeTeam(), requestId, "joinNationalCoalition", env.getArguments(),
                      () -> new JoinNationalCoalition(organisationId(organisationId), joinedOn));
        return membership(CoalitionId.NATIONAL.value(), organisationId);
    }

    @MutationMapping
    MembershipView leaveCoalition(@Argument String coalitionId, @Argument String organisationId,
                                  @Argument LocalDate leftOn, @Argument String reason, @Argument String requestId,
                                  DataFetchingEnvironment env) {
        commands.send(access.programmeTeam(), requestId, "leaveCoalition", env.getArguments(),
                      () -> new LeaveCoalition(coalitionId(coalitionId), organisationId(organisationId), leftOn,
                                               reason));
        return membership(coalitionId, organisationId);
    }

    @MutationMapping
    MembershipView correctJoinDate(@Argument String coalitionId, @Argument String organisationId,
                                   @Argument LocalDate joinedOn, @Argument String reason, @Argument String requestId,
                                   DataFetchingEnvironment env) {
        commands.send(access.programmeTeam(), requestId, "correctJoinDate", env.getArguments(),
                      () -> new CorrectJoinDate(coalitionId(coalitionId), organisationId(organisationId), joinedOn,
                                                reason));
        return membership(coalitionId, organisationId);
    }

    @MutationMapping
    CoalitionView foundLocalCoalition(@Argument String municipalityCode, @Argument String name,
                                      @Argument LocalDate foundedOn, @Argument LocalCoalitionPhase phase,
                                      @Argument String requestId, DataFetchingEnvironment env) {
        String id = commands.send(access.programmeTeam(), requestId, "foundLocalCoalition", env.getArguments(),
                                  () -> new FoundLocalCoalition(CoalitionId.generate(), municipalityCode, name,
                                                                foundedOn, phase));
        return read(id);
    }

    @MutationMapping
    MembershipView joinLocalCoalition(@Argument String coalitionId, @Argument String organisationId,
                                      @Argument LocalDate joinedOn, @Argument PartyType partyType,
                                      @Argument ContributionRole role, @Argument String requestId,
                                      DataFetchingEnvironment env) {
        commands.send(access.programmeTeam(), requestId, "joinLocalCoalition", env.getArguments(),
                      () -> new JoinLocalCoalition(coalitionId(coalitionId), organisationId(organisationId), joinedOn,
                                                   partyType, role));
        return membership(coalitionId, organisationId);
    }

    @MutationMapping
    CoalitionView assignLead(@Argument String coalitionId, @Argument String organisationId, @Argument LocalDate since,
                             @Argument String requestId, DataFetchingEnvironment env) {
        commands.send(access.programmeTeam(), requestId, "assignLead", env.getArguments(),
                      () -> new AssignLead(coalitionId(coalitionId), organisationId(organisationId), since));
        return read(coalitionId);
    }

    @MutationMapping
    CoalitionView changePhase(@Argument String coalitionId, @Argument LocalCoalitionPhase phase,
                              @Argument LocalDate on, @Argument String requestId, DataFetchingEnvironment env) {
        commands.send(access.programmeTeam(), requestId, "changePhase", env.getArguments(),
                      () -> new ChangePhase(coalitionId(coalitionId), phase, on));
        return read(coalitionId);
    }

    private CoalitionView read(String id) {
        return coalitions.find(id).orElseThrow(() -> RegistryException.notFound("No coalition with id " + id));
    }

    private MembershipView membership(String coalitionId, String organisationId) {
        return coalitions.latestMembership(coalitionId, organisationId).orElseThrow(() -> RegistryException.notFound(
                organisationId + " has no membership of " + coalitionId));
    }

    private static CoalitionId coalitionId(String id) {
        if (id == null || id.isBlank()) {
            throw RegistryException.validation("coalitionId cannot be empty; the National Coalition's id is national");
        }
        return new CoalitionId(id);
    }

    private static OrganisationId organisationId(String id) {
        if (id == null || id.isBlank()) {
            throw RegistryException.validation("organisationId cannot be empty");
        }
        return new OrganisationId(id);
    }

    @BatchMapping(typeName = "Membership")
    Map<MembershipView, OrganisationView> organisation(List<MembershipView> memberships) {
        return Batches.resolve(memberships, MembershipView::organisationId, organisations::findAll);
    }

    @BatchMapping(typeName = "Membership")
    Map<MembershipView, CoalitionView> coalition(List<MembershipView> memberships) {
        return Batches.resolve(memberships, MembershipView::coalitionId, coalitions::findAll);
    }

    @BatchMapping(typeName = "Coalition")
    Map<CoalitionView, OrganisationView> lead(List<CoalitionView> sources) {
        return Batches.resolve(sources, CoalitionView::lead, organisations::findAll);
    }

    @BatchMapping(typeName = "Coalition")
    Map<CoalitionView, MunicipalityView> municipality(List<CoalitionView> sources) {
        return Batches.resolve(sources, CoalitionView::municipalityCode, municipalities::findAll);
    }

    @BatchMapping(typeName = "Coalition")
    Map<CoalitionView, CoalitionView> combinedInto(List<CoalitionView> sources) {
        return Batches.resolve(sources, CoalitionView::combinedInto, coalitions::findAll);
    }

    @BatchMapping(typeName = "Municipality")
    Map<MunicipalityView, CoalitionView> localCoalition(List<MunicipalityView> sources) {
        return Batches.resolve(sources, MunicipalityView::code, coalitions::activeIn);
    }
}
