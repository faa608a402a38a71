package nl.eentegeneenzaamheid.registry.coalition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.RegistryTest;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent.MemberJoined;
import nl.eentegeneenzaamheid.registry.eventstore.MongoEventStorageEngine;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Coalitions are cached between commands; when another node changed one meanwhile (here: a commit appended to the
 * store behind this node's back), the cached state is not used, and commands on it go on as if nothing were cached.
 */
@RegistryTest
class CoalitionCacheTest extends GraphQlClient {

    @Autowired
    MongoEventStorageEngine engine;
    @Autowired
    @Qualifier("coalitionCache")
    Cache cache;

    @Test
    void aCoalitionChangedByAnotherNodeIsLoadedAfreshAndCommandsOnItSucceed() {
        String code = testMunicipality("Cachestad", "UTRECHT", CoalitionGraphQlTest.EXISTS_FROM);
        String coalition = graphQl().document(CoalitionGraphQlTest.FOUND).variable("code", code)
                                    .variable("on", "2091-02-01").execute()
                                    .path("foundLocalCoalition.id").entity(String.class).get();
        String first = organisation();
        String foreign = organisation();
        String last = organisation();
        join(coalition, first).path("joinLocalCoalition.organisation.id").entity(String.class).isEqualTo(first);
        assertThat(cache.<String, Object>get(coalition)).as("cached after a command").isNotNull();

        // Another node records a join of its own.
        List<? extends DomainEventMessage<?>> history = engine.readEvents(coalition).asStream().toList();
        DomainEventMessage<?> latest = history.get(history.size() - 1);
        engine.appendEvents(List.of(new GenericDomainEventMessage<>(
                latest.getType(), coalition, latest.getSequenceNumber() + 1,
                new MemberJoined(new CoalitionId(coalition), new OrganisationId(foreign), LocalDate.of(2091, 3, 1),
                                 PartyType.LIBRARY, ContributionRole.ACTIVE),
                MetaData.with("actor", "other-node"))));
        assertThat(cache.containsKey(coalition)).as("still cached, but stale").isTrue();
        assertThat(cache.<String, Object>get(coalition)).as("a stale entry is not handed out").isNull();
        assertThat(cache.containsKey(coalition)).isFalse();

        // This node decides on the state with the other node's join: joining that party again is refused ...
        assertThat(errorCodes(CoalitionGraphQlTest.JOIN_LOCAL,
                              Map.of("coalition", coalition, "org", foreign, "on", "2091-04-01", "type", "LIBRARY")))
                .containsExactly("CONFLICT");
        // ... and a new party joins after it, in one unbroken history.
        join(coalition, last).path("joinLocalCoalition.organisation.id").entity(String.class).isEqualTo(last);
        List<Long> sequence = engine.readEvents(coalition).asStream().map(DomainEventMessage::getSequenceNumber)
                                    .toList();
        assertThat(sequence).containsExactlyElementsOf(LongStream.range(0, history.size() + 2).boxed().toList());
    }

    private org.springframework.graphql.test.tester.GraphQlTester.Response join(String coalition, String org) {
        return graphQl().document(CoalitionGraphQlTest.JOIN_LOCAL).variable("coalition", coalition)
                        .variable("org", org).variable("on", "2091-03-01").variable("type", "LIBRARY").execute();
    }

    private String organisation() {
        return graphQl().document("mutation($name: String!) { registerOrganisation(name: $name, kind: NATIONAL) { id } }")
                        .variable("name", "Cached party " + UUID.randomUUID()).execute()
                        .path("registerOrganisation.id").entity(String.class).get();
    }
}
