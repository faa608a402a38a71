package nl.eentegeneenzaamheid.registry.link;

import graphql.schema.DataFetchingEnvironment;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.eentegeneenzaamheid.registry.common.Batches;
import nl.eentegeneenzaamheid.registry.common.TimeAxes;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityDirectory;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityView;
import nl.eentegeneenzaamheid.registry.municipality.Province;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationDirectory;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationView;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class LinkController {

    /** Data loaders for the nested link fields, whose time arguments {@code @BatchMapping} cannot pass. */
    private static final String OF_PARTNER = "localPresence";
    private static final String IN_MUNICIPALITY = "nationalPartnersPresent";

    private final Links links;
    private final Network network;
    private final OrganisationDirectory organisations;
    private final MunicipalityDirectory municipalities;
    private final Clock clock;

    LinkController(Links links, Network network, OrganisationDirectory organisations, MunicipalityDirectory municipalities, Clock clock,
                   BatchLoaderRegistry loaders) {
        this.links = links;
        this.network = network;
        this.organisations = organisations;
        this.municipalities = municipalities;
        this.clock = clock;
        loaders.<AtTime, List<LocalLink>>forName(OF_PARTNER).registerMappedBatchLoader(
                (keys, env) -> Mono.fromSupplier(() -> load(keys, LocalLink::nationalPartnerId)));
        loaders.<AtTime, List<LocalLink>>forName(IN_MUNICIPALITY).registerMappedBatchLoader(
                (keys, env) -> Mono.fromSupplier(() -> load(keys, LocalLink::municipalityCode)));
    }

    /** An organisation's id or a municipality's code at a point on both time axes. */
    record AtTime(String id, TimeAxes axes) {
    }

    /** One derivation per distinct point in time (in practice one), whatever the number of ids. */
    private Map<AtTime, List<LocalLink>> load(Set<AtTime> keys, Function<LocalLink, String> idOf) {
        Map<AtTime, List<LocalLink>> result = new LinkedHashMap<>();
        keys.stream().collect(Collectors.groupingBy(AtTime::axes)).forEach((axes, group) -> {
            Map<String, List<LocalLink>> byId = links.on(axes.asOf(), axes.knownAt()).stream()
                                                     .collect(Collectors.groupingBy(idOf));
            group.forEach(key -> result.put(key, byId.getOrDefault(key.id(), List.of())));
        });
        return result;
    }

    @QueryMapping
    List<LocalLink> nationalToLocalLinks(@Argument String partnerId, @Argument Province province,
                                         @Argument LinkMechanism via, @Argument LocalDate asOf,
                                         @Argument OffsetDateTime knownAt) {
        TimeAxes axes = TimeAxes.of(asOf, knownAt, clock);
        List<LocalLink> found = links.on(axes.asOf(), axes.knownAt()).stream()
                                     .filter(l -> partnerId == null || l.nationalPartnerId().equals(partnerId))
                                     .filter(l -> via == null || l.via() == via).toList();
        if (province == null) {
            return found;
        }
        Map<String, MunicipalityView> where = municipalities.findAll(
                found.stream().map(LocalLink::municipalityCode).collect(Collectors.toSet()));
        return found.stream().filter(l -> where.containsKey(l.municipalityCode())
                                          && where.get(l.municipalityCode()).province() == province).toList();
    }

    @QueryMapping
    Network.Graph network(@Argument LocalDate asOf, @Argument OffsetDateTime knownAt) {
        TimeAxes axes = TimeAxes.of(asOf, knownAt, clock);
        return network.on(axes.asOf(), axes.knownAt());
    }

    @SchemaMapping(typeName = "Organisation")
    CompletableFuture<List<LocalLink>> localPresence(OrganisationView organisation, @Argument LocalDate asOf,
                                                     @Argument OffsetDateTime knownAt, DataFetchingEnvironment env) {
        DataLoader<AtTime, List<LocalLink>> loader = env.getDataLoader(OF_PARTNER);
        return loader.load(new AtTime(organisation.id(), TimeAxes.of(asOf, knownAt, clock)));
    }

    @SchemaMapping(typeName = "Municipality")
    CompletableFuture<List<LocalLink>> nationalPartnersPresent(MunicipalityView municipality, @Argument LocalDate asOf,
                                                               @Argument OffsetDateTime knownAt,
                                                               DataFetchingEnvironment env) {
        DataLoader<AtTime, List<LocalLink>> loader = env.getDataLoader(IN_MUNICIPALITY);
        return loader.load(new AtTime(municipality.code(), TimeAxes.of(asOf, knownAt, clock)));
    }

    @BatchMapping(typeName = "LocalLink")
    Map<LocalLink, OrganisationView> nationalPartner(List<LocalLink> sources) {
        return Batches.resolve(sources, LocalLink::nationalPartnerId, organisations::findAll);
    }

    @BatchMapping(typeName = "LocalLink")
    Map<LocalLink, MunicipalityView> municipality(List<LocalLink> sources) {
        return Batches.resolve(sources, LocalLink::municipalityCode, municipalities::findAll);
    }
}
