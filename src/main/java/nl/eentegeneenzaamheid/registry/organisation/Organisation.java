package nl.eentegeneenzaamheid.registry.organisation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Objects;
import java.util.regex.Pattern;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.common.Text;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityDirectory;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationCommand.RegisterMunicipalityOrganisation;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationCommand.RegisterOrganisation;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationCommand.RenameOrganisation;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationCommand.UpdateOrganisation;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationEvent.OrganisationRegistered;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationEvent.OrganisationRenamed;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationEvent.OrganisationUpdated;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

@Aggregate
class Organisation {

    private static final Pattern KVK = Pattern.compile("\\d{8}");

    @AggregateIdentifier
    private OrganisationId organisationId;
    private String name;
    private OrganisationKind kind;
    private Sector sector;
    private String kvkNumber;

    Organisation() {
        // for Axon
    }

    @CommandHandler
    Organisation(RegisterOrganisation command, OrganisationDirectory organisations,
                 MunicipalityDirectory municipalities, KvkRegister kvkRegister) {
        String name = Text.requireName("name", command.name());
        if (command.kind() == null) {
            throw RegistryException.validation("kind is required");
        }
        String kvk = normaliseKvk(command.kvkNumber());
        switch (command.kind()) {
            case NATIONAL -> {
                if (command.parentId() != null || command.municipalityCode() != null) {
                    throw RegistryException.validation(
                            "A NATIONAL organisation has no parentId or municipalityCode; register its local branches "
                            + "as LOCAL organisations with this one as parent");
                }
            }
            case LOCAL -> {
                if (command.parentId() == null || command.municipalityCode() == null) {
                    throw RegistryException.validation(
                            "A LOCAL organisation (a branch) needs parentId (its national organisation) and "
                            + "municipalityCode");
                }
                OrganisationView parent = organisations.find(command.parentId().value()).orElseThrow(
                        () -> RegistryException.notFound("No organisation with id " + command.parentId()));
                if (parent.kind() != OrganisationKind.NATIONAL) {
                    throw RegistryException.validation("The parent of a local branch must be a NATIONAL organisation; "
                                                       + parent.name() + " is " + parent.kind());
                }
                if (kvk != null && !kvk.equals(parent.kvkNumber())) {
                    throw RegistryException.validation(
                            "A local branch carries no KvK number of its own, or its parent's (" + parent.kvkNumber()
                            + ")");
                }
            }
            case MUNICIPALITY -> {
                if (command.parentId() != null || command.municipalityCode() == null) {
                    throw RegistryException.validation(
                            "A MUNICIPALITY organisation needs municipalityCode and has no parentId");
                }
            }
        }
        if (command.municipalityCode() != null && municipalities.find(command.municipalityCode()).isEmpty()) {
            throw RegistryException.notFound("No municipality with code " + command.municipalityCode()
                                             + " (use the CBS code, e.g. GM0363)");
        }
        if (command.kind() == OrganisationKind.MUNICIPALITY) {
            // Its one organisation comes with the municipality (RegisterMunicipalityOrganisation); a second one
            // would split its memberships and lead.
            throw RegistryException.conflict("Municipality " + command.municipalityCode()
                                             + " already has its organisation "
                                             + OrganisationId.ofMunicipality(command.municipalityCode())
                                             + "; every municipality gets one when it is recorded, use that id");
        }
        if (kvk != null && command.kind() != OrganisationKind.LOCAL) {
            kvkRegister.claim(kvk, command.organisationId());
        }
        apply(new OrganisationRegistered(command.organisationId(), name, command.kind(), command.sector(), kvk,
                                         command.parentId(), command.municipalityCode()));
    }

    /**
     * Trusts the event that caused it that the municipality exists: the municipality read model may not have caught
     * up yet.
     */
    @CommandHandler
    Organisation(RegisterMunicipalityOrganisation command) {
        String name = Text.requireName("name", "Gemeente " + command.municipalityName());
        apply(new OrganisationRegistered(command.organisationId(), name, OrganisationKind.MUNICIPALITY, Sector.PUBLIC,
                                         null, null, command.municipalityCode()));
    }

    @CommandHandler
    void handle(RenameOrganisation command) {
        String newName = Text.requireName("name", command.name());
        if (!newName.equals(name)) {
            apply(new OrganisationRenamed(organisationId, newName, name));
        }
    }

    @CommandHandler
    void handle(UpdateOrganisation command, KvkRegister kvkRegister) {
        Sector newSector = command.sector() != null ? command.sector() : sector;
        String newKvk = command.kvkNumber() != null ? normaliseKvk(command.kvkNumber()) : kvkNumber;
        if (newSector == sector && Objects.equals(newKvk, kvkNumber)) {
            return;
        }
        if (!Objects.equals(newKvk, kvkNumber) && kind != OrganisationKind.LOCAL) {
            kvkRegister.claim(newKvk, organisationId);
            kvkRegister.releaseAfterCommit(kvkNumber, organisationId);
        }
        apply(new OrganisationUpdated(organisationId, newSector, newKvk));
    }

    private static String normaliseKvk(String kvk) {
        if (kvk == null) {
            return null;
        }
        String trimmed = kvk.trim();
        if (!KVK.matcher(trimmed).matches()) {
            throw RegistryException.validation("A KvK number is 8 digits, e.g. 12345678; got \"" + abbreviate(kvk) + "\"");
        }
        return trimmed;
    }

    private static String abbreviate(String value) {
        return value.length() > 20 ? value.substring(0, 20) + "..." : value;
    }

    @EventSourcingHandler
    void on(OrganisationRegistered event) {
        organisationId = event.organisationId();
        name = event.name();
        kind = event.kind();
        sector = event.sector();
        kvkNumber = event.kvkNumber();
    }

    @EventSourcingHandler
    void on(OrganisationRenamed event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(OrganisationUpdated event) {
        sector = event.sector();
        kvkNumber = event.kvkNumber();
    }
}
