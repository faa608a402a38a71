package nl.eentegeneenzaamheid.registry.coalition;

import java.util.Map;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.FoundNationalCoalition;
import nl.eentegeneenzaamheid.registry.common.Commands;
import nl.eentegeneenzaamheid.registry.common.Commands.Actor;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Founds the National Coalition at start. The fixed requestId makes a restart record nothing new; should the request
 * ledger be lost, the command itself does nothing once the coalition exists.
 */
@Component
class NationalCoalitionFounder implements ApplicationRunner {

    private final Commands commands;

    NationalCoalitionFounder(Commands commands) {
        this.commands = commands;
    }

    @Override
    public void run(ApplicationArguments args) {
        commands.sendWhenSettled(Actor.SYSTEM, "found-national-coalition", "foundNationalCoalition", Map.of(),
                      FoundNationalCoalition::new);
    }
}
