package nl.eentegeneenzaamheid.registry.audit;

import java.time.Instant;

/**
 * A point of the hash chain worth keeping: the position of an event and its hash. An auditor who keeps one (from the
 * yearly report, or fetched from {@code auditChainHeads}) can later ask whether the log still extends it; nothing
 * else catches a log cut short at its end or rewritten with a recomputed chain.
 *
 * @param recordedAt when the registry recorded it; null for a head given by a caller
 */
public record ChainHead(long position, String hash, Instant recordedAt) {
}
