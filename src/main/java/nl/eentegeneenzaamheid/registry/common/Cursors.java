package nl.eentegeneenzaamheid.registry.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque page cursors: a client passes back what it was given and cannot build its own. */
public final class Cursors {

    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 500;

    private Cursors() {
    }

    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RegistryException.validation("after is not a cursor this registry gave out");
        }
    }

    public static int pageSize(Integer first) {
        if (first == null) {
            return DEFAULT_PAGE;
        }
        if (first < 0 || first > MAX_PAGE) {
            throw RegistryException.validation("first must be between 0 and " + MAX_PAGE);
        }
        return first;
    }
}
