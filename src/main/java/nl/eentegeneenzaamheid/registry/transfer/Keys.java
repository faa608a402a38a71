package nl.eentegeneenzaamheid.registry.transfer;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionId;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationId;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import nl.eentegeneenzaamheid.registry.pilot.PilotId;

/**
 * How a file's keys become registry ids. A key that already is a registry id (what an export writes) is used as it
 * is; any other key (a spreadsheet's own number, a KvK number) always gives the same name-based id, so that rows of
 * several files, and a second import of the same file, name the same organisation, coalition, collaboration or pilot.
 */
final class Keys {

    private Keys() {
    }

    static OrganisationId organisation(String key) {
        if (key.startsWith("org-") || key.startsWith("municipality-")) {
            return new OrganisationId(key);
        }
        return new OrganisationId("org-" + nameBased("organisation:" + key));
    }

    static CoalitionId coalition(String key) {
        if (key.startsWith("coalition-") || key.equals(CoalitionId.NATIONAL.value())) {
            return new CoalitionId(key);
        }
        return new CoalitionId("coalition-" + nameBased("coalition:" + key));
    }

    static CollaborationId collaboration(String key) {
        return new CollaborationId(key.startsWith("collaboration-") ? key
                : "collaboration-" + nameBased("collaboration:" + key));
    }

    static PilotId pilot(String key) {
        return new PilotId(key.startsWith("pilot-") ? key : "pilot-" + nameBased("pilot:" + key));
    }

    private static UUID nameBased(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
