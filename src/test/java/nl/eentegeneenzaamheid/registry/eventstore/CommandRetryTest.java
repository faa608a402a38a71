package nl.eentegeneenzaamheid.registry.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

/**
 * The gateway sends a command again when it lost a race on its aggregate (as happens between two nodes; within one
 * node Axon's aggregate lock already queues them), and never when the domain refused it.
 */
class CommandRetryTest {

    record Rename(String name) {
    }

    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final CommandGateway gateway = new AxonConfiguration().commandGateway(bus);
    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void aCommandThatLostARaceIsSentAgainUntilItWins() {
        bus.subscribe(Rename.class.getName(), command -> {
            if (attempts.incrementAndGet() < 3) {
                throw new ConcurrencyException("changed concurrently");
            }
            return "renamed";
        });
        assertThat((String) gateway.sendAndWait(new Rename("x"), 10, TimeUnit.SECONDS)).isEqualTo("renamed");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aCommandThatKeepsLosingEndsInTheConflictAfterAFewRetries() {
        bus.subscribe(Rename.class.getName(), command -> {
            attempts.incrementAndGet();
            throw new ConcurrencyException("changed concurrently");
        });
        assertThatThrownBy(() -> gateway.sendAndWait(new Rename("x"), 10, TimeUnit.SECONDS))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(attempts).hasValue(6);
    }

    @Test
    void aRefusalIsFinal() {
        bus.subscribe(Rename.class.getName(), command -> {
            attempts.incrementAndGet();
            throw RegistryException.validation("name must not be blank");
        });
        assertThatThrownBy(() -> gateway.sendAndWait(new Rename(" "), 10, TimeUnit.SECONDS))
                .hasMessageContaining("blank");
        assertThat(attempts).hasValue(1);
    }
}
