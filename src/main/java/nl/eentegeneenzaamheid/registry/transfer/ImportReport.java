package nl.eentegeneenzaamheid.registry.transfer;

import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.util.List;

/**
 * What an import did, or, while it runs, how far it got (the GraphQL type {@code ImportReport}).
 *
 * @param rows            data rows in the file
 * @param checked         rows judged so far by the dry run
 * @param recorded        rows whose command was recorded
 * @param alreadyRecorded rows whose fact the registry already held (a second import of the same file)
 */
public record ImportReport(String id, Kind kind, String source, LocalDate sourceDate, String actor, Status status,
                           int rows, int checked, int recorded, int alreadyRecorded, List<Rejection> rejected,
                           OffsetDateTime startedAt, OffsetDateTime finishedAt) {

    public enum Status {
        /** The rows are being judged. */
        CHECKING,
        /** Judged; the accepted rows are being recorded. */
        RECORDING,
        /** Every accepted row was recorded. */
        RECORDED,
        /** A dry run: judged, nothing recorded. */
        CHECKED,
        /** Rows were rejected, so nothing was recorded (acceptValidRows records the others). */
        REFUSED,
        /** The registry refused a row while recording, after the dry run had accepted it: recording stopped there. */
        FAILED
    }

    /** A row that was not recorded: its line in the file (the header is line 1), the error code and why. */
    public record Rejection(long line, String code, String reason) {
    }
}
