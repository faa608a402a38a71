package nl.eentegeneenzaamheid.registry.organisation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What can be asked of an organisation. */
public sealed interface OrganisationCommand {

    OrganisationId organisationId();

    record RegisterOrganisation(@TargetAggregateIdentifier OrganisationId organisationId, String name,
                                OrganisationKind kind, Sector sector, String kvkNumber, OrganisationId parentId,
                                String municipalityCode) implements OrganisationCommand {
    }

    record RenameOrganisation(@TargetAggregateIdentifier OrganisationId organisationId, String name)
            implements OrganisationCommand {
    }

    /** {@code null} fields stay as they are. */
    record UpdateOrganisation(@TargetAggregateIdentifier OrganisationId organisationId, Sector sector,
                              String kvkNumber) implements OrganisationCommand {
    }

    /**
     * A municipality's own organisation, created with the municipality (by {@link MunicipalityOrganisations});
     * {@code organisationId} is {@link OrganisationId#ofMunicipality}, so a second attempt collides.
     */
    record RegisterMunicipalityOrganisation(@TargetAggregateIdentifier OrganisationId organisationId,
                                            String municipalityCode, String municipalityName)
            implements OrganisationCommand {
    }
}
