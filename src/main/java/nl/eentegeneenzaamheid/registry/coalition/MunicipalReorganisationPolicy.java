package nl.eentegeneenzaamheid.registry.coalition;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import jakarta.annotation.PreDestroy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.AbsorbMembers;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.CombineCoalition;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.MoveCoalition;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.Transfer;
import nl.eentegeneenzaamheid.registry.coalition.LocalCoalitionClaims.Claim;
import nl.eentegeneenzaamheid.registry.common.Commands.Actor;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.MunicipalitiesMerged;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.MunicipalitySplit;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Carries local coalitions through municipal reorganisations. The coalition of a dissolved municipality moves to the
 * receiver; where several coalitions meet there, the earliest founded keeps its id, the others are combined into it
 * and their members join it on {@code effectiveOn}.
 *
 * <p>A command changes one aggregate, so this is a sequence of commands. The sequence is decided once per event and
 * kept as a plan (collection {@code coalition_reorganisations}, keyed by the event id) whose steps are marked done;
 * a redelivered or replayed event resumes the plan, and every command is a no-op when its effect is already there.
 *
 * <p>The commands run on a thread of their own: sent from the event processor's unit of work they would become
 * nested in it, and their events would be appended together at the end of the batch (several aggregates in one
 * commit, which the event store refuses).
 *
 * <p>A policy, not a read model: a reset of its processor skips its handlers, and read-model rebuilds never feed it.
 */
@Component
@ProcessingGroup("coalition-reorganisations")
@DisallowReplay
class MunicipalReorganisationPolicy {

    private static final Logger log = LoggerFactory.getLogger(MunicipalReorganisationPolicy.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final CommandGateway gateway;
    private final LocalCoalitionClaims claims;
    private final MongoCollection<Document> plans;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "coalition-reorganisations");
        thread.setDaemon(true);
        return thread;
    });

    MunicipalReorganisationPolicy(CommandGateway gateway, LocalCoalitionClaims claims, MongoTemplate mongo) {
        this.gateway = gateway;
        this.claims = claims;
        this.plans = mongo.getCollection("coalition_reorganisations");
    }

    @EventHandler
    void on(MunicipalitiesMerged event, @MessageIdentifier String eventId) {
        reorganise(eventId, event.mergedCodes().stream().filter(code -> !code.equals(event.intoCode())).toList(),
                   event.intoCode(), event.effectiveOn());
    }

    /** The coalition goes with participation: to the receiver with the largest share. */
    @EventHandler
    void on(MunicipalitySplit event, @MessageIdentifier String eventId) {
        reorganise(eventId, List.of(event.code()), event.mainReceiver(), event.effectiveOn());
    }

    @PreDestroy
    void stop() {
        sender.shutdownNow();
    }

    private void reorganise(String eventId, List<String> dissolved, String receiver, LocalDate on) {
        Document plan = plans.find(eq("_id", eventId)).first();
        if (plan == null) {
            plan = plan(eventId, dissolved, receiver, on);
            if (plan == null) {
                return;
            }
            plans.insertOne(plan);
        }
        CoalitionId survivor = new CoalitionId(plan.getString("survivor"));
        List<String> done = new ArrayList<>(plan.getList("done", String.class));
        for (String absorbed : plan.getList("combine", String.class)) {
            String step = "combine " + absorbed;
            if (!done.contains(step)) {
                List<Transfer> members = send(new CombineCoalition(new CoalitionId(absorbed), survivor, on), eventId);
                if (members != null) {
                    send(new AbsorbMembers(survivor, members, on), eventId);
                }
                markDone(eventId, step);
            }
        }
        if (plan.getBoolean("move") && !done.contains("move")) {
            send(new MoveCoalition(survivor, receiver, on), eventId);
            markDone(eventId, "move");
        }
    }

    /** Null when no local coalition is involved. */
    private Document plan(String eventId, List<String> dissolved, String receiver, LocalDate on) {
        List<String> involved = new ArrayList<>(dissolved);
        involved.add(receiver);
        List<Claim> candidates = new ArrayList<>(claims.of(involved));
        if (candidates.isEmpty()) {
            return null;
        }
        candidates.sort(Comparator.comparing(Claim::foundedOn).thenComparing(c -> c.coalitionId().value()));
        Claim survivor = candidates.get(0);
        return new Document("_id", eventId).append("receiver", receiver).append("on", on.toString())
                                           .append("survivor", survivor.coalitionId().value())
                                           .append("combine", candidates.subList(1, candidates.size()).stream()
                                                                        .map(c -> c.coalitionId().value()).toList())
                                           .append("move", !survivor.municipalityCode().equals(receiver))
                                           .append("done", List.of());
    }

    private void markDone(String eventId, String step) {
        plans.updateOne(eq("_id", eventId), Updates.push("done", step));
    }

    /**
     * Sends one command and waits for it. A refusal is logged with the plan's id and the plan goes on (retrying it
     * would stall this processor for good); any other failure is thrown, so the processor retries the event.
     */
    private <R> R send(CoalitionCommand command, String eventId) {
        MetaData metaData = MetaData.with("actor", Actor.SYSTEM.id()).and("role", Actor.SYSTEM.role())
                                    .and("requestId", "reorganisation-" + eventId);
        try {
            return sender.submit(() -> gateway.<R>sendAndWait(command, metaData, TIMEOUT_SECONDS, TimeUnit.SECONDS))
                         .get(TIMEOUT_SECONDS + 5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            RegistryException refusal = refusal(e.getCause());
            if (refusal == null) {
                throw new IllegalStateException("Reorganisation " + eventId + " failed at " + command, e.getCause());
            }
            log.error("Reorganisation {} (see coalition_reorganisations): {} was refused: {}", eventId, command,
                      refusal.getMessage());
            return null;
        } catch (TimeoutException e) {
            throw new IllegalStateException("Reorganisation " + eventId + " timed out at " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during reorganisation " + eventId, e);
        }
    }

    private static RegistryException refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RegistryException r) {
                return r;
            }
            if (t instanceof CommandExecutionException c
                && c.getDetails().orElse(null) instanceof RegistryException r) {
                return r;
            }
        }
        return null;
    }
}
