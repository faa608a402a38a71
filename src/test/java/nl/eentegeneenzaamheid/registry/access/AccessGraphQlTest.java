package nl.eentegeneenzaamheid.registry.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.RegistryTest;
import nl.eentegeneenzaamheid.registry.eventstore.MongoEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@RegistryTest
class AccessGraphQlTest extends GraphQlClient {

    @Autowired
    MongoEventStorageEngine engine;

    @Test
    void theBootstrapTokenIsTheProgrammeTeam() {
        graphQl().document("{ me { actor role organisation { id } } }").execute()
                 .path("me.actor").entity(String.class).isEqualTo("bootstrap")
                 .path("me.role").entity(String.class).isEqualTo("PROGRAMME_TEAM")
                 .path("me.organisation").valueIsNull();
    }

    @Test
    void anIssuedTokenWorksAndStopsAtOnceWhenRevoked() {
        String org = graphQl().document("mutation { registerOrganisation(name: \"Token Test Org\", kind: NATIONAL) { id } }")
                              .execute().path("registerOrganisation.id").entity(String.class).get();
        var issued = graphQl().document("mutation($org: ID) { issueAccessToken(role: PARTNER, organisationId: $org, "
                                        + "label: \"a.tester\") { secret accessToken { id label role organisation { id } "
                                        + "issuedAt revokedAt } } }")
                              .variable("org", org).execute();
        String secret = issued.path("issueAccessToken.secret").entity(String.class).get();
        String id = issued.path("issueAccessToken.accessToken.id").entity(String.class).get();
        issued.path("issueAccessToken.accessToken.organisation.id").entity(String.class).isEqualTo(org)
              .path("issueAccessToken.accessToken.revokedAt").valueIsNull();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);

        graphQl(secret).document("{ me { actor role organisation { id } } }").execute()
                       .path("me.actor").entity(String.class).isEqualTo("a.tester")
                       .path("me.role").entity(String.class).isEqualTo("PARTNER")
                       .path("me.organisation.id").entity(String.class).isEqualTo(org);
        // What the partner records names its token's id (not its label) as the actor, with its role.
        graphQl(secret).document("mutation($id: ID!) { renameOrganisation(id: $id, name: \"Token Test Org Renamed\", "
                                 + "requestId: \"rename-by-partner\") { name } }").variable("id", org).execute()
                       .path("renameOrganisation.name").entity(String.class).isEqualTo("Token Test Org Renamed");
        assertThat(engine.holdsRequest(org, id, "rename-by-partner")).isTrue();
        graphQl().document("{ accessTokens { id label } }").execute()
                 .path("accessTokens[*].label").entityList(String.class).contains("a.tester", "bootstrap");
        assertThat(errorCodes("mutation { issueAccessToken(role: AUDITOR, label: \"a.tester\") { secret } }", Map.of()))
                .containsExactly("CONFLICT");

        graphQl().document("mutation($id: ID!) { revokeAccessToken(id: $id) { revokedAt } }").variable("id", id)
                 .execute().path("revokeAccessToken.revokedAt").hasValue();
        unauthenticated(secret);
    }

    @Test
    void withoutOrWithAWrongTokenTheAnswerIs401AndSaysNothingMore() {
        unauthenticated(null);
        unauthenticated("reg_no-such-token");
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                     .get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    private void unauthenticated(String token) {
        WebTestClient.RequestBodySpec post = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                                                          .post().uri("/graphql");
        if (token != null) {
            post.header("Authorization", "Bearer " + token);
        }
        post.header("Content-Type", "application/json").bodyValue("{\"query\":\"{ me { actor } }\"}").exchange()
            .expectStatus().isUnauthorized()
            .expectBody().json("{\"errors\":[{\"extensions\":{\"code\":\"UNAUTHENTICATED\"}}]}")
            .jsonPath("$.data").doesNotExist();
    }
}
