package nl.eentegeneenzaamheid.registry.readmodel;

import java.util.List;

/**
 * A projection (an Axon {@code @ProcessingGroup} with {@code @EventHandler}s and a {@code @ResetHandler} that drops
 * its collections) whose read model can be rebuilt from the log. A rebuild runs a second instance of the same class,
 * made by {@link #writingTo}, so the very same handlers build the shadow read model. Handlers must only read and
 * write the collections of their own instance.
 *
 * <p>Policies (handlers that send commands) are not read models: a rebuild never feeds them.
 */
public interface ReadModel {

    /** The collections this instance writes, always in the same order (the live and the shadow lists pair up). */
    List<String> collections();

    /** Another instance of the same projection, keeping its read model in the collections {@code names} gives. */
    ReadModel writingTo(CollectionNames names);
}
