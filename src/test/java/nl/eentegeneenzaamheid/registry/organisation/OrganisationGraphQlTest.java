package nl.eentegeneenzaamheid.registry.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.RegistryTest;
import org.junit.jupiter.api.Test;

@RegistryTest
class OrganisationGraphQlTest extends GraphQlClient {

    private static final String REGISTER = """
            mutation($name: String!, $kind: OrganisationKind!, $sector: Sector, $kvk: String, $requestId: ID) {
              registerOrganisation(name: $name, kind: $kind, sector: $sector, kvkNumber: $kvk, requestId: $requestId) {
                id name kind sector kvkNumber
              }
            }""";

    static String uniqueKvk() {
        return String.valueOf(ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999));
    }

    String register(String name, String kvk) {
        return graphQl().document(REGISTER).variable("name", name).variable("kind", "NATIONAL")
                        .variable("sector", "COMPANIES").variable("kvk", kvk)
                        .execute().path("registerOrganisation.id").entity(String.class).get();
    }

    @Test
    void registersRenamesAndUpdatesANationalOrganisation() {
        String kvk = uniqueKvk();
        String id = register("Albert Heijn " + kvk, kvk);

        graphQl().document("mutation($id: ID!) { renameOrganisation(id: $id, name: \"Albert Heijn B.V.\") { name } }")
                 .variable("id", id).execute()
                 .path("renameOrganisation.name").entity(String.class).isEqualTo("Albert Heijn B.V.");
        graphQl().document("mutation($id: ID!) { updateOrganisation(id: $id, sector: FUNDS) { sector kvkNumber } }")
                 .variable("id", id).execute()
                 .path("updateOrganisation.sector").entity(String.class).isEqualTo("FUNDS")
                 .path("updateOrganisation.kvkNumber").entity(String.class).isEqualTo(kvk);
        graphQl().document("query($id: ID!) { organisation(id: $id) { name kind sector kvkNumber branches { id } } }")
                 .variable("id", id).execute()
                 .path("organisation.name").entity(String.class).isEqualTo("Albert Heijn B.V.")
                 .path("organisation.kind").entity(String.class).isEqualTo("NATIONAL")
                 .path("organisation.branches").entityList(Object.class).hasSize(0);
    }

    @Test
    void aKvkNumberIsEightDigitsAndUnique() {
        String kvk = uniqueKvk();
        String first = register("Deloitte " + kvk, kvk);

        List<String> codes = errorCodes(REGISTER, Map.of("name", "Copy", "kind", "NATIONAL", "kvk", kvk));
        assertThat(codes).containsExactly("CONFLICT");
        graphQl().document(REGISTER).variable("name", "Copy").variable("kind", "NATIONAL").variable("kvk", kvk)
                 .execute().errors().satisfy(errors -> assertThat(errors.get(0).getMessage()).contains(first));

        assertThat(errorCodes(REGISTER, Map.of("name", "Short", "kind", "NATIONAL", "kvk", "1234567")))
                .containsExactly("VALIDATION");
        assertThat(errorCodes(REGISTER, Map.of("name", "Letters", "kind", "NATIONAL", "kvk", "1234567a")))
                .containsExactly("VALIDATION");
    }

    @Test
    void searchIgnoresCaseAndAccentsAndPagesWithCursors() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (String name : List.of("Sport Fryslân " + tag, "Kultuer Fryslân " + tag, "Omrop FRYSLAN " + tag)) {
            register(name, null);
        }
        String query = """
                query($search: String, $after: String) {
                  organisations(search: $search, first: 2, after: $after) {
                    edges { node { name } cursor }
                    pageInfo { hasNextPage endCursor }
                  }
                }""";
        var first = graphQl().document(query).variable("search", "fryslan " + tag).execute();
        first.path("organisations.edges[*].node.name").entityList(String.class)
             .containsExactly("Kultuer Fryslân " + tag, "Omrop FRYSLAN " + tag);
        first.path("organisations.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        String cursor = first.path("organisations.pageInfo.endCursor").entity(String.class).get();

        var second = graphQl().document(query).variable("search", "FRYSLÂN " + tag).variable("after", cursor).execute();
        second.path("organisations.edges[*].node.name").entityList(String.class)
              .containsExactly("Sport Fryslân " + tag);
        second.path("organisations.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void theSameRequestIdRecordsOnceAndRefusesOtherArguments() {
        String requestId = UUID.randomUUID().toString();
        String name = "Resto VanHarte " + requestId;
        String first = graphQl().document(REGISTER).variable("name", name).variable("kind", "NATIONAL")
                                .variable("requestId", requestId).execute()
                                .path("registerOrganisation.id").entity(String.class).get();
        String again = graphQl().document(REGISTER).variable("name", name).variable("kind", "NATIONAL")
                                .variable("requestId", requestId).execute()
                                .path("registerOrganisation.id").entity(String.class).get();
        assertThat(again).isEqualTo(first);
        graphQl().document("query($s: String) { organisations(search: $s) { edges { node { id } } } }")
                 .variable("s", name).execute()
                 .path("organisations.edges").entityList(Object.class).hasSize(1);

        assertThat(errorCodes(REGISTER, Map.of("name", "Other", "kind", "NATIONAL", "requestId", requestId)))
                .containsExactly("CONFLICT");
    }

    @Test
    void badInputGetsACode() {
        assertThat(errorCode("mutation { registerOrganisation(name: \"X\", kind: GLOBAL) { id } }"))
                .isEqualTo("VALIDATION");
        assertThat(errorCode("mutation { registerOrganisation(name: \"  \", kind: NATIONAL) { id } }"))
                .isEqualTo("VALIDATION");
        assertThat(errorCode("mutation { renameOrganisation(id: \"org-missing\", name: \"Y\") { id } }"))
                .isEqualTo("NOT_FOUND");
        assertThat(errorCode("mutation { registerOrganisation(name: \"Branch\", kind: LOCAL) { id } }"))
                .isEqualTo("VALIDATION");
        assertThat(errorCode("{ organisations(first: 501) { edges { cursor } } }")).isEqualTo("VALIDATION");
        assertThat(errorCode("{ organisations(after: \"!!\") { edges { cursor } } }")).isEqualTo("VALIDATION");
        assertThat(errorCode("{ organisation(id: ")).isEqualTo("VALIDATION");
    }
}
