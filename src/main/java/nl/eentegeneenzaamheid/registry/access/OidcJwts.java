package nl.eentegeneenzaamheid.registry.access;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.eentegeneenzaamheid.registry.common.Commands.Actor;
import nl.eentegeneenzaamheid.registry.common.Role;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * JWTs of one OIDC issuer, accepted next to the registry's own access tokens when {@code registry.oidc.issuer-uri}
 * is set. A valid JWT (signature, issuer, expiry, audience when configured) whose role claim names a {@link Role}
 * becomes the same {@link Actor} an access token would: its id is {@code <issuer>|<subject>}, so the log records
 * who did it without personal data.
 */
final class OidcJwts {

    /**
     * What a bearer value authenticates: the actor for the log, and for a JWT the name {@code me} shows ({@code null}
     * for an access token, which {@code me} names by its label).
     */
    record Caller(Actor actor, String name) {
    }

    private static final int MAX_LENGTH = 16_384;

    private final String issuer;
    private final JwtDecoder decoder;
    private final String roleClaim;
    private final String organisationClaim;

    OidcJwts(String issuer, JwtDecoder decoder, String roleClaim, String organisationClaim) {
        this.issuer = issuer;
        this.decoder = decoder;
        this.roleClaim = roleClaim;
        this.organisationClaim = organisationClaim;
    }

    /** Empty when no issuer is configured: then only access tokens are accepted. */
    static Optional<OidcJwts> from(Environment env, ResourceLoader resources) {
        String issuer = env.getProperty("registry.oidc.issuer-uri", "").trim();
        if (issuer.isEmpty()) {
            return Optional.empty();
        }
        String jwkSetUri = env.getProperty("registry.oidc.jwk-set-uri", "").trim();
        String publicKey = env.getProperty("registry.oidc.public-key-location", "").trim();
        NimbusJwtDecoder decoder;
        if (!publicKey.isEmpty()) {
            // A fixed key: no call to the issuer at all (tests, air-gapped installations).
            decoder = NimbusJwtDecoder.withPublicKey(readKey(resources, publicKey)).build();
        } else if (!jwkSetUri.isEmpty()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
        } else {
            // Discovery (<issuer>/.well-known/openid-configuration) on the first JWT, not at start-up.
            decoder = NimbusJwtDecoder.withIssuerLocation(issuer).build();
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefaultWithIssuer(issuer));
        String audience = env.getProperty("registry.oidc.audience", "").trim();
        if (!audience.isEmpty()) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                                                                aud -> aud != null && aud.contains(audience)));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return Optional.of(new OidcJwts(issuer, decoder,
                                        env.getProperty("registry.oidc.role-claim", "registry_role"),
                                        env.getProperty("registry.oidc.organisation-claim", "registry_organisation")));
    }

    private static RSAPublicKey readKey(ResourceLoader resources, String location) {
        try (InputStream in = resources.getResource(location).getInputStream()) {
            return RsaKeyConverters.x509().convert(in);
        } catch (IOException e) {
            throw new UncheckedIOException("registry.oidc.public-key-location: cannot read an RSA public key (PEM) "
                                           + "from " + location, e);
        }
    }

    /** Whether this bearer value is shaped like a JWT (three dot-separated parts), rather than an access token. */
    static boolean looksLikeJwt(String bearer) {
        return bearer.chars().filter(c -> c == '.').count() == 2;
    }

    /** The caller this JWT authenticates, or empty when it is invalid, expired, foreign or has no usable role. */
    Optional<Caller> authenticate(String bearer) {
        if (bearer.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Jwt jwt;
        try {
            jwt = decoder.decode(bearer);
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
        String subject = jwt.getSubject();
        Role role = role(jwt.getClaimAsString(roleClaim));
        if (subject == null || subject.isBlank() || role == null) {
            return Optional.empty();
        }
        String organisation = role == Role.PARTNER ? jwt.getClaimAsString(organisationClaim) : null;
        if (role == Role.PARTNER && (organisation == null || organisation.isBlank())) {
            return Optional.empty();
        }
        String name = Optional.ofNullable(jwt.getClaimAsString("preferred_username"))
                              .or(() -> Optional.ofNullable(jwt.getClaimAsString("name")))
                              .orElse(subject);
        return Optional.of(new Caller(new Actor(issuer + "|" + subject, role.name(), organisation), name));
    }

    private static Role role(String claim) {
        if (claim == null) {
            return null;
        }
        try {
            return Role.valueOf(claim);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
