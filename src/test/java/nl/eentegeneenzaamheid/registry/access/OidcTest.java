package nl.eentegeneenzaamheid.registry.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.RegistryApplication;
import nl.eentegeneenzaamheid.registry.eventstore.MongoEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * JWTs of the configured issuer, next to access tokens, in a registry of its own. The issuer's key is a local file,
 * so nothing is fetched from the (non-existent) issuer: a discovery call would fail the test.
 */
class OidcTest {

    private static final String ISSUER = "https://login.example.test/realms/registry";
    private static final String ACCESS_TOKEN = "oidc-test-programme-team-token-0123456789";

    @TempDir
    Path dir;

    @Test
    void jwtsOfTheIssuerActAsTheirRoleAndEverythingElseIsUnauthenticated() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair issuerKey = generator.generateKeyPair();
        KeyPair otherKey = generator.generateKeyPair();
        Path publicKey = dir.resolve("issuer.pem");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                                     + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(
                                             issuerKey.getPublic().getEncoded())
                                     + "\n-----END PUBLIC KEY-----\n");
        // Six refused JWTs below block this client: refused JWTs count as failed authentications.
        try (ConfigurableApplicationContext registry = new SpringApplicationBuilder(RegistryApplication.class)
                .run("--server.port=0", "--registry.embedded-backend=memory", "--registry.mongodb-uri=",
                     "--axoniq.update-checker.disabled=true", "--registry.bootstrap-token=" + ACCESS_TOKEN,
                     "--registry.auth.max-failures=6",
                     "--registry.oidc.issuer-uri=" + ISSUER,
                     "--registry.oidc.public-key-location=file:" + publicKey,
                     "--registry.oidc.audience=coalition-registry")) {
            int port = Integer.parseInt(registry.getEnvironment().getProperty("local.server.port"));
            MongoEventStorageEngine engine = registry.getBean(MongoEventStorageEngine.class);
            RSAPrivateKey key = (RSAPrivateKey) issuerKey.getPrivate();

            String team = jwt(key, ISSUER, "team-1", "PROGRAMME_TEAM", null, Map.of("preferred_username", "t.eam"));
            HttpGraphQlTester asTeam = GraphQlClient.graphQl(port, team);
            asTeam.document("{ me { actor role } }").execute()
                  .path("me.actor").entity(String.class).isEqualTo("t.eam")
                  .path("me.role").entity(String.class).isEqualTo("PROGRAMME_TEAM");
            String own = register(asTeam, "Own Partner", "register-own");
            String other = register(asTeam, "Other Partner", "register-other");
            // The log names the issuer and subject, not the person's name.
            assertThat(engine.holdsRequest(own, ISSUER + "|team-1", "register-own")).isTrue();

            HttpGraphQlTester asPartner = GraphQlClient.graphQl(
                    port, jwt(key, ISSUER, "partner-7", "PARTNER", own, Map.of()));
            asPartner.document("{ me { actor role organisation { id } } }").execute()
                     .path("me.actor").entity(String.class).isEqualTo("partner-7")
                     .path("me.organisation.id").entity(String.class).isEqualTo(own);
            asPartner.document("mutation($id: ID!) { renameOrganisation(id: $id, name: \"Not Yours\") { name } }")
                     .variable("id", other).execute()
                     .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(
                             e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN")));
            asPartner.document("mutation($id: ID!) { renameOrganisation(id: $id, name: \"Own Partner Renamed\", "
                               + "requestId: \"rename-own\") { name } }")
                     .variable("id", own).execute()
                     .path("renameOrganisation.name").entity(String.class).isEqualTo("Own Partner Renamed");
            assertThat(engine.holdsRequest(own, ISSUER + "|partner-7", "rename-own")).isTrue();

            // Access tokens keep working side by side.
            GraphQlClient.graphQl(port, ACCESS_TOKEN).document("{ me { actor role } }").execute()
                         .path("me.actor").entity(String.class).isEqualTo("bootstrap");

            Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
            String expired = sign(key, claims(ISSUER, "team-1", "PROGRAMME_TEAM", null, Map.of())
                    .issueTime(Date.from(hourAgo.minusSeconds(600))).expirationTime(Date.from(hourAgo)).build());
            unauthenticated(port, expired, 401);
            unauthenticated(port, jwt((RSAPrivateKey) otherKey.getPrivate(), ISSUER, "team-1", "PROGRAMME_TEAM", null,
                                      Map.of()), 401);
            unauthenticated(port, jwt(key, "https://elsewhere.example.test", "team-1", "PROGRAMME_TEAM", null,
                                      Map.of()), 401);
            unauthenticated(port, jwt(key, ISSUER, "team-1", "ADMIN", null, Map.of()), 401);
            unauthenticated(port, jwt(key, ISSUER, "partner-8", "PARTNER", null, Map.of()), 401);
            unauthenticated(port, sign(key, claims(ISSUER, "team-1", "PROGRAMME_TEAM", null, Map.of())
                    .audience("another-service").build()), 401);
            // Six failures: now even a valid JWT from this address waits.
            unauthenticated(port, team, 429);
        }
    }

    private static String register(HttpGraphQlTester graphQl, String name, String requestId) {
        return graphQl.document("mutation($name: String!, $requestId: ID!) { registerOrganisation(name: $name, "
                                + "kind: NATIONAL, requestId: $requestId) { id } }")
                      .variable("name", name).variable("requestId", requestId).execute()
                      .path("registerOrganisation.id").entity(String.class).get();
    }

    private static String jwt(RSAPrivateKey key, String issuer, String subject, String role, String organisation,
                              Map<String, Object> extra) throws Exception {
        return sign(key, claims(issuer, subject, role, organisation, extra).build());
    }

    private static JWTClaimsSet.Builder claims(String issuer, String subject, String role, String organisation,
                                               Map<String, Object> extra) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer).subject(subject).audience("coalition-registry")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("registry_role", role);
        if (organisation != null) {
            claims.claim("registry_organisation", organisation);
        }
        extra.forEach(claims::claim);
        return claims;
    }

    private static String sign(RSAPrivateKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static void unauthenticated(int port, String token, int status) {
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                     .post().uri("/graphql").header("Authorization", "Bearer " + token)
                     .header("Content-Type", "application/json").bodyValue("{\"query\":\"{ me { actor } }\"}")
                     .exchange().expectStatus().isEqualTo(status)
                     .expectBody().json("{\"errors\":[{\"extensions\":{\"code\":\"UNAUTHENTICATED\"}}]}")
                     .jsonPath("$.data").doesNotExist();
    }
}
