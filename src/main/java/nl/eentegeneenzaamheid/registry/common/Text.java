package nl.eentegeneenzaamheid.registry.common;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Text as people search it: "fryslan" finds "Fryslân". Stored beside the name, as the embedded store ignores collation. */
public final class Text {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private Text() {
    }

    public static String searchKey(String text) {
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("")
                    .toLowerCase(Locale.ROOT).trim();
    }

    /** A required human-readable name: trimmed, 1 to 200 characters. */
    public static String requireName(String what, String value) {
        String trimmed = value == null ? "" : value.trim();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            throw RegistryException.validation(what + " must be 1 to 200 characters");
        }
        return trimmed;
    }
}
