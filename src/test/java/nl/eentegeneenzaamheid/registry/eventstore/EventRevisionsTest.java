package nl.eentegeneenzaamheid.registry.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

/** A stored event without a revision could never be upcast: every event class must name its revision. */
class EventRevisionsTest {

    @Test
    void everyEventInterfaceIsFound() {
        assertThat(EventTypes.sealedEventInterfaces()).extracting(Class::getSimpleName)
                .contains("OrganisationEvent", "MunicipalityEvent", "CoalitionEvent");
    }

    @Test
    void everyEventClassHasARevision() {
        assertThat(EventTypes.eventClasses())
                .isNotEmpty()
                .allSatisfy(type -> assertThat(type.getAnnotation(Revision.class))
                        .as("%s needs @Revision: stored events are matched to upcasters by it", type.getName())
                        .isNotNull());
    }
}
