package nl.eentegeneenzaamheid.registry.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.RegistryTest;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The programme team's view of the dead letters, on the whole registry: which groups park, list, retry, evict. */
@RegistryTest
class DeadLetterGraphQlTest extends GraphQlClient {

    private static final String LIST = """
            query { deadLetters { count letters {
              processingGroup eventId eventType aggregateType aggregateId sequence position reason message
              parkedAt lastRetriedAt retries } } }""";

    @Autowired
    MongoEventStorageEngine engine;

    @Autowired
    ProjectionProgress progress;

    /** An event as a log written by an older version holds it: its type names a class that is gone. */
    static final class Retired extends GenericDomainEventMessage<String> {

        Retired(String aggregateId) {
            super("Retired", aggregateId, 0, "");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> SerializedObject<R> serializePayload(Serializer serializer, Class<R> expectedRepresentation) {
            return (SerializedObject<R>) new SimpleSerializedObject<>("{}", String.class,
                                                                      "nl.eentegeneenzaamheid.registry.gone.Retired",
                                                                      null);
        }
    }

    private List<Map<String, Object>> lettersOf(String aggregateId) {
        List<Map<String, Object>> letters = graphQl().document(LIST).execute().path("deadLetters.letters")
                                                     .entity(new org.springframework.core.ParameterizedTypeReference<
                                                             List<Map<String, Object>>>() { }).get();
        return letters.stream().filter(l -> aggregateId.equals(l.get("aggregateId"))).toList();
    }

    @Test
    void projectionsParkAnUnknownEventTypeAndTheTeamRetriesAndEvictsIt() {
        String aggregateId = "retired-" + UUID.randomUUID();
        engine.appendEvents(new Retired(aggregateId));
        long position = engine.lastAppendedPositionOfThisThread();
        assertThat(progress.awaitPosition(position, Duration.ofSeconds(20))).isTrue();

        // Every projection parked it; the policies (which retry instead) skip types they do not handle.
        List<Map<String, Object>> parked = lettersOf(aggregateId);
        assertThat(parked).extracting(l -> l.get("processingGroup"))
                          .containsExactlyInAnyOrder("access-tokens", "audit-mentions", "coalitions", "collaborations",
                                                     "municipalities", "organisations", "pilots");
        assertThat(parked).allSatisfy(l -> {
            assertThat(l).containsEntry("eventType", "Retired").containsEntry("reason", "UNKNOWN_EVENT_TYPE")
                         .containsEntry("aggregateType", "Retired").containsEntry("sequence", 0.0)
                         .containsEntry("position", (double) position).containsEntry("retries", 0)
                         .containsEntry("lastRetriedAt", null);
            assertThat((String) l.get("message")).contains("Retired").doesNotContain("nl.eentegeneenzaamheid");
        });

        graphQl().document("mutation($a: String) { retryDeadLetters(processingGroup: \"organisations\", aggregateId: $a)"
                           + " { sequencesRetried sequencesCleared eventsHandled eventsStillParked } }")
                 .variable("a", aggregateId).execute()
                 .path("retryDeadLetters").entity(Map.class)
                 .isEqualTo(Map.of("sequencesRetried", 1, "sequencesCleared", 0, "eventsHandled", 0,
                                   "eventsStillParked", 1));
        assertThat(lettersOf(aggregateId)).filteredOn(l -> l.get("processingGroup").equals("organisations"))
                                          .singleElement().satisfies(l -> {
                                              assertThat(l.get("retries")).isEqualTo(1);
                                              assertThat(l.get("lastRetriedAt")).isNotNull();
                                          });

        String eventId = (String) parked.get(0).get("eventId");
        for (String group : List.of("access-tokens", "audit-mentions", "coalitions", "collaborations", "municipalities",
                                    "organisations", "pilots")) {
            graphQl().document("mutation($g: String!, $e: ID!) { evictDeadLetter(processingGroup: $g, eventId: $e) "
                               + "{ processingGroup reason } }")
                     .variable("g", group).variable("e", eventId).execute()
                     .path("evictDeadLetter.processingGroup").entity(String.class).isEqualTo(group);
        }
        assertThat(lettersOf(aggregateId)).isEmpty();
    }

    @Test
    void policiesHaveNoQueueAndUnknownNamesAreNotFound() {
        assertThat(errorCode("mutation { retryDeadLetters(processingGroup: \"municipality-organisations\") "
                             + "{ sequencesRetried } }")).isEqualTo("NOT_FOUND");
        assertThat(errorCode("mutation { evictDeadLetter(processingGroup: \"organisations\", eventId: \"nope\") "
                             + "{ eventId } }")).isEqualTo("NOT_FOUND");
        assertThat(errorCode("{ deadLetters(processingGroup: \"nope\") { count } }")).isEqualTo("NOT_FOUND");
        assertThat(errorCode("{ deadLetters(first: -1) { count } }")).isEqualTo("VALIDATION");
    }
}
