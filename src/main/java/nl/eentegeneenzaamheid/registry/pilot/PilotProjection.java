package nl.eentegeneenzaamheid.registry.pilot;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.eentegeneenzaamheid.registry.common.Batches;
import nl.eentegeneenzaamheid.registry.common.Periods;
import nl.eentegeneenzaamheid.registry.common.Periods.Period;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import nl.eentegeneenzaamheid.registry.pilot.PilotEvent.PilotConvertedToProject;
import nl.eentegeneenzaamheid.registry.pilot.PilotEvent.PilotEvaluated;
import nl.eentegeneenzaamheid.registry.pilot.PilotEvent.PilotExtended;
import nl.eentegeneenzaamheid.registry.pilot.PilotEvent.PilotStarted;
import nl.eentegeneenzaamheid.registry.pilot.PilotEvent.PilotStopped;
import nl.eentegeneenzaamheid.registry.pilot.PilotView.Evaluation;
import nl.eentegeneenzaamheid.registry.pilot.PilotView.Site;
import nl.eentegeneenzaamheid.registry.readmodel.CollectionNames;
import nl.eentegeneenzaamheid.registry.readmodel.ReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The pilots read models: {@code pilots} (one document per pilot, as known now) and {@code pilot_periods}
 * (bitemporal: running, project, life and per-municipality periods, told apart by their group). Handlers set values
 * from the event, and periods ignore an event applied before, so applying an event twice changes nothing.
 */
@Component
@ProcessingGroup("pilots")
class PilotProjection implements PilotDirectory, ReadModel {

    static final String RUNNING = "running";
    static final String PROJECTS = "projects";
    static final String LIVES = "lives";

    private final MongoTemplate mongo;
    private final String pilots;
    private final String periodsCollection;
    private final Periods periods;

    @Autowired
    PilotProjection(MongoTemplate mongo) {
        this(mongo, CollectionNames.LIVE);
    }

    private PilotProjection(MongoTemplate mongo, CollectionNames names) {
        this.mongo = mongo;
        this.pilots = names.of(PilotView.COLLECTION);
        this.periodsCollection = names.of("pilot_periods");
        this.periods = new Periods(mongo, periodsCollection);
    }

    @Override
    public List<String> collections() {
        return List.of(pilots, periodsCollection);
    }

    @Override
    public ReadModel writingTo(CollectionNames names) {
        return new PilotProjection(mongo, names);
    }

    @EventHandler
    void on(PilotStarted event, @MessageIdentifier String eventId, @Timestamp Instant recordedAt) {
        String id = event.pilotId().value();
        String partner = event.nationalPartnerId().value();
        mongo.save(new PilotView(id, event.title(), partner,
                                 event.partnerIds().stream().map(OrganisationId::value).toList(),
                                 event.municipalityCodes().stream().map(code -> new Site(code, event.startedOn()))
                                      .toList(),
                                 event.municipalityCodes(), PilotStatus.RUNNING, event.startedOn(), event.goal(),
                                 null, null, List.of(), null, null, null, recordedAt), pilots);
        periods.record(id + "/" + RUNNING, RUNNING, partner, event.startedOn(), null, eventId, recordedAt);
        periods.record(id, LIVES, partner, event.startedOn(), null, eventId, recordedAt);
        event.municipalityCodes().forEach(code -> periods.record(
                id + "/" + code, id, code, event.startedOn(), null, eventId, recordedAt));
    }

    @EventHandler
    void on(PilotExtended event, @MessageIdentifier String eventId, @Timestamp Instant recordedAt) {
        find(event.pilotId().value()).ifPresent(pilot -> {
            List<Site> sites = new ArrayList<>(pilot.sites());
            List<String> codes = new ArrayList<>(pilot.municipalityCodes());
            event.municipalityCodes().stream().filter(code -> !codes.contains(code)).forEach(code -> {
                sites.add(new Site(code, event.on()));
                codes.add(code);
            });
            mongo.updateFirst(byId(pilot.id()), new Update().set("sites", sites).set("municipalityCodes", codes),
                              PilotView.class, pilots);
        });
        event.municipalityCodes().forEach(code -> periods.record(
                event.pilotId().value() + "/" + code, event.pilotId().value(), code, event.on(), null, eventId,
                recordedAt));
    }

