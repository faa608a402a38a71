package nl.eentegeneenzaamheid.registry.transfer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.common.Text;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationCommand.RegisterOrganisation;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationKind;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationView;
import nl.eentegeneenzaamheid.registry.organisation.Sector;
import org.springframework.stereotype.Component;

/** {@code orgKey,name,kind,sector,kvkNumber,parentKey,municipalityCode}: national organisations and local branches. */
@Component
class OrganisationsFormat implements Format {

    @Override
    public Kind kind() {
        return Kind.ORGANISATIONS;
    }

    @Override
    public List<String> columns() {
        return List.of("orgKey", "name", "kind", "sector", "kvkNumber", "parentKey", "municipalityCode");
    }

    @Override
    public List<String> optionalColumns() {
        return List.of("sector", "kvkNumber", "parentKey", "municipalityCode");
    }

    @Override
    public Step plan(Row row, RegistryState state) {
        OrganisationId id = Keys.organisation(row.required("orgKey"));
        String name = Text.requireName("name", row.get("name"));
        OrganisationKind kind = row.enumValue("kind", OrganisationKind.class);
        if (kind == null) {
            throw RegistryException.validation("kind is required: NATIONAL or LOCAL");
        }
        if (kind == OrganisationKind.MUNICIPALITY) {
            throw RegistryException.validation("A municipality's organisation comes with the municipality; rows refer "
                                               + "to it as municipality-<CBS code>, e.g. municipality-GM0363");
        }
        Sector sector = row.enumValue("sector", Sector.class);
        String kvk = row.get("kvkNumber");
        if (kvk != null && !kvk.matches("\\d{8}")) {
            throw RegistryException.validation("A KvK number is 8 digits, e.g. 12345678; got \"" + kvk + "\"");
        }
        String parentKey = row.get("parentKey");
        String municipalityCode = row.get("municipalityCode");
        RegistryState.Organisation existing = state.organisations().get(id.value());
        if (existing != null) {
            if (existing.name().equals(name) && existing.kind() == kind) {
                return Step.ALREADY_RECORDED;
            }
            throw RegistryException.conflict("orgKey " + row.get("orgKey") + " is already the organisation "
                                             + existing.name() + " (" + existing.kind() + "), " + id);
        }
        OrganisationId parentId = null;
        if (kind == OrganisationKind.NATIONAL) {
            if (parentKey != null || municipalityCode != null) {
                throw RegistryException.validation("A NATIONAL organisation has no parentKey or municipalityCode");
            }
            if (kvk != null && state.kvkHolders().containsKey(kvk)) {
                throw RegistryException.conflict("KvK number " + kvk + " is already registered for organisation "
                                                 + state.kvkHolders().get(kvk));
            }
        } else {
            if (parentKey == null || municipalityCode == null) {
                throw RegistryException.validation("A LOCAL organisation (a branch) needs parentKey (its national "
                                                   + "organisation) and municipalityCode");
            }
            parentId = Keys.organisation(parentKey);
            RegistryState.Organisation parent = state.organisation(parentId.value());
            if (parent.kind() != OrganisationKind.NATIONAL) {
                throw RegistryException.validation("The parent of a local branch must be a NATIONAL organisation; "
                                                   + parent.name() + " is " + parent.kind());
            }
            if (kvk != null && !kvk.equals(parent.kvkNumber())) {
                throw RegistryException.validation("A local branch carries no KvK number of its own, or its "
                                                   + "parent's (" + parent.kvkNumber() + ")");
            }
            state.municipality(municipalityCode);
        }
        state.organisations().put(id.value(), new RegistryState.Organisation(name, kind, kvk));
        if (kvk != null && kind == OrganisationKind.NATIONAL) {
            state.kvkHolders().put(kvk, id.value());
        }
        OrganisationId parent = parentId;
        // A branch's registration reads its parent from the organisation directory.
        return new Step("registerOrganisation",
                        () -> new RegisterOrganisation(id, name, kind, sector, kvk, parent, municipalityCode),
                        parent == null ? Set.of() : Set.of(parent.value()));
    }

    /**
     * National organisations, then branches (a branch names its parent), each by name; organisations have no
     * business date, so {@code asOf} does not filter them, {@code knownAt} does (registered by then). Names and
     * details are today's: renames are not kept on the time axes.
     */
    @Override
    public List<List<String>> export(RegistryState state, LocalDate asOf, Instant knownAt) {
        List<List<String>> rows = new ArrayList<>();
        state.organisationDirectory.all().stream()
             .filter(o -> o.kind() != OrganisationKind.MUNICIPALITY)
             .filter(o -> knownAt == null || o.registeredAt() == null || !o.registeredAt().isAfter(knownAt))
             .sorted(Comparator.comparing((OrganisationView o) -> o.kind() != OrganisationKind.NATIONAL)
                               .thenComparing(OrganisationView::name).thenComparing(OrganisationView::id))
             .forEach(o -> rows.add(List.of(o.id(), o.name(), o.kind().name(),
                                            o.sector() == null ? "" : o.sector().name(),
                                            Objects.requireNonNullElse(o.kvkNumber(), ""),
                                            Objects.requireNonNullElse(o.parentId(), ""),
                                            Objects.requireNonNullElse(o.municipalityCode(), ""))));
        return rows;
    }
}
