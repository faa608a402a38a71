package nl.eentegeneenzaamheid.registry.organisation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** An organisation's id: {@code org-<uuid>}, or {@code municipality-<CBS code>} for a municipality's organisation. */
public record OrganisationId(@JsonValue String value) {

    @JsonCreator
    public OrganisationId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("An organisation id cannot be empty");
        }
    }

    public static OrganisationId generate() {
        return new OrganisationId("org-" + UUID.randomUUID());
    }

    public static OrganisationId ofMunicipality(String municipalityCode) {
        return new OrganisationId("municipality-" + municipalityCode);
    }

    @Override
    public String toString() {
        return value;
    }
}
