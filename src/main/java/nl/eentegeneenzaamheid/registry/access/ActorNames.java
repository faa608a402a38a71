package nl.eentegeneenzaamheid.registry.access;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The names under which the log's actors are shown. The log keeps an access token's id; it is shown by the token's
 * label from the token registry while the label exists (it may be erased on request), else by the id. A JWT's actor
 * ({@code issuer|subject}) and {@code system} are shown as they are.
 */
@Component
public class ActorNames {

    private final TokenLabels labels;

    ActorNames(TokenLabels labels) {
        this.labels = labels;
    }

    /** Actor id to name for the given ids, in one lookup; ids without a label are missing from the map. */
    public Map<String, String> labelsOf(Collection<String> actorIds) {
        return actorIds.isEmpty() ? Map.of() : labels.labelsOf(actorIds);
    }

    /** The actor id a name shown stands for: the token holding that label, if any. */
    public Optional<String> actorIdOf(String name) {
        return labels.holderOf(name);
    }
}
