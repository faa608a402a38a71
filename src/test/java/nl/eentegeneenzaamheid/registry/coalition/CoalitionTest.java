package nl.eentegeneenzaamheid.registry.coalition;

import static nl.eentegeneenzaamheid.registry.Fakes.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.eentegeneenzaamheid.registry.Fakes;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.AbsorbMembers;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.AssignLead;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.ChangePhase;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.CombineCoalition;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.CorrectJoinDate;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.FoundLocalCoalition;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.FoundNationalCoalition;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.JoinLocalCoalition;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.JoinNationalCoalition;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.LeaveCoalition;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.MoveCoalition;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.Transfer;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent.CoalitionCombined;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent.CoalitionFounded;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent.CoalitionMoved;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent.JoinDateCorrected;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent.LeadAssigned;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent.MemberJoined;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent.MemberLeft;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent.PhaseChanged;
import nl.eentegeneenzaamheid.registry.common.ErrorCode;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityView;
import nl.eentegeneenzaamheid.registry.municipality.Province;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationKind;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoalitionTest {

    private static final CoalitionId NATIONAL = CoalitionId.NATIONAL;
    private static final CoalitionId LOCAL = new CoalitionId("coalition-local");
    private static final OrganisationId JUMBO = new OrganisationId("org-jumbo");
    private static final OrganisationId BRANCH = new OrganisationId("org-branch");
    private static final OrganisationId LIBRARY = new OrganisationId("org-library");
    private static final LocalDate FOUNDED = LocalDate.of(2018, 1, 1);
    private static final CoalitionFounded NATIONAL_FOUNDED = new CoalitionFounded(
            NATIONAL, CoalitionKind.NATIONAL, "Nationale Coalitie tegen Eenzaamheid", null, FOUNDED, null);
    private static final CoalitionFounded LOCAL_FOUNDED = new CoalitionFounded(
            LOCAL, CoalitionKind.LOCAL, "Lokale coalitie Lelystad", "GM0995", LocalDate.of(2020, 1, 1),
            LocalCoalitionPhase.EXPLORING);

    private LocalCoalitionClaims claims;

    @BeforeEach
    void setUp() {
        claims = mock(LocalCoalitionClaims.class);
    }

    /** A fresh fixture per scenario: a fixture stays bound to the aggregate of its first 'given'. */
    private FixtureConfiguration<Coalition> fixture() {
        FixtureConfiguration<Coalition> fixture = new AggregateTestFixture<>(Coalition.class);
        fixture.registerInjectableResource(Fakes.organisations(Map.of(
                JUMBO.value(), OrganisationKind.NATIONAL, BRANCH.value(), OrganisationKind.LOCAL,
                LIBRARY.value(), OrganisationKind.LOCAL)));
        // Lelystad exists throughout; Almere here only from 2021.
        fixture.registerInjectableResource(Fakes.municipalities(
                new MunicipalityView("GM0995", "Lelystad", null, Province.FLEVOLAND, null, null, null, List.of(), null,
                                     null),
                new MunicipalityView("GM0034", "Almere", null, Province.FLEVOLAND, LocalDate.of(2021, 1, 1), null, null,
                                     List.of(), null, null)));
        fixture.registerInjectableResource(claims);
        return fixture;
    }

    @Test
    void theNationalCoalitionIsFoundedOnce() {
        fixture().givenNoPriorActivity().when(new FoundNationalCoalition()).expectEvents(NATIONAL_FOUNDED);
        fixture().given(NATIONAL_FOUNDED).when(new FoundNationalCoalition()).expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void aNationalOrganisationJoinsTheNationalCoalition() {
        fixture().given(NATIONAL_FOUNDED).when(new JoinNationalCoalition(JUMBO, date("2020-01-01")))
               .expectEvents(new MemberJoined(NATIONAL, JUMBO, date("2020-01-01"), null, null));
    }

    @Test
    void onlyNationalOrganisationsJoinTheNationalCoalition() {
        fixture().given(NATIONAL_FOUNDED).when(new JoinNationalCoalition(BRANCH, date("2020-01-01")))
               .expectException(code(ErrorCode.VALIDATION)).expectNoEvents();
    }

    @Test
    void anUnknownOrganisationIsNotFound() {
        fixture().given(NATIONAL_FOUNDED).when(new JoinNationalCoalition(new OrganisationId("org-x"), FOUNDED))
               .expectException(code(ErrorCode.NOT_FOUND));
        fixture().given(NATIONAL_FOUNDED).when(new LeaveCoalition(NATIONAL, new OrganisationId("org-x"), FOUNDED, null))
               .expectException(code(ErrorCode.NOT_FOUND));
    }

    @Test
    void anUnknownCoalitionIsNotFound() {
        fixture().givenNoPriorActivity()
               .when(new LeaveCoalition(new CoalitionId("coalition-none"), JUMBO, FOUNDED, null))
               .expectException(AggregateNotFoundException.class);
    }

    @Test
    void joiningWhileAMemberIsAConflict() {
        fixture().given(NATIONAL_FOUNDED, joined(JUMBO, "2020-01-01"))
               .when(new JoinNationalCoalition(JUMBO, date("2021-01-01")))
               .expectException(code(ErrorCode.CONFLICT));
    }

    @Test
    void joiningBeforeTheCoalitionWasFoundedIsInvalid() {
        fixture().given(NATIONAL_FOUNDED).when(new JoinNationalCoalition(JUMBO, date("2017-12-31")))
               .expectException(code(ErrorCode.VALIDATION));
    }

    @Test
    void aMemberLeavesAndRejoinsInANewPeriod() {
        fixture().given(NATIONAL_FOUNDED, joined(JUMBO, "2020-01-01"))
               .when(new LeaveCoalition(NATIONAL, JUMBO, date("2021-01-01"), " moved on "))
               .expectEvents(new MemberLeft(NATIONAL, JUMBO, date("2021-01-01"), "moved on"));
        fixture().given(NATIONAL_FOUNDED, joined(JUMBO, "2020-01-01"), left(JUMBO, "2021-01-01"))
               .when(new JoinNationalCoalition(JUMBO, date("2021-01-01")))
               .expectEvents(joined(JUMBO, "2021-01-01"));
    }

    @Test
    void aRejoinCannotOverlapThePreviousPeriod() {
        fixture().given(NATIONAL_FOUNDED, joined(JUMBO, "2020-01-01"), left(JUMBO, "2021-01-01"))
               .when(new JoinNationalCoalition(JUMBO, date("2020-12-31")))
               .expectException(code(ErrorCode.VALIDATION));
    }

    @Test
    void leavingOnOrBeforeTheJoinDateIsInvalid() {
        fixture().given(NATIONAL_FOUNDED, joined(JUMBO, "2020-01-01"))
               .when(new LeaveCoalition(NATIONAL, JUMBO, date("2020-01-01"), null))
               .expectException(code(ErrorCode.VALIDATION));
    }

    @Test
    void leavingWhenNotAMemberIsAConflict() {
        fixture().given(NATIONAL_FOUNDED).when(new LeaveCoalition(NATIONAL, JUMBO, date("2020-01-01"), null))
               .expectException(code(ErrorCode.CONFLICT));
        fixture().given(NATIONAL_FOUNDED, joined(JUMBO, "2020-01-01"), left(JUMBO, "2021-01-01"))
               .when(new LeaveCoalition(NATIONAL, JUMBO, date("2022-01-01"), null))
               .expectException(code(ErrorCode.CONFLICT));
    }

    @Test
    void aJoinDateCorrectionIsANewFactWithBothDates() {
        fixture().given(NATIONAL_FOUNDED, joined(JUMBO, "2020-01-01"))
               .when(new CorrectJoinDate(NATIONAL, JUMBO, date("2019-06-01"), "signed in June 2019"))
               .expectEvents(new JoinDateCorrected(NATIONAL, JUMBO, date("2020-01-01"), date("2019-06-01"),
                                                   "signed in June 2019"));
    }

    @Test
    void aJoinDateCorrectionNeedsAReason() {
        fixture().given(NATIONAL_FOUNDED, joined(JUMBO, "2020-01-01"))
               .when(new CorrectJoinDate(NATIONAL, JUMBO, date("2019-06-01"), " "))
               .expectException(code(ErrorCode.VALIDATION));
    }

    @Test
    void aCorrectedJoinDateStaysWithinItsPeriod() {
        fixture().given(NATIONAL_FOUNDED, joined(JUMBO, "2020-01-01"), left(JUMBO, "2021-01-01"))
               .when(new CorrectJoinDate(NATIONAL, JUMBO, date("2021-01-01"), "typo"))
               .expectException(code(ErrorCode.VALIDATION));
        fixture().given(NATIONAL_FOUNDED, joined(JUMBO, "2019-01-01"), left(JUMBO, "2020-01-01"),
                      joined(JUMBO, "2021-01-01"))
               .when(new CorrectJoinDate(NATIONAL, JUMBO, date("2019-12-31"), "typo"))
               .expectException(code(ErrorCode.VALIDATION));
        fixture().given(NATIONAL_FOUNDED, joined(JUMBO, "2019-01-01"), left(JUMBO, "2020-01-01"),
                      joined(JUMBO, "2021-01-01"))
               .when(new CorrectJoinDate(NATIONAL, JUMBO, date("2020-01-01"), "typo"))
               .expectEvents(new JoinDateCorrected(NATIONAL, JUMBO, date("2021-01-01"), date("2020-01-01"), "typo"));
    }

    @Test
    void correctingTheJoinDateOfANonMemberIsAConflict() {
        fixture().given(NATIONAL_FOUNDED).when(new CorrectJoinDate(NATIONAL, JUMBO, date("2019-06-01"), "why"))
               .expectException(code(ErrorCode.CONFLICT));
    }

    @Test
    void aLocalCoalitionIsFoundedInAnExistingMunicipality() {
        fixture().givenNoPriorActivity()
               .when(new FoundLocalCoalition(LOCAL, "GM0995", null, date("2020-01-01"), LocalCoalitionPhase.EXPLORING))
               .expectEvents(LOCAL_FOUNDED);
        verify(claims).claim("GM0995", LOCAL, date("2020-01-01"));
    }

    @Test
    void aLocalCoalitionNeedsAMunicipalityExistingOnItsFoundingDay() {
        fixture().givenNoPriorActivity().when(new FoundLocalCoalition(LOCAL, "GM0000", null, date("2020-01-01"), null))
               .expectException(code(ErrorCode.NOT_FOUND));
        fixture().givenNoPriorActivity().when(new FoundLocalCoalition(LOCAL, "GM0034", null, date("2020-01-01"), null))
               .expectException(code(ErrorCode.VALIDATION));
    }

    @Test
    void aMunicipalityHasAtMostOneActiveLocalCoalition() {
        doThrow(RegistryException.conflict("already has coalition-other")).when(claims)
                .claim(eq("GM0995"), any(), any());
        fixture().givenNoPriorActivity()
               .when(new FoundLocalCoalition(LOCAL, "GM0995", "Samen Lelystad", date("2020-01-01"), null))
               .expectException(code(ErrorCode.CONFLICT)).expectNoEvents();
    }

    @Test
    void aLocalPartyJoinsWithItsTypeAndRole() {
        fixture().given(LOCAL_FOUNDED)
               .when(new JoinLocalCoalition(LOCAL, LIBRARY, date("2020-02-01"), PartyType.LIBRARY, null))
               .expectEvents(new MemberJoined(LOCAL, LIBRARY, date("2020-02-01"), PartyType.LIBRARY,
                                              ContributionRole.ACTIVE));
        fixture().given(LOCAL_FOUNDED).when(new JoinLocalCoalition(LOCAL, LIBRARY, date("2020-02-01"), null, null))
               .expectException(code(ErrorCode.VALIDATION));
        fixture().given(NATIONAL_FOUNDED)
               .when(new JoinLocalCoalition(NATIONAL, LIBRARY, date("2020-02-01"), PartyType.LIBRARY, null))
               .expectException(code(ErrorCode.VALIDATION));
    }

    @Test
    void theLeadMustBeACurrentMemberAndStopsLeadingWhenItLeaves() {
        MemberJoined library = new MemberJoined(LOCAL, LIBRARY, date("2020-02-01"), PartyType.LIBRARY,
                                                ContributionRole.ACTIVE);
        fixture().given(LOCAL_FOUNDED).when(new AssignLead(LOCAL, LIBRARY, date("2020-03-01")))
               .expectException(code(ErrorCode.CONFLICT));
        fixture().given(LOCAL_FOUNDED, library).when(new AssignLead(LOCAL, LIBRARY, date("2020-01-15")))
               .expectException(code(ErrorCode.VALIDATION));
        fixture().given(LOCAL_FOUNDED, library).when(new AssignLead(LOCAL, LIBRARY, date("2020-03-01")))
               .expectEvents(new LeadAssigned(LOCAL, LIBRARY, date("2020-03-01")));
        fixture().given(LOCAL_FOUNDED, library, new LeadAssigned(LOCAL, LIBRARY, date("2020-03-01")),
                      new MemberLeft(LOCAL, LIBRARY, date("2021-01-01"), null))
               .when(new AssignLead(LOCAL, LIBRARY, date("2021-02-01")))
               .expectException(code(ErrorCode.CONFLICT));
    }

    @Test
    void phaseChangesAreOrderedAndTheSamePhaseRecordsNothing() {
        fixture().given(LOCAL_FOUNDED).when(new ChangePhase(LOCAL, LocalCoalitionPhase.ESTABLISHED, date("2021-01-01")))
               .expectEvents(new PhaseChanged(LOCAL, LocalCoalitionPhase.ESTABLISHED, date("2021-01-01")));
        fixture().given(LOCAL_FOUNDED).when(new ChangePhase(LOCAL, LocalCoalitionPhase.EXPLORING, date("2021-01-01")))
               .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture().given(LOCAL_FOUNDED, new PhaseChanged(LOCAL, LocalCoalitionPhase.INITIATING, date("2021-01-01")))
               .when(new ChangePhase(LOCAL, LocalCoalitionPhase.ESTABLISHED, date("2020-06-01")))
               .expectException(code(ErrorCode.VALIDATION));
        fixture().given(NATIONAL_FOUNDED).when(new ChangePhase(NATIONAL, LocalCoalitionPhase.ESTABLISHED, FOUNDED))
               .expectException(code(ErrorCode.VALIDATION));
    }

    @Test
    void aCoalitionMovesToTheReceivingMunicipalityOnce() {
        fixture().given(LOCAL_FOUNDED).when(new MoveCoalition(LOCAL, "GM1000", date("2023-01-01")))
               .expectEvents(new CoalitionMoved(LOCAL, "GM0995", "GM1000", date("2023-01-01")));
        verify(claims).claim("GM1000", LOCAL, date("2020-01-01"));
        fixture().given(LOCAL_FOUNDED, new CoalitionMoved(LOCAL, "GM0995", "GM1000", date("2023-01-01")))
               .when(new MoveCoalition(LOCAL, "GM1000", date("2023-01-01"))).expectNoEvents();
    }

    @Test
    void aCombinedCoalitionEndsItsPeriodsAndHandsOverItsMembers() {
        CoalitionId survivor = new CoalitionId("coalition-survivor");
        MemberJoined library = new MemberJoined(LOCAL, LIBRARY, date("2020-02-01"), PartyType.LIBRARY,
                                                ContributionRole.INFORMED);
        List<Transfer> expected = List.of(new Transfer(LIBRARY, PartyType.LIBRARY, ContributionRole.INFORMED));
        fixture().given(LOCAL_FOUNDED, library).when(new CombineCoalition(LOCAL, survivor, date("2023-01-01")))
               .expectEvents(new MemberLeft(LOCAL, LIBRARY, date("2023-01-01"), "Combined into coalition-survivor"),
                             new CoalitionCombined(LOCAL, survivor, date("2023-01-01")))
               .expectResultMessagePayload(expected);
        CoalitionCombined combined = new CoalitionCombined(LOCAL, survivor, date("2023-01-01"));
        fixture().given(LOCAL_FOUNDED, library, new MemberLeft(LOCAL, LIBRARY, date("2023-01-01"), "Combined"), combined)
               .when(new CombineCoalition(LOCAL, survivor, date("2023-01-01")))
               .expectNoEvents().expectResultMessagePayload(expected);
        fixture().given(LOCAL_FOUNDED, combined)
               .when(new JoinLocalCoalition(LOCAL, LIBRARY, date("2023-02-01"), PartyType.LIBRARY, null))
               .expectException(code(ErrorCode.CONFLICT));
    }

    @Test
    void theSurvivorAbsorbsMembersItDoesNotHaveYet() {
        MemberJoined library = new MemberJoined(LOCAL, LIBRARY, date("2020-02-01"), PartyType.LIBRARY,
                                                ContributionRole.ACTIVE);
        fixture().given(LOCAL_FOUNDED, library)
               .when(new AbsorbMembers(LOCAL, List.of(new Transfer(LIBRARY, PartyType.LIBRARY, ContributionRole.ACTIVE),
                                                      new Transfer(BRANCH, PartyType.NATIONAL_PARTNER_BRANCH,
                                                                   ContributionRole.INFORMED)),
                                       date("2023-01-01")))
               .expectEvents(new MemberJoined(LOCAL, BRANCH, date("2023-01-01"), PartyType.NATIONAL_PARTNER_BRANCH,
                                              ContributionRole.INFORMED));
    }

    @Test
    void theStateSurvivesASnapshotRoundTrip() {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
                                                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();
        fixture().given(LOCAL_FOUNDED, new MemberJoined(LOCAL, LIBRARY, date("2020-02-01"), PartyType.LIBRARY,
                                                      ContributionRole.ACTIVE),
                      new LeadAssigned(LOCAL, LIBRARY, date("2020-03-01")),
                      new MemberLeft(LOCAL, LIBRARY, date("2021-01-01"), null), joined(BRANCH, "2021-02-01"))
               .when(new ChangePhase(LOCAL, LocalCoalitionPhase.ESTABLISHED, date("2021-06-01")))
               .expectState(state -> {
                   SerializedObject<String> json = serializer.serialize(state, String.class);
                   Coalition copy = serializer.deserialize(json);
                   assertThat(copy).usingRecursiveComparison().isEqualTo(state);
                   assertThat(json.getData()).contains("\"2021-02-01\"").doesNotContain("\"lead\":\"org");
               });
    }

    private static MemberJoined joined(OrganisationId organisation, String on) {
        CoalitionId coalition = organisation == BRANCH ? LOCAL : NATIONAL;
        return new MemberJoined(coalition, organisation, date(on), null, null);
    }

    private static MemberLeft left(OrganisationId organisation, String on) {
        return new MemberLeft(NATIONAL, organisation, date(on), null);
    }

    private static LocalDate date(String text) {
        return LocalDate.parse(text);
    }
}
