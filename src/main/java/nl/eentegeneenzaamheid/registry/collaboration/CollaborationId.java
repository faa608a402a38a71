package nl.eentegeneenzaamheid.registry.collaboration;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** A collaboration's id: {@code collaboration-<uuid>}. */
public record CollaborationId(@JsonValue String value) {

    @JsonCreator
    public CollaborationId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A collaboration id cannot be empty");
        }
    }

    public static CollaborationId generate() {
        return new CollaborationId("collaboration-" + UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
