package nl.eentegeneenzaamheid.registry.audit;

import java.util.Optional;
import nl.eentegeneenzaamheid.registry.eventstore.ChainHash;
import nl.eentegeneenzaamheid.registry.eventstore.CommitLog;
import nl.eentegeneenzaamheid.registry.eventstore.CommitLog.Commit;
import nl.eentegeneenzaamheid.registry.eventstore.CommitLog.StoredEvent;

/**
 * Recomputes the hash chain over the stored log, streaming it window by window (docs/audit-chain.md). It stops at the
 * first broken event: every later hash depends on it, so the first one is the one to name.
 */
public final class AuditChainVerifier {

    private final CommitLog log;

    public AuditChainVerifier(CommitLog log) {
        this.log = log;
    }

    /**
     * Verifies the chain from {@code start} (an earlier head known to be sound; null: from the first event) to the
     * end of the log, and whether the log extends {@code kept} (null: not asked).
     */
    public AuditChainVerification verify(ChainHead start, ChainHead kept) {
        Walk walk = new Walk(kept);
        long from = 1;
        if (start != null) {
            Optional<Commit> holding = log.commitHolding(start.position());
            Optional<StoredEvent> event = holding.map(c -> c.events().get((int) (start.position() - c.position())));
            if (event.isEmpty() || !start.hash().equals(event.get().hash())) {
                return walk.result(event.orElse(null), "The log no longer holds the event at position "
                                                       + start.position() + " with hash " + start.hash()
                                                       + ": it was changed at or before that position");
            }
            from = holding.get().position();
            walk.previous = start.hash();
            walk.skipThrough = start.position();
            walk.lastPosition = start.position();
        }
        walk.expected = from;
        log.walk(from, walk::check);
        if (walk.broken == null) {
            // A commit at the expected position was appended after the walk had passed: no gap.
            log.firstCommitFrom(walk.expected).filter(beyond -> beyond.position() != walk.expected)
               .ifPresent(beyond -> walk.brokenAt(
                    beyond.events().isEmpty() ? null : beyond.events().get(0), beyond.position(),
                    "The log has no event at position " + walk.expected + " but goes on at " + beyond.position()
                    + ": events are missing before it"));
        }
        return walk.result(null, null);
    }

    /** The state of one verification while the log streams past. */
    private static final class Walk {

        private final ChainHead kept;
        private String previous = ChainHash.GENESIS;
        private long expected;
        private long skipThrough;
        private long checked;
        private long lastPosition;
        private String hashAtKept;
        private StoredEvent broken;
        private long brokenPosition;
        private String reason;

        Walk(ChainHead kept) {
            this.kept = kept;
        }

        boolean check(Commit commit) {
            if (commit.position() != expected) {
                return brokenAt(commit.events().isEmpty() ? null : commit.events().get(0), commit.position(),
                                "The commit at position " + commit.position() + " starts inside the one before it, "
                                + "which ends at " + (expected - 1) + ": events were added or removed there");
            }
            if (commit.events().isEmpty()) {
                return brokenAt(null, commit.position(), "The commit at position " + commit.position()
                                                         + " holds no events");
            }
            for (StoredEvent event : commit.events()) {
                if (event.position() <= skipThrough) {
                    continue;
                }
                checked++;
                if (event.hash() == null || !event.hash().equals(event.expectedHash(previous))) {
                    return brokenAt(event, event.position(), "The event at position " + event.position()
                                    + " does not match its hash: its content, its position or an event before it "
                                    + "was changed");
                }
                previous = event.hash();
                lastPosition = event.position();
                if (kept != null && event.position() == kept.position()) {
                    hashAtKept = event.hash();
                }
            }
            if (!commit.consistent()) {
                return brokenAt(commit.events().get(0), commit.position(), "The commit at position "
                                + commit.position() + " says it holds other events (count or sequence numbers) "
                                + "than it does");
            }
            expected = commit.end();
            return true;
        }

        private boolean brokenAt(StoredEvent event, long position, String why) {
            broken = event;
            brokenPosition = position;
            reason = why;
            return false;
        }

        AuditChainVerification result(StoredEvent brokenBeforeStart, String startReason) {
            if (startReason != null) {
                return new AuditChainVerification(false, 0, brokenBeforeStart == null ? null
                        : brokenBeforeStart.eventId(), brokenBeforeStart == null ? null
                        : brokenBeforeStart.position(), kept == null ? null : false, startReason, null);
            }
            Boolean extendsHead = null;
            String headReason = null;
            if (kept != null) {
                if (broken != null && brokenPosition <= kept.position()) {
                    extendsHead = false;
                    headReason = "the chain breaks before the kept head's position " + kept.position();
                } else if (hashAtKept == null) {
                    extendsHead = false;
                    headReason = "the log ends at position " + lastPosition + ", before the kept head's position "
                                 + kept.position() + ": events were removed from its end";
                } else if (!hashAtKept.equals(kept.hash())) {
                    extendsHead = false;
                    headReason = "the event at the kept head's position " + kept.position() + " has hash "
                                 + hashAtKept + ", not the kept " + kept.hash()
                                 + ": the log was rewritten at or before it and its chain recomputed";
                } else {
                    extendsHead = true;
                }
            }
            boolean valid = broken == null && !Boolean.FALSE.equals(extendsHead);
            String message;
            if (valid) {
                message = "The chain of " + checked + " events is intact" + (kept == null ? ""
                        : " and extends the kept head at position " + kept.position());
            } else if (reason == null) {
                message = "The chain is intact, but " + headReason;
            } else if (headReason == null) {
                message = reason;
            } else {
                message = reason + "; " + headReason;
            }
            // The end of an intact chain is a head worth keeping; the end of a broken one is not.
            ChainHead last = broken != null || lastPosition == 0 ? null : new ChainHead(lastPosition, previous, null);
            return new AuditChainVerification(valid, checked, broken == null ? null : broken.eventId(),
                                              broken == null ? null : brokenPosition, extendsHead, message, last);
        }
    }
}
