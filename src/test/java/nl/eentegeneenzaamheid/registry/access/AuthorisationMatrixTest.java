package nl.eentegeneenzaamheid.registry.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import nl.eentegeneenzaamheid.registry.GraphQlClient;
import nl.eentegeneenzaamheid.registry.RegistryTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Role x operation x own/other organisation. "allowed" means the answer carries no FORBIDDEN (it may still be refused
 * for other reasons, such as a CONFLICT on a repeated join); "FORBIDDEN" means exactly that code and nothing done.
 * The partner acts for organisation OWN, which has a branch OWN_BRANCH; OTHER is someone else's, with OTHER_BRANCH.
 */
@RegistryTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorisationMatrixTest extends GraphQlClient {

    private String own;
    private String ownBranch;
    private String other;
    private String otherBranch;
    private String partner;
    private String auditor;

    @BeforeAll
    void organisationsAndTokens() {
        own = register("mutation { registerOrganisation(name: \"Matrix Own\", kind: NATIONAL) { id } }");
        other = register("mutation { registerOrganisation(name: \"Matrix Other\", kind: NATIONAL) { id } }");
        ownBranch = register(branch(own, "Matrix Own Amsterdam"));
        otherBranch = register(branch(other, "Matrix Other Amsterdam"));
        partner = issue("PARTNER", own);
        auditor = issue("AUDITOR", null);
    }

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        // operation, programme team, partner, auditor
        row(rows, "read organisations", "{ organisations(first: 5) { edges { node { id } } } }", true, true, true);
        row(rows, "me", "{ me { role } }", true, true, true);
        row(rows, "renameOrganisation own", "mutation { renameOrganisation(id: \"OWN\", name: \"NAME\") { id } }",
            true, true, false);
        row(rows, "renameOrganisation other", "mutation { renameOrganisation(id: \"OTHER\", name: \"NAME\") { id } }",
            true, false, false);
        row(rows, "renameOrganisation own branch",
            "mutation { renameOrganisation(id: \"OWN_BRANCH\", name: \"NAME\") { id } }", true, true, false);
        row(rows, "renameOrganisation other branch",
            "mutation { renameOrganisation(id: \"OTHER_BRANCH\", name: \"NAME\") { id } }", true, false, false);
        row(rows, "updateOrganisation own", "mutation { updateOrganisation(id: \"OWN\", sector: CARE_AND_WELFARE) { id } }",
            true, true, false);
        row(rows, "updateOrganisation other",
            "mutation { updateOrganisation(id: \"OTHER\", sector: CARE_AND_WELFARE) { id } }", true, false, false);
        row(rows, "register branch of own", branch("OWN", "NAME"), true, true, false);
        row(rows, "register branch of other", branch("OTHER", "NAME"), true, false, false);
        row(rows, "register national organisation",
            "mutation { registerOrganisation(name: \"NAME\", kind: NATIONAL) { id } }", true, false, false);
        row(rows, "joinProgramme", "mutation { joinProgramme(municipalityCode: \"GM0014\", joinedOn: \"2020-01-01\") "
                                   + "{ code } }", true, false, false);
        row(rows, "accessTokens", "{ accessTokens { id } }", true, false, false);
        row(rows, "issueAccessToken", "mutation { issueAccessToken(role: AUDITOR, label: \"NAME\") { secret } }",
            true, false, false);
        row(rows, "deadLetters", "{ deadLetters { count } }", true, false, true);
        row(rows, "readModels", "{ readModels { processingGroup } }", true, false, true);
        row(rows, "importCsv", "mutation { importCsv(kind: ORGANISATIONS, csv: \"orgKey,name,kind\\nNAME,NAME,NATIONAL\", "
                               + "dryRun: true) { status } }", true, false, false);
        row(rows, "imports", "{ imports { id } }", true, false, true);
        row(rows, "exportCsv", "{ exportCsv(kind: NATIONAL_COALITION, asOf: \"2019-01-01\") }", true, false, true);
        return rows.stream();
    }

    private static void row(List<Arguments> rows, String operation, String document, boolean programmeTeam,
                            boolean partner, boolean auditor) {
        rows.add(Arguments.of("PROGRAMME_TEAM", operation, document, programmeTeam));
        rows.add(Arguments.of("PARTNER", operation, document, partner));
        rows.add(Arguments.of("AUDITOR", operation, document, auditor));
    }

    @ParameterizedTest(name = "{0} {1}: allowed={3}")
    @MethodSource("matrix")
    void onlyWhatTheRoleMayDo(String role, String operation, String document, boolean allowed) {
        String token = switch (role) {
            case "PROGRAMME_TEAM" -> PROGRAMME_TEAM_TOKEN;
            case "PARTNER" -> partner;
            default -> auditor;
        };
        String resolved = document.replace("OWN_BRANCH", ownBranch).replace("OTHER_BRANCH", otherBranch)
                                  .replace("\"OWN\"", "\"" + own + "\"").replace("\"OTHER\"", "\"" + other + "\"")
                                  .replace("NAME", "Matrix " + UUID.randomUUID().toString().substring(0, 8));
        List<String> codes = new ArrayList<>();
        graphQl(token).document(resolved).execute().errors()
                      .satisfy(errors -> errors.forEach(e -> codes.add(String.valueOf(e.getExtensions().get("code")))));
        if (allowed) {
            assertThat(codes).doesNotContain("FORBIDDEN");
        } else {
            assertThat(codes).containsExactly("FORBIDDEN");
        }
    }

    private static String branch(String parent, String name) {
        return "mutation { registerOrganisation(name: \"" + name + "\", kind: LOCAL, parentId: \"" + parent
               + "\", municipalityCode: \"GM0363\") { id } }";
    }

    private String register(String document) {
        return graphQl().document(document).execute().path("registerOrganisation.id").entity(String.class).get();
    }

    private String issue(String role, String organisationId) {
        return graphQl().document("mutation($org: ID) { issueAccessToken(role: " + role + ", organisationId: $org, "
                                  + "label: \"matrix-" + role.toLowerCase() + "\") { secret } }")
                        .variable("org", organisationId).execute()
                        .path("issueAccessToken.secret").entity(String.class).get();
    }
}
