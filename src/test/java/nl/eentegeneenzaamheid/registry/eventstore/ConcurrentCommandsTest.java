package nl.eentegeneenzaamheid.registry.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.RegistryTest;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

/** Many commands racing on one aggregate through the whole application: one history, no sequence twice. */
@RegistryTest
class ConcurrentCommandsTest extends GraphQlClient {

    private static final int COMMANDS = 100;

    @Autowired
    MongoEventStorageEngine engine;

    record Outcome(String name, String errorCode, Object retryable) {
    }

    @Test
    void aHundredParallelRenamesOfOneOrganisationEachWinOrGetARetryableConflict() throws Exception {
        String kvk = String.valueOf(10_000_000 + (System.nanoTime() & 0xFFFFFF));
        String id = graphQl().document("""
                        mutation($name: String!, $kvk: String) {
                          registerOrganisation(name: $name, kind: NATIONAL, kvkNumber: $kvk) { id }
                        }""").variable("name", "Racing " + kvk).variable("kvk", kvk)
                             .execute().path("registerOrganisation.id").entity(String.class).get();

        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Outcome>> results = new ArrayList<>();
        for (int i = 0; i < COMMANDS; i++) {
            String name = "Racing " + kvk + " #" + i;
            results.add(pool.submit(() -> {
                go.await();
                List<Outcome> outcome = new ArrayList<>();
                GraphQlTester.Response response =
                        graphQl().document("mutation($id: ID!, $name: String!) { renameOrganisation(id: $id, name: "
                                           + "$name) { name } }")
                                 .variable("id", id).variable("name", name).execute();
                response.errors().satisfy(errors -> {
                    for (var error : errors) {
                        Map<String, Object> extensions = error.getExtensions();
                        outcome.add(new Outcome(null, String.valueOf(extensions.get("code")),
                                                extensions.get("retryable")));
                    }
                });
                if (outcome.isEmpty()) {
                    outcome.add(new Outcome(response.path("renameOrganisation.name").entity(String.class).get(),
                                            null, null));
                }
                return outcome.get(0);
            }));
        }
        go.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> result : results) {
            outcomes.add(result.get(120, TimeUnit.SECONDS));
        }
        pool.shutdownNow();

        List<Outcome> refused = outcomes.stream().filter(o -> o.errorCode() != null).toList();
        assertThat(refused).allSatisfy(o -> {
            assertThat(o.errorCode()).isEqualTo("CONFLICT");
            assertThat(o.retryable()).isEqualTo(true);
        });
        long renamed = outcomes.size() - refused.size();
        // Within one node Axon queues commands on one aggregate behind a lock; between nodes the gateway retries.
        assertThat(renamed).as("renames that went through").isGreaterThan(COMMANDS / 2);

        // One history: registration plus one rename per success, sequence numbers 0..n-1, none twice.
        List<Long> sequence = engine.readEvents(id).asStream().map(DomainEventMessage::getSequenceNumber).toList();
        assertThat(sequence).containsExactlyElementsOf(LongStream.rangeClosed(0, renamed).boxed().toList());
    }
}
