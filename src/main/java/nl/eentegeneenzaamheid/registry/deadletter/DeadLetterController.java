package nl.eentegeneenzaamheid.registry.deadletter;

import nl.eentegeneenzaamheid.registry.common.Access;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import nl.eentegeneenzaamheid.registry.common.Cursors;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.eventstore.DeadLetterAdmin;
import nl.eentegeneenzaamheid.registry.eventstore.DeadLetterAdmin.ParkedEvent;
import nl.eentegeneenzaamheid.registry.eventstore.DeadLetterAdmin.RetryOutcome;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** The dead letters in GraphQL ({@code graphql/deadletter.graphqls}): for the programme team. */
@Controller
class DeadLetterController {

    private final Access access;

    private final DeadLetterAdmin admin;

    DeadLetterController(DeadLetterAdmin admin, Access access) {
        this.access = access;
        this.admin = admin;
    }

    record DeadLetterList(int count, int sequences, List<ParkedEvent> letters) {
    }

    @QueryMapping
    DeadLetterList deadLetters(@Argument String processingGroup, @Argument Integer first) {
        access.programmeTeamOrAuditor();
        int limit = first == null ? 100 : first;
        if (limit < 0 || limit > Cursors.MAX_PAGE) {
            throw RegistryException.validation("first must be between 0 and " + Cursors.MAX_PAGE + ", got " + limit);
        }
        if (processingGroup != null) {
            requireParking(processingGroup);
        }
        DeadLetterAdmin.Parked parked = admin.list(processingGroup, limit);
        return new DeadLetterList(parked.count(), parked.sequences(), parked.events());
    }

    @MutationMapping
    RetryOutcome retryDeadLetters(@Argument String processingGroup, @Argument String aggregateId) {
        access.programmeTeam();
        requireParking(processingGroup);
        RetryOutcome outcome = admin.retry(processingGroup, aggregateId).orElseThrow(
                () -> RegistryException.notFound("Processing group " + processingGroup
                                                 + " is not running on this node; retry on a node that runs it"));
        if (aggregateId != null && outcome.sequencesRetried() == 0) {
            throw RegistryException.notFound("No events of aggregate " + aggregateId + " are parked in "
                                             + processingGroup);
        }
        return outcome;
    }

    @MutationMapping
    ParkedEvent evictDeadLetter(@Argument String processingGroup, @Argument String eventId) {
        access.programmeTeam();
        requireParking(processingGroup);
        return admin.evict(processingGroup, eventId).orElseThrow(
                () -> RegistryException.notFound("Event " + eventId + " is not parked in " + processingGroup
                                                 + "; list them with deadLetters(processingGroup:)"));
    }

    @SchemaMapping(typeName = "DeadLetter")
    OffsetDateTime parkedAt(ParkedEvent event) {
        return utc(event.parkedAt());
    }

    @SchemaMapping(typeName = "DeadLetter")
    OffsetDateTime lastRetriedAt(ParkedEvent event) {
        return utc(event.lastRetriedAt());
    }

    @SchemaMapping(typeName = "DeadLetter")
    Double sequence(ParkedEvent event) {
        return event.sequence() == null ? null : event.sequence().doubleValue();
    }

    @SchemaMapping(typeName = "DeadLetter")
    Double position(ParkedEvent event) {
        return event.position() == null ? null : event.position().doubleValue();
    }

    private void requireParking(String processingGroup) {
        List<String> groups = admin.groups();
        if (!groups.contains(processingGroup)) {
            throw RegistryException.notFound("Processing group " + processingGroup + " has no dead-letter queue; "
                                             + "groups that have one: " + String.join(", ", groups));
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
