package nl.eentegeneenzaamheid.registry.organisation;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** An organisation as the read model holds it (the GraphQL type {@code Organisation}). */
@Document("organisations")
public record OrganisationView(@Id String id, String name, String nameKey, OrganisationKind kind, Sector sector,
                               String kvkNumber, String parentId, String municipalityCode, Instant registeredAt) {
}
