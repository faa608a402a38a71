package nl.eentegeneenzaamheid.registry.collaboration;

import static nl.eentegeneenzaamheid.registry.Fakes.code;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import nl.eentegeneenzaamheid.registry.Fakes;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationCommand.ConfirmCollaboration;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationCommand.DeclineCollaboration;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationCommand.EndCollaboration;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationCommand.ProposeCollaboration;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationEvent.CollaborationActivated;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationEvent.CollaborationConfirmed;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationEvent.CollaborationDeclined;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationEvent.CollaborationEnded;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationEvent.CollaborationProposed;
import nl.eentegeneenzaamheid.registry.common.ErrorCode;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationKind;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

class CollaborationTest {

    private static final CollaborationId ID = new CollaborationId("collaboration-1");
    private static final OrganisationId NS = new OrganisationId("org-ns");
    private static final OrganisationId PRORAIL = new OrganisationId("org-prorail");
    private static final OrganisationId JOIN_US = new OrganisationId("org-join-us");
    /** 23:30 UTC on 31 May is already 1 June in Amsterdam: the business date of a confirmation. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-31T23:30:00Z"), ZoneOffset.UTC);
    private static final LocalDate CONFIRMED_ON = LocalDate.of(2024, 6, 1);
    private static final CollaborationProposed PROPOSED = new CollaborationProposed(
            ID, "Campaign among train travellers", null, NS, List.of(NS, PRORAIL, JOIN_US), List.of("GM0363"), null);

    private FixtureConfiguration<Collaboration> fixture() {
        FixtureConfiguration<Collaboration> fixture = new AggregateTestFixture<>(Collaboration.class);
        fixture.registerInjectableResource(Fakes.organisations(Map.of(
                NS.value(), OrganisationKind.NATIONAL, PRORAIL.value(), OrganisationKind.NATIONAL,
                JOIN_US.value(), OrganisationKind.NATIONAL)));
        fixture.registerInjectableResource(Fakes.municipalities(Fakes.municipality("GM0363", null)));
        fixture.registerInjectableResource(CLOCK);
        return fixture;
    }

    @Test
    void theProposerIsAPartyAndComesFirst() {
        fixture().givenNoPriorActivity()
                 .when(new ProposeCollaboration(ID, " Campaign among train travellers ", " ", NS,
                                                List.of(PRORAIL, JOIN_US, NS, PRORAIL), List.of("GM0363"), null))
                 .expectEvents(PROPOSED);
    }

    @Test
    void aCollaborationNeedsTwoDistinctOrganisations() {
        fixture().givenNoPriorActivity()
                 .when(new ProposeCollaboration(ID, "Alone", null, NS, List.of(NS), null, null))
                 .expectException(code(ErrorCode.VALIDATION)).expectNoEvents();
    }

    @Test
    void unknownPartiesAndMunicipalitiesAreNotFound() {
        fixture().givenNoPriorActivity()
                 .when(new ProposeCollaboration(ID, "T", null, NS, List.of(new OrganisationId("org-x")), null, null))
                 .expectException(code(ErrorCode.NOT_FOUND));
        fixture().givenNoPriorActivity()
                 .when(new ProposeCollaboration(ID, "T", null, NS, List.of(PRORAIL), List.of("GM0000"), null))
                 .expectException(code(ErrorCode.NOT_FOUND));
    }

    @Test
    void aTitleIsRequired() {
        fixture().givenNoPriorActivity()
                 .when(new ProposeCollaboration(ID, " ", null, NS, List.of(PRORAIL), null, null))
                 .expectException(code(ErrorCode.VALIDATION));
    }

    @Test
    void itStaysProposedUntilEveryPartyConfirmed() {
        fixture().given(PROPOSED).when(new ConfirmCollaboration(ID, PRORAIL))
                 .expectEvents(new CollaborationConfirmed(ID, PRORAIL, CONFIRMED_ON));
    }

    @Test
    void theLastConfirmationMakesItActiveFromThatDay() {
        fixture().given(PROPOSED, new CollaborationConfirmed(ID, PRORAIL, LocalDate.of(2024, 5, 1)))
                 .when(new ConfirmCollaboration(ID, JOIN_US))
                 .expectEvents(new CollaborationConfirmed(ID, JOIN_US, CONFIRMED_ON),
                               new CollaborationActivated(ID, List.of(NS, PRORAIL, JOIN_US), CONFIRMED_ON));
    }

    @Test
    void withAStartDateItIsActiveFromThatDate() {
        LocalDate startsOn = LocalDate.of(2024, 1, 1);
        CollaborationProposed proposed = new CollaborationProposed(ID, "Listening line", null, NS,
                                                                   List.of(NS, PRORAIL), List.of(), startsOn);
        fixture().given(proposed).when(new ConfirmCollaboration(ID, PRORAIL))
                 .expectEvents(new CollaborationConfirmed(ID, PRORAIL, CONFIRMED_ON),
                               new CollaborationActivated(ID, List.of(NS, PRORAIL), startsOn));
    }

    @Test
    void confirmingTwiceOrAsAnOutsiderIsRefused() {
        fixture().given(PROPOSED).when(new ConfirmCollaboration(ID, NS))
                 .expectException(code(ErrorCode.CONFLICT));
        fixture().given(PROPOSED).when(new ConfirmCollaboration(ID, new OrganisationId("org-other")))
                 .expectException(code(ErrorCode.VALIDATION));
    }

    @Test
    void oneDeclineDeclinesItAndThenNobodyAnswersAnyMore() {
        CollaborationDeclined declined = new CollaborationDeclined(ID, JOIN_US, CONFIRMED_ON, "no capacity");
        fixture().given(PROPOSED).when(new DeclineCollaboration(ID, JOIN_US, " no capacity "))
                 .expectEvents(declined);
        fixture().given(PROPOSED, declined).when(new ConfirmCollaboration(ID, PRORAIL))
                 .expectException(code(ErrorCode.CONFLICT));
        fixture().given(PROPOSED).when(new DeclineCollaboration(ID, NS, null))
                 .expectException(code(ErrorCode.CONFLICT));
    }

    @Test
    void anActiveCollaborationEndsAfterItBecameActive() {
        CollaborationActivated activated = new CollaborationActivated(ID, List.of(NS, PRORAIL, JOIN_US), CONFIRMED_ON);
        fixture().given(PROPOSED, activated).when(new EndCollaboration(ID, LocalDate.of(2025, 1, 1), "campaign over"))
                 .expectEvents(new CollaborationEnded(ID, List.of(NS, PRORAIL, JOIN_US), LocalDate.of(2025, 1, 1),
                                                      "campaign over"));
        fixture().given(PROPOSED, activated).when(new EndCollaboration(ID, CONFIRMED_ON, null))
                 .expectException(code(ErrorCode.VALIDATION));
        fixture().given(PROPOSED, activated,
                        new CollaborationEnded(ID, List.of(NS, PRORAIL, JOIN_US), LocalDate.of(2025, 1, 1), null))
                 .when(new EndCollaboration(ID, LocalDate.of(2025, 2, 1), null))
                 .expectException(code(ErrorCode.CONFLICT));
    }

    @Test
    void aProposedCollaborationCannotBeEnded() {
        fixture().given(PROPOSED).when(new EndCollaboration(ID, LocalDate.of(2025, 1, 1), null))
                 .expectException(code(ErrorCode.CONFLICT));
    }
}
