package nl.eentegeneenzaamheid.registry.organisation;

import org.axonframework.serialization.Revision;

/** What happened to an organisation. */
public sealed interface OrganisationEvent {

    OrganisationId organisationId();

    /** A national organisation, a local branch of one ({@code parentId}) or a municipality's own organisation. */
    @Revision("1")
    record OrganisationRegistered(OrganisationId organisationId, String name, OrganisationKind kind, Sector sector,
                                  String kvkNumber, OrganisationId parentId, String municipalityCode)
            implements OrganisationEvent {
    }

    @Revision("1")
    record OrganisationRenamed(OrganisationId organisationId, String name, String previousName)
            implements OrganisationEvent {
    }

    /** The organisation's details after the change. */
    @Revision("1")
    record OrganisationUpdated(OrganisationId organisationId, Sector sector, String kvkNumber)
            implements OrganisationEvent {
    }
}
