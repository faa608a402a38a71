package nl.eentegeneenzaamheid.registry.transfer;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.eentegeneenzaamheid.registry.common.RegistryException;

/** One data row of a CSV file: its line number (the header is line 1) and its values by column, blank as null. */
record Row(long line, Map<String, String> values) {

    String get(String column) {
        String value = values.get(column);
        return value == null || value.isBlank() ? null : value.trim();
    }

    String required(String column) {
        String value = get(column);
        if (value == null) {
            throw RegistryException.validation(column + " is required");
        }
        return value;
    }

    LocalDate date(String column) {
        String value = get(column);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw RegistryException.validation(column + " must be a date as YYYY-MM-DD; got \"" + value + "\"");
        }
    }

    LocalDate requiredDate(String column) {
        required(column);
        return date(column);
    }

    /** Case-insensitive; blank is null. */
    <E extends Enum<E>> E enumValue(String column, Class<E> type) {
        String value = get(column);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            throw RegistryException.validation(column + " must be one of " + Arrays.toString(type.getEnumConstants())
                                               + "; got \"" + value + "\"");
        }
    }

    /** A column that must hold one of {@code type}'s values; the error names them. */
    <E extends Enum<E>> E requiredEnum(String column, Class<E> type) {
        E value = enumValue(column, type);
        if (value == null) {
            List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
            throw RegistryException.validation(column + " is required: "
                                               + String.join(", ", names.subList(0, names.size() - 1))
                                               + (names.size() > 1 ? " or " : "") + names.get(names.size() - 1));
        }
        return value;
    }

    /** A column holding a list separated by {@code ;}: the trimmed, non-empty entries (none when blank). */
    List<String> list(String column) {
        String value = get(column);
        return value == null ? List.of()
                : Arrays.stream(value.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
