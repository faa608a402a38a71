package nl.eentegeneenzaamheid.registry.eventstore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash that chains every event of the log to the one before it in global order (docs/audit-chain.md, "Canonical
 * form"). An auditor recomputes it from an export without the registry's code, so the form is deliberately plain:
 * a version line, then each field as its UTF-8 byte length, a colon, the bytes and a newline ({@code -} and a newline
 * for an absent field), in a fixed order; the hash is the lowercase hex SHA-256 of those bytes.
 */
public final class ChainHash {

    /** The previous hash of the first event of the log. */
    public static final String GENESIS = "0".repeat(64);
    static final String VERSION = "registry-audit-chain/1";
    private static final byte[] ABSENT = "-\n".getBytes(StandardCharsets.US_ASCII);

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    });

    private ChainHash() {
    }

    /** The hash of one stored event at {@code position}, chained to {@code previousHash}. */
    public static String of(long position, String eventId, String aggregateType, String aggregateId, long seq,
                            String timestamp, String payloadType, String payloadRevision, String payload,
                            String metaData, String previousHash) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        digest.update((VERSION + "\n").getBytes(StandardCharsets.UTF_8));
        field(digest, Long.toString(position));
        field(digest, eventId);
        field(digest, aggregateType);
        field(digest, aggregateId);
        field(digest, Long.toString(seq));
        field(digest, timestamp);
        field(digest, payloadType);
        field(digest, payloadRevision);
        field(digest, payload);
        field(digest, metaData);
        field(digest, previousHash);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void field(MessageDigest digest, String value) {
        if (value == null) {
            digest.update(ABSENT);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
        digest.update((byte) '\n');
    }
}
