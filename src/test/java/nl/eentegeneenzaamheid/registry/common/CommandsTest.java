package nl.eentegeneenzaamheid.registry.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

class CommandsTest {

    private final Commands commands = new Commands(mock(CommandGateway.class), null, null, mock(MongoTemplate.class),
                                                   new ObjectMapper(), Clock.systemUTC(), null);

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void aRequestsFingerprintDoesNotDependOnTheOrderOfItsArguments() {
        // Map.of iterates in an order that changes between JVM runs; a retry after a restart must still match.
        String one = commands.fingerprint("op", ordered("a", 1, "b", ordered("x", 1, "y", List.of(2, 3))));
        String other = commands.fingerprint("op", ordered("b", ordered("y", List.of(2, 3), "x", 1), "a", 1));
        assertThat(one).isEqualTo(other);
        assertThat(commands.fingerprint("op", ordered("a", 2))).isNotEqualTo(commands.fingerprint("op", ordered("a", 1)));
        assertThat(commands.fingerprint("other", ordered("a", 1))).isNotEqualTo(commands.fingerprint("op", ordered("a", 1)));
    }
}