    @EventHandler
    void on(PilotEvaluated event, @Timestamp Instant recordedAt) {
        find(event.pilotId().value()).ifPresent(pilot -> {
            Evaluation evaluation = new Evaluation(event.on(), event.outcome(), recordedAt);
            List<Evaluation> evaluations = new ArrayList<>(
                    pilot.evaluations() == null ? List.of() : pilot.evaluations());
            if (!evaluations.contains(evaluation)) {
                evaluations.add(evaluation);
            }
            mongo.updateFirst(byId(pilot.id()),
                              new Update().set("status", PilotStatus.EVALUATED).set("evaluation", event.outcome())
                                          .set("evaluatedOn", event.on()).set("evaluations", evaluations),
                              PilotView.class, pilots);
        });
    }

    @EventHandler
    void on(PilotConvertedToProject event, @MessageIdentifier String eventId, @Timestamp Instant recordedAt) {
        String id = event.pilotId().value();
        mongo.updateFirst(byId(id), new Update().set("status", PilotStatus.CONVERTED_TO_PROJECT)
                                                .set("convertedOn", event.on()), PilotView.class, pilots);
        end(id + "/" + RUNNING, event.on(), eventId, recordedAt);
        periods.record(id + "/" + PROJECTS, PROJECTS, event.nationalPartnerId().value(), event.on(), null, eventId,
                       recordedAt);
    }

    @EventHandler
    void on(PilotStopped event, @MessageIdentifier String eventId, @Timestamp Instant recordedAt) {
        String id = event.pilotId().value();
        find(id).ifPresent(pilot -> {
            mongo.updateFirst(byId(id), new Update().set("status", PilotStatus.STOPPED).set("stoppedOn", event.on())
                                                    .set("stopReason", event.reason()), PilotView.class, pilots);
            pilot.municipalityCodes().forEach(code -> end(id + "/" + code, event.on(), eventId, recordedAt));
        });
        end(id + "/" + RUNNING, event.on(), eventId, recordedAt);
        end(id, event.on(), eventId, recordedAt);
    }

    /** Ends the period on {@code on} unless it has ended already (applied before, or a converted pilot's run). */
    private void end(String periodId, LocalDate on, String eventId, Instant recordedAt) {
        periods.current(periodId).filter(p -> p.validTo() == null)
               .ifPresent(p -> periods.record(p.id(), p.group(), p.subject(), p.validFrom(), on, eventId, recordedAt));
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(pilots);
        periods.drop();
    }

    private static Query byId(String id) {
        return query(where("_id").is(id));
    }

    // Queries

    Optional<PilotView> find(String id) {
        return Optional.ofNullable(mongo.findById(id, PilotView.class, pilots));
    }

    Map<String, PilotView> findAll(Collection<String> ids) {
        return Batches.byIds(mongo, PilotView.class, pilots, ids, PilotView::id);
    }

    /** Pilots with the status (null: any), in the order they started. */
    List<PilotView> withStatus(PilotStatus status) {
        Query query = status == null ? new Query() : query(where("status").is(status));
        return mongo.find(query, PilotView.class, pilots).stream().sorted(ORDER).toList();
    }

    /** Pilots any of the organisations runs, as national partner or co-partner, in one query. */
    List<PilotView> ofOrganisations(Collection<String> organisationIds) {
        return mongo.find(new Query(new Criteria().orOperator(where("nationalPartnerId").in(organisationIds),
                                                              where("partnerIds").in(organisationIds))),
                          PilotView.class, pilots).stream().sorted(ORDER).toList();
    }

    static final Comparator<PilotView> ORDER =
            Comparator.comparing(PilotView::startedOn).thenComparing(PilotView::id);

    @Override
    public List<PilotView> all() {
        return withStatus(null);
    }

    @Override
    public List<Period> runningPeriods(Instant knownAt) {
        return periods.knownAt(List.of(RUNNING), knownAt);
    }

    @Override
    public List<Period> projectPeriods(Instant knownAt) {
        return periods.knownAt(List.of(PROJECTS), knownAt);
    }

    @Override
    public List<Period> lifePeriods(Instant knownAt) {
        return periods.knownAt(List.of(LIVES), knownAt);
    }

    @Override
    public List<Period> municipalityPeriods(Instant knownAt) {
        // Every group but the three kinds above is a pilot id.
        return periods.knownAt(null, knownAt).stream()
                      .filter(p -> !List.of(RUNNING, PROJECTS, LIVES).contains(p.group())).toList();
    }

    @Override
    public Map<String, Partners> partners(Collection<String> pilotIds) {
        Map<String, Partners> found = new LinkedHashMap<>();
        findAll(pilotIds).forEach((id, p) -> found.put(id, new Partners(id, p.nationalPartnerId(), p.partnerIds())));
        return found;
    }
}
