package nl.eentegeneenzaamheid.registry.organisation;

import java.util.concurrent.TimeUnit;
import nl.eentegeneenzaamheid.registry.common.ErrorCode;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.MunicipalityRecorded;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationCommand.RegisterMunicipalityOrganisation;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

/**
 * Policy: every municipality has a MUNICIPALITY organisation, created with it, so that it can lead or join its local
 * coalition. The organisation's id follows from the code, so handling an event again (after a crash or a reset)
 * collides with the organisation already there, which is the outcome wanted.
 */
@Component
@ProcessingGroup("municipality-organisations")
class MunicipalityOrganisations {

    private static final long TIMEOUT_SECONDS = 30;
    private final CommandGateway gateway;

    MunicipalityOrganisations(CommandGateway gateway) {
        this.gateway = gateway;
    }

    @EventHandler
    @DisallowReplay
    void on(MunicipalityRecorded event) {
        try {
            gateway.sendAndWait(new RegisterMunicipalityOrganisation(OrganisationId.ofMunicipality(event.code()),
                                                                     event.code(), event.name()),
                                TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            if (!alreadyRegistered(e)) {
                throw e;
            }
        }
    }

    private static boolean alreadyRegistered(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException
                || t instanceof RegistryException r && r.code() == ErrorCode.CONFLICT
                || t instanceof CommandExecutionException c && c.getDetails().orElse(null) instanceof RegistryException r
                   && r.code() == ErrorCode.CONFLICT) {
                return true;
            }
        }
        return false;
    }
}
