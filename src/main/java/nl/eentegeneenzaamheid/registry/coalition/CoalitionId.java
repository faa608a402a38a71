package nl.eentegeneenzaamheid.registry.coalition;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** A coalition's id: {@code national} for the National Coalition, {@code coalition-<uuid>} for a local one. */
public record CoalitionId(@JsonValue String value) {

    public static final CoalitionId NATIONAL = new CoalitionId("national");

    @JsonCreator
    public CoalitionId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A coalition id cannot be empty");
        }
    }

    public static CoalitionId generate() {
        return new CoalitionId("coalition-" + UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
