package nl.eentegeneenzaamheid.registry.pilot;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** A pilot's id: {@code pilot-<uuid>}; it keeps it when it becomes a project. */
public record PilotId(@JsonValue String value) {

    @JsonCreator
    public PilotId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A pilot id cannot be empty");
        }
    }

    public static PilotId generate() {
        return new PilotId("pilot-" + UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
