package nl.eentegeneenzaamheid.registry.audit;

/**
 * The outcome of recomputing the hash chain.
 *
 * @param valid               the chain is intact and, when a kept head was given, the log extends it
 * @param entriesChecked      events whose hash was recomputed (up to and including the first broken one)
 * @param firstBrokenEventId  the first event whose stored hash does not follow from its content and its predecessor
 *                            (or that follows a gap); null when none
 * @param firstBrokenPosition that event's position
 * @param extendsHead         whether the log still holds the kept head's position with its hash, chained intact up
 *                            to it; null when no head was given
 * @param message             what was found, in words an auditor can act on
 * @param head                the last event checked: keep it to check later that the log still extends it
 */
public record AuditChainVerification(boolean valid, long entriesChecked, String firstBrokenEventId,
                                     Long firstBrokenPosition, Boolean extendsHead, String message, ChainHead head) {
}
