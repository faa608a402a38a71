package nl.eentegeneenzaamheid.registry.transfer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One kind of CSV file: its columns, what each row asks of the registry, and how the registry's state is written
 * back in the same format. Collaborations and pilots become two more implementations.
 */
interface Format {

    Kind kind();

    /** The fact's columns, in the order an export writes them; the optional {@code source}/{@code sourceDate} follow. */
    List<String> columns();

    /** Columns a file may leave out (every row then has them blank). */
    default List<String> optionalColumns() {
        return List.of();
    }

    /**
     * What the row asks of the registry, decided against {@code state} (the registry as it is plus the rows before
     * this one) and applied to it; throws a {@code RegistryException} with the reason when the row cannot be recorded.
     */
    Step plan(Row row, RegistryState state);

    /** The state on {@code asOf} as known at {@code knownAt} ({@code null}: now), rows in an order that imports. */
    List<List<String>> export(RegistryState state, LocalDate asOf, Instant knownAt);

    /**
     * One command to send for a row, or none when the registry already holds the row's fact. {@code readsBack}: the
     * aggregates (of earlier rows of the same file, maybe) whose effects the command's handler reads from the read
     * models, such as a branch's parent organisation; the import waits for the read models before such a command
     * when an earlier row changed one of them, and otherwise sends its rows without waiting.
     */
    record Step(String operation, Supplier<Object> command, Set<String> readsBack) {

        static final Step ALREADY_RECORDED = new Step(null, null);

        Step(String operation, Supplier<Object> command) {
            this(operation, command, Set.of());
        }

        boolean alreadyRecorded() {
            return command == null;
        }
    }
}
