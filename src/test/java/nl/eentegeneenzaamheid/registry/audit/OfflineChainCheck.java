package nl.eentegeneenzaamheid.registry.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * An auditor's check of an exported log with nothing but the JDK and docs/audit-chain.md: no registry class, no JSON
 * library. It parses each NDJSON line (flat objects of strings, numbers and nulls), recomputes every hash over the
 * documented canonical form and follows the chain from line to line.
 */
public final class OfflineChainCheck {

    /** What a sound export ends with. */
    public record Result(long events, long firstPosition, long lastPosition, String lastHash) {
    }

    private OfflineChainCheck() {
    }

    /**
     * Checks the file; {@code startHash} is the hash the first line must chain to (64 zeros for an export from
     * position 1, or a head kept earlier). Throws {@link AssertionError} naming the first line that does not fit.
     */
    public static Result check(Path file, String startHash) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String previous = startHash;
        long expectedPosition = -1;
        long first = 0;
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Object> line = parse(lines.get(i));
            long position = ((Number) line.get("position")).longValue();
            if (expectedPosition >= 0 && position != expectedPosition) {
                throw new AssertionError("line " + (i + 1) + ": position " + position + ", expected "
                                         + expectedPosition);
            }
            if (!previous.equals(line.get("previousHash"))) {
                throw new AssertionError("line " + (i + 1) + ": previousHash " + line.get("previousHash")
                                         + " does not continue the chain at " + previous);
            }
            String hash = sha256("registry-audit-chain/1\n", String.valueOf(position), (String) line.get("eventId"),
                                 (String) line.get("aggregateType"), (String) line.get("aggregateId"),
                                 String.valueOf(((Number) line.get("seq")).longValue()),
                                 (String) line.get("timestamp"), (String) line.get("payloadType"),
                                 (String) line.get("payloadRevision"), (String) line.get("payload"),
                                 (String) line.get("metaData"), previous);
            if (!hash.equals(line.get("hash"))) {
                throw new AssertionError("line " + (i + 1) + " (position " + position + ", event "
                                         + line.get("eventId") + "): recomputed hash " + hash + " differs from "
                                         + line.get("hash"));
            }
            if (i == 0) {
                first = position;
            }
            previous = hash;
            expectedPosition = position + 1;
        }
        return new Result(lines.size(), first, expectedPosition - 1, previous);
    }

    /** SHA-256 of the version line, then each field as "<UTF-8 byte length>:<bytes>\n" ("-\n" when absent). */
    private static String sha256(String version, String... fields) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(version.getBytes(StandardCharsets.UTF_8));
            for (String field : fields) {
                if (field == null) {
                    digest.update("-\n".getBytes(StandardCharsets.UTF_8));
                } else {
                    byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                    digest.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
                    digest.update(bytes);
                    digest.update((byte) '\n');
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A flat JSON object: string, number, boolean and null values. */
    static Map<String, Object> parse(String json) {
        Map<String, Object> fields = new HashMap<>();
        int[] at = {skip(json, 0)};
        expect(json, at, '{');
        while (true) {
            at[0] = skip(json, at[0]);
            if (json.charAt(at[0]) == '}') {
                return fields;
            }
            String name = string(json, at);
            at[0] = skip(json, at[0]);
            expect(json, at, ':');
            at[0] = skip(json, at[0]);
            fields.put(name, value(json, at));
            at[0] = skip(json, at[0]);
            if (json.charAt(at[0]) == ',') {
                at[0]++;
            }
        }
    }

    private static Object value(String json, int[] at) {
        char c = json.charAt(at[0]);
        if (c == '"') {
            return string(json, at);
        }
        int start = at[0];
        while (at[0] < json.length() && ",}] \t".indexOf(json.charAt(at[0])) < 0) {
            at[0]++;
        }
        String literal = json.substring(start, at[0]);
        return switch (literal) {
            case "null" -> null;
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> literal.contains(".") || literal.contains("e") || literal.contains("E")
                    ? (Object) Double.parseDouble(literal) : (Object) Long.parseLong(literal);
        };
    }

    private static String string(String json, int[] at) {
        expect(json, at, '"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = json.charAt(at[0]++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = json.charAt(at[0]++);
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(json.substring(at[0], at[0] + 4), 16));
                    at[0] += 4;
                }
                default -> throw new IllegalArgumentException("bad escape \\" + escaped + " at " + at[0]);
            }
        }
    }

    private static void expect(String json, int[] at, char c) {
        if (json.charAt(at[0]) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + at[0] + " of " + json);
        }
        at[0]++;
    }

    private static int skip(String json, int at) {
        while (at < json.length() && Character.isWhitespace(json.charAt(at))) {
            at++;
        }
        return at;
    }
}
