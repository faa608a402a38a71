package nl.eentegeneenzaamheid.registry.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import nl.eentegeneenzaamheid.registry.access.AccessTokenCommand.IssueAccessToken;
import nl.eentegeneenzaamheid.registry.access.AccessTokenCommand.RevokeAccessToken;
import nl.eentegeneenzaamheid.registry.common.Commands;
import nl.eentegeneenzaamheid.registry.common.Commands.Actor;
import nl.eentegeneenzaamheid.registry.common.Role;
import nl.eentegeneenzaamheid.registry.eventstore.StoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The programme-team token that lets the first person in ({@code operations.md}): {@code registry.bootstrap-token}
 * ({@code REGISTRY_BOOTSTRAP_TOKEN}) when set; otherwise, on the embedded store, one generated on the first start and
 * written to {@code <data dir>/bootstrap-token}, readable by the owner only. On a MongoDB of its own
 * ({@code MONGODB_URI}) the registry generates none: several nodes would each make their own, and a file on one node
 * is not where operators look; it then needs the variable (or tokens issued earlier).
 *
 * <p>Issuing it is an event like any other token's, with a fixed requestId per secret, so a restart records nothing
 * new. A different secret later revokes the previous bootstrap token.
 */
@Component
class BootstrapToken implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapToken.class);
    static final String LABEL = "bootstrap";

    private final Commands commands;
    private final AccessTokenProjection tokens;
    private final TokenLabels labels;
    private final StoreProperties store;
    private final String configured;

    BootstrapToken(Commands commands, AccessTokenProjection tokens, TokenLabels labels, StoreProperties store,
                   @Value("${registry.bootstrap-token:}") String configured) {
        this.commands = commands;
        this.tokens = tokens;
        this.labels = labels;
        this.store = store;
        this.configured = configured;
    }

    @Override
    public void run(ApplicationArguments args) {
        String secret = secret();
        if (secret == null) {
            return;
        }
        String hash = Secrets.hash(secret);
        if (tokens.bySecretHash(hash).isPresent()) {
            return; // issued on an earlier start (and perhaps revoked since: that stands)
        }
        String tokenId = "token-bootstrap-" + hash.substring(0, 16);
        String label = LABEL;
        String previous = labels.holderOf(LABEL).orElse(null);
        if (previous != null && !previous.equals(tokenId)) {
            commands.sendWhenSettled(Actor.SYSTEM, "revoke-bootstrap-" + previous, "revokeAccessToken",
                                     Map.of("id", previous), () -> new RevokeAccessToken(previous));
            label = LABEL + "-" + hash.substring(0, 8);
        }
        String finalLabel = label;
        commands.sendWhenSettled(Actor.SYSTEM, "bootstrap-token-" + hash.substring(0, 16), "issueAccessToken",
                                 Map.of("role", Role.PROGRAMME_TEAM.name(), "label", finalLabel),
                                 () -> new IssueAccessToken(tokenId, Role.PROGRAMME_TEAM, null, finalLabel, hash,
                                                            null));
    }

    private String secret() {
        if (configured != null && !configured.isBlank()) {
            if (configured.trim().length() < 20) {
                throw new IllegalStateException("REGISTRY_BOOTSTRAP_TOKEN must be at least 20 characters; "
                                                + "generate one with: openssl rand -base64 32");
            }
            return configured.trim();
        }
        if (!store.embedded()) {
            log.warn("No REGISTRY_BOOTSTRAP_TOKEN set and the registry runs on MONGODB_URI: no bootstrap token is "
                     + "generated. Set REGISTRY_BOOTSTRAP_TOKEN if nobody holds a programme-team token yet.");
            return null;
        }
        Path file = store.dataDir().resolve("bootstrap-token");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(file.getParent());
            String secret = Secrets.generate();
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
            log.info("Generated the bootstrap programme-team token; it is in {} (readable by its owner only)",
                     file.toAbsolutePath());
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the bootstrap token at " + file.toAbsolutePath(), e);
        }
    }
}
