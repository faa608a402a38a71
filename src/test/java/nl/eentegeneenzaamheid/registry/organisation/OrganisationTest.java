package nl.eentegeneenzaamheid.registry.organisation;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Optional;
import nl.eentegeneenzaamheid.registry.common.ErrorCode;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityDirectory;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityView;
import nl.eentegeneenzaamheid.registry.municipality.Province;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationCommand.RegisterMunicipalityOrganisation;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationCommand.RegisterOrganisation;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationCommand.RenameOrganisation;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationCommand.UpdateOrganisation;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationEvent.OrganisationRegistered;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationEvent.OrganisationRenamed;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationEvent.OrganisationUpdated;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrganisationTest {

    private static final OrganisationId JUMBO = new OrganisationId("org-jumbo");
    private static final OrganisationId BRANCH = new OrganisationId("org-jumbo-zaandam");

    private FixtureConfiguration<Organisation> fixture;
    private KvkRegister kvk;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organisation.class);
        OrganisationDirectory organisations = mock(OrganisationDirectory.class);
        when(organisations.find(anyString())).thenReturn(Optional.empty());
        when(organisations.find(JUMBO.value())).thenReturn(Optional.of(new OrganisationView(
                JUMBO.value(), "Jumbo", "jumbo", OrganisationKind.NATIONAL, Sector.COMPANIES, "12345678", null, null,
                Instant.EPOCH)));
        MunicipalityDirectory municipalities = mock(MunicipalityDirectory.class);
        when(municipalities.find(anyString())).thenReturn(Optional.empty());
        when(municipalities.find("GM0479")).thenReturn(Optional.of(new MunicipalityView(
                "GM0479", "Zaanstad", null, Province.NOORD_HOLLAND, null, null, null, java.util.List.of(), null, null)));
        kvk = mock(KvkRegister.class);
        fixture.registerInjectableResource(organisations);
        fixture.registerInjectableResource(municipalities);
        fixture.registerInjectableResource(kvk);
    }

    private static Matcher<?> refusal(ErrorCode code) {
        return Matchers.predicate(e -> e instanceof RegistryException r && r.code() == code);
    }

    @Test
    void registersANationalOrganisation() {
        fixture.givenNoPriorActivity()
               .when(new RegisterOrganisation(JUMBO, " Jumbo ", OrganisationKind.NATIONAL, Sector.COMPANIES,
                                              "12345678", null, null))
               .expectEvents(new OrganisationRegistered(JUMBO, "Jumbo", OrganisationKind.NATIONAL, Sector.COMPANIES,
                                                        "12345678", null, null));
    }

    @Test
    void aKvkNumberIsEightDigits() {
        fixture.givenNoPriorActivity()
               .when(new RegisterOrganisation(JUMBO, "Jumbo", OrganisationKind.NATIONAL, null, "1234", null, null))
               .expectNoEvents()
               .expectExceptionMessage(org.hamcrest.Matchers.containsString("8 digits"));
    }

    @Test
    void aTakenKvkNumberIsAConflict() {
        org.mockito.Mockito.doThrow(RegistryException.conflict("taken")).when(kvk).claim(any(), any());
        fixture.givenNoPriorActivity()
               .when(new RegisterOrganisation(JUMBO, "Jumbo", OrganisationKind.NATIONAL, null, "12345678", null,
                                              null))
               .expectNoEvents()
               .expectException(refusal(ErrorCode.CONFLICT));
    }

    @Test
    void aLocalBranchNeedsANationalParentAndAnExistingMunicipality() {
        fixture.givenNoPriorActivity()
               .when(new RegisterOrganisation(BRANCH, "Jumbo Zaandam", OrganisationKind.LOCAL, null, "12345678",
                                              JUMBO, "GM0479"))
               .expectEvents(new OrganisationRegistered(BRANCH, "Jumbo Zaandam", OrganisationKind.LOCAL, null,
                                                        "12345678", JUMBO, "GM0479"));
        fixture.givenNoPriorActivity()
               .when(new RegisterOrganisation(BRANCH, "Jumbo Zaandam", OrganisationKind.LOCAL, null, null,
                                              new OrganisationId("org-unknown"), "GM0479"))
               .expectException(refusal(ErrorCode.NOT_FOUND));
        fixture.givenNoPriorActivity()
               .when(new RegisterOrganisation(BRANCH, "Jumbo Zaandam", OrganisationKind.LOCAL, null, null, JUMBO,
                                              "GM9999"))
               .expectException(refusal(ErrorCode.NOT_FOUND));
        fixture.givenNoPriorActivity()
               .when(new RegisterOrganisation(BRANCH, "Jumbo Zaandam", OrganisationKind.LOCAL, null, null, null,
                                              "GM0479"))
               .expectException(refusal(ErrorCode.VALIDATION));
        fixture.givenNoPriorActivity()
               .when(new RegisterOrganisation(BRANCH, "Jumbo Zaandam", OrganisationKind.LOCAL, null, "87654321",
                                              JUMBO, "GM0479"))
               .expectException(refusal(ErrorCode.VALIDATION));
    }

    @Test
    void aMunicipalityOrganisationComesOnlyWithItsMunicipality() {
        OrganisationId id = new OrganisationId("org-zaanstad");
        fixture.givenNoPriorActivity()
               .when(new RegisterOrganisation(id, "Gemeente Zaanstad", OrganisationKind.MUNICIPALITY, null, null, null,
                                              "GM0479"))
               .expectNoEvents()
               .expectException(refusal(ErrorCode.CONFLICT))
               .expectExceptionMessage(org.hamcrest.Matchers.containsString(
                       "Municipality GM0479 already has its organisation municipality-GM0479"));
        // The usual checks come first: an unknown municipality, a missing code, a parent.
        fixture.givenNoPriorActivity()
               .when(new RegisterOrganisation(id, "Gemeente X", OrganisationKind.MUNICIPALITY, null, null, null,
                                              "GM9999"))
               .expectException(refusal(ErrorCode.NOT_FOUND));
        fixture.givenNoPriorActivity()
               .when(new RegisterOrganisation(id, "Gemeente X", OrganisationKind.MUNICIPALITY, null, null, null, null))
               .expectException(refusal(ErrorCode.VALIDATION));
        fixture.givenNoPriorActivity()
               .when(new RegisterOrganisation(id, "Gemeente X", OrganisationKind.MUNICIPALITY, null, null, JUMBO,
                                              "GM0479"))
               .expectException(refusal(ErrorCode.VALIDATION));
    }

    @Test
    void theMunicipalityPolicyRegistersTheMunicipalityOrganisation() {
        OrganisationId id = OrganisationId.ofMunicipality("GM0479");
        fixture.givenNoPriorActivity()
               .when(new RegisterMunicipalityOrganisation(id, "GM0479", "Zaanstad"))
               .expectEvents(new OrganisationRegistered(id, "Gemeente Zaanstad", OrganisationKind.MUNICIPALITY,
                                                        Sector.PUBLIC, null, null, "GM0479"));
    }

    @Test
    void aNationalOrganisationHasNoParent() {
        fixture.givenNoPriorActivity()
               .when(new RegisterOrganisation(BRANCH, "X", OrganisationKind.NATIONAL, null, null, JUMBO, null))
               .expectException(refusal(ErrorCode.VALIDATION));
    }

    @Test
    void renamingKeepsThePreviousNameInTheEventAndIgnoresTheSameName() {
        OrganisationRegistered registered = new OrganisationRegistered(JUMBO, "Jumbo", OrganisationKind.NATIONAL,
                                                                       null, null, null, null);
        fixture.given(registered)
               .when(new RenameOrganisation(JUMBO, "Jumbo Supermarkten"))
               .expectEvents(new OrganisationRenamed(JUMBO, "Jumbo Supermarkten", "Jumbo"));
        fixture.given(registered).when(new RenameOrganisation(JUMBO, "Jumbo")).expectNoEvents();
        fixture.given(registered).when(new RenameOrganisation(JUMBO, "")).expectException(refusal(ErrorCode.VALIDATION));
    }

    @Test
    void updatingKeepsFieldsLeftOut() {
        fixture.given(new OrganisationRegistered(JUMBO, "Jumbo", OrganisationKind.NATIONAL, Sector.COMPANIES,
                                                 "12345678", null, null))
               .when(new UpdateOrganisation(JUMBO, Sector.FUNDS, null))
               .expectEvents(new OrganisationUpdated(JUMBO, Sector.FUNDS, "12345678"));
    }
}
