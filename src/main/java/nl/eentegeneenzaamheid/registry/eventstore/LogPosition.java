package nl.eentegeneenzaamheid.registry.eventstore;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.OptionalLong;
import org.axonframework.eventhandling.TrackingToken;

/**
 * A tracking token: the global position ({@code index}) of the last event seen, and the commit to resume reading at. Two longs,
 * whatever the size of the log. {@code resumeAt} is the commit holding the next event: {@code index + 1} when
 * the last event ended its commit, else the start of the commit that is still being read.
 */
public record LogPosition(long index, long resumeAt) implements TrackingToken {

    /** Before the first event: the log starts at position 1. */
    public static final LogPosition START = new LogPosition(0, 1);

    @JsonCreator
    public LogPosition(@JsonProperty("index") long index, @JsonProperty("resumeAt") long resumeAt) {
        if (resumeAt < 1 || resumeAt > index + 1) {
            throw new IllegalArgumentException("resumeAt must lie in [1, index + 1]");
        }
        this.index = index;
        this.resumeAt = resumeAt;
    }

    @Override
    public TrackingToken lowerBound(TrackingToken other) {
        return covers(other) ? other : this;
    }

    @Override
    public TrackingToken upperBound(TrackingToken other) {
        return covers(other) ? this : other;
    }

    @Override
    public boolean covers(TrackingToken other) {
        if (other == null) {
            return true;
        }
        if (!(other instanceof LogPosition that)) {
            throw new IllegalArgumentException("Incompatible token type: " + other.getClass().getSimpleName());
        }
        return that.index <= index;
    }

    @Override
    public OptionalLong position() {
        return OptionalLong.of(index);
    }
}
