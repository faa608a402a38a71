package nl.eentegeneenzaamheid.registry.readmodel;

/**
 * Where a projection keeps its read model: the live collections, which queries read, or shadow collections of the
 * same shape beside them, which a rebuild writes while the live ones keep serving.
 */
public record CollectionNames(String prefix) {

    public static final CollectionNames LIVE = new CollectionNames("");
    public static final CollectionNames SHADOW = new CollectionNames("shadow_");

    /** The name of the collection {@code collection} (a live name) under this prefix. */
    public String of(String collection) {
        return prefix + collection;
    }
}
