package nl.eentegeneenzaamheid.registry.transfer;

import java.util.Arrays;
import nl.eentegeneenzaamheid.registry.common.RegistryException;

/** The kinds of CSV file the registry imports and exports; each has one format (docs/import.md). */
public enum Kind {
    ORGANISATIONS("organisations"),
    NATIONAL_COALITION("national-coalition"),
    MUNICIPALITIES("municipalities"),
    LOCAL_COALITIONS("local-coalitions"),
    COLLABORATIONS("collaborations"),
    PILOTS("pilots");

    /** The kind's name in URLs and on the command line. */
    private final String slug;

    Kind(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }

    /** By slug ({@code local-coalitions}) or enum name ({@code LOCAL_COALITIONS}). */
    public static Kind of(String name) {
        return Arrays.stream(values()).filter(k -> k.slug.equals(name) || k.name().equals(name)).findFirst()
                     .orElseThrow(() -> RegistryException.validation(
                             "Unknown import kind \"" + name + "\"; one of " + Arrays.stream(values())
                                     .map(Kind::slug).toList()));
    }
}
