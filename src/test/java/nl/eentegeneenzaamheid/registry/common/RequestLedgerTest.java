package nl.eentegeneenzaamheid.registry.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.Map;
import java.util.UUID;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.RegistryTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A requestId whose first attempt left no outcome in the ledger (its process stopped between the commit and the
 * ledger update, or before the commit) is settled from the event log: recorded means answered as the first time,
 * not recorded means tried again once the attempt is certainly over.
 */
@RegistryTest
class RequestLedgerTest extends GraphQlClient {

    private static final String REGISTER = """
            mutation($name: String!, $requestId: ID) {
              registerOrganisation(name: $name, kind: NATIONAL, requestId: $requestId) { id }
            }""";

    @Autowired
    MongoTemplate mongo;

    private String register(String name, String requestId) {
        return graphQl().document(REGISTER).variable("name", name).variable("requestId", requestId).execute()
                        .path("registerOrganisation.id").entity(String.class).get();
    }

    /** Makes the ledger look as if another process took the request {@code ageSeconds} ago and then stopped. */
    private void orphan(String requestId, long ageSeconds, String aggregateId) {
        var update = Updates.combine(Updates.set("status", "PENDING"), Updates.set("owner", "a-stopped-process"),
                                     Updates.set("at", System.currentTimeMillis() - ageSeconds * 1000));
        if (aggregateId != null) {
            update = Updates.combine(update, Updates.set("aggregateId", aggregateId));
        }
        var result = mongo.getCollection(Commands.REQUESTS)
                          .updateOne(Filters.eq("_id", programmeTeamTokenId() + "\u0000" + requestId), update);
        assertThat(result.getModifiedCount()).isEqualTo(1);
    }

    private long organisationsNamed(String name) {
        return graphQl().document("query($s: String) { organisations(search: $s) { edges { node { id } } } }")
                        .variable("s", name).execute().path("organisations.edges").entityList(Map.class).get().size();
    }

    @Test
    void aRecordedRequestWhoseAnswerWasLostIsAnsweredFromTheLog() {
        String requestId = UUID.randomUUID().toString();
        String name = "Het Zuidelijk Toneel " + requestId;
        String first = register(name, requestId);
        orphan(requestId, 1, null);

        assertThat(register(name, requestId)).isEqualTo(first);
        assertThat(organisationsNamed(name)).isEqualTo(1);
    }

    @Test
    void anUnrecordedRequestIsRefusedWhileItCouldStillCommitAndTriedAgainAfterwards() {
        String requestId = UUID.randomUUID().toString();
        String name = "Join Us " + requestId;
        register(name, requestId);
        // As if the first attempt had meant another organisation, which never reached the log.
        orphan(requestId, 1, "org-" + UUID.randomUUID());
        assertThat(errorCodes(REGISTER, Map.of("name", name, "requestId", requestId))).containsExactly("CONFLICT");

        orphan(requestId, Commands.STALE_AFTER.toSeconds() + 1, null);
        String retried = register(name, requestId);
        assertThat(organisationsNamed(name)).isEqualTo(2);
        assertThat(register(name, requestId)).isEqualTo(retried);
    }
}
