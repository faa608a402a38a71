package nl.eentegeneenzaamheid.registry.organisation;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.eentegeneenzaamheid.registry.common.ErrorCode;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.MunicipalityRecorded;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationCommand.RegisterMunicipalityOrganisation;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Policy: every municipality has a MUNICIPALITY organisation, created with it, so that it can lead or join its local
 * coalition. The organisation's id follows from the code, so handling an event again (after a crash or a reset)
 * collides with the organisation already there, which is the outcome wanted.
 *
 * <p>The command runs on a thread of its own: dispatched from the processor's thread it would join the processor's
 * unit of work, so the organisations of a whole batch would be appended in one commit (which the event store
 * refuses: a commit holds one aggregate) and a collision would surface only after this handler had returned.
 */
@Component
@ProcessingGroup("municipality-organisations")
class MunicipalityOrganisations implements DisposableBean {

    private static final long TIMEOUT_SECONDS = 30;
    private final CommandGateway gateway;
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(
            r -> new Thread(r, "municipality-organisations-dispatch"));

    MunicipalityOrganisations(CommandGateway gateway) {
        this.gateway = gateway;
    }

    @EventHandler
    @DisallowReplay
    void on(MunicipalityRecorded event, EventMessage<?> message) throws InterruptedException, TimeoutException {
        // Who recorded the municipality also caused its organisation.
        var command = GenericCommandMessage.asCommandMessage(new RegisterMunicipalityOrganisation(
                OrganisationId.ofMunicipality(event.code()), event.code(), event.name()))
                .andMetaData(message.getMetaData().subset("actor", "role", "requestId"));
        try {
            dispatcher.submit(() -> gateway.sendAndWait(command, TIMEOUT_SECONDS, TimeUnit.SECONDS))
                      .get(TIMEOUT_SECONDS + 5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!alreadyRegistered(e.getCause())) {
                throw new IllegalStateException("Could not register the organisation of municipality "
                                                + event.code(), e.getCause());
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

    @Override
    public void destroy() {
        dispatcher.shutdownNow();
    }
}
