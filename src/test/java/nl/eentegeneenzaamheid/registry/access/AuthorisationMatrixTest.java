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
    /** A collaboration OWN takes part in, one it does not, and a pilot. */
    private String withOwn;
    private String withoutOwn;
    private String pilot;

    @BeforeAll
    void organisationsAndTokens() {
        own = register("mutation { registerOrganisation(name: \"Matrix Own\", kind: NATIONAL) { id } }");
        other = register("mutation { registerOrganisation(name: \"Matrix Other\", kind: NATIONAL) { id } }");
        ownBranch = register(branch(own, "Matrix Own Amsterdam"));
        otherBranch = register(branch(other, "Matrix Other Amsterdam"));
        partner = issue("PARTNER", own);
        auditor = issue("AUDITOR", null);
        withOwn = create("proposeCollaboration", "mutation { proposeCollaboration(title: \"Matrix\", proposedBy: \""
                                                 + other + "\", partyIds: [\"" + own + "\"]) { id } }");
        withoutOwn = create("proposeCollaboration", "mutation { proposeCollaboration(title: \"Matrix\", proposedBy: \""
                                                    + other + "\", partyIds: [\"" + otherBranch + "\"]) { id } }");
        pilot = create("startPilot", "mutation { startPilot(title: \"Matrix\", nationalPartnerId: \"" + own
                                     + "\", municipalityCodes: [\"GM0363\"], startedOn: \"2024-01-01\") { id } }");
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
        row(rows, "proposeCollaboration as own", "mutation { proposeCollaboration(title: \"NAME\", proposedBy: \"OWN\", "
                                                 + "partyIds: [\"OTHER\"]) { id } }", true, true, false);
        row(rows, "proposeCollaboration as other", "mutation { proposeCollaboration(title: \"NAME\", "
                                                   + "proposedBy: \"OTHER\", partyIds: [\"OWN\"]) { id } }",
            true, false, false);
        row(rows, "confirmCollaboration for own", "mutation { confirmCollaboration(collaborationId: \"WITH_OWN\", "
                                                  + "organisationId: \"OWN\") { id } }", true, true, false);
        row(rows, "confirmCollaboration for other", "mutation { confirmCollaboration(collaborationId: \"WITH_OWN\", "
                                                    + "organisationId: \"OTHER\") { id } }", true, false, false);
        row(rows, "declineCollaboration for other", "mutation { declineCollaboration(collaborationId: \"WITHOUT_OWN\", "
                                                    + "organisationId: \"OTHER_BRANCH\") { id } }", true, false, false);
        row(rows, "endCollaboration as a party", "mutation { endCollaboration(collaborationId: \"WITH_OWN\", "
                                                 + "endedOn: \"2090-01-01\") { id } }", true, true, false);
        row(rows, "endCollaboration of others", "mutation { endCollaboration(collaborationId: \"WITHOUT_OWN\", "
                                                + "endedOn: \"2090-01-01\") { id } }", true, false, false);
        row(rows, "startPilot", "mutation { startPilot(title: \"NAME\", nationalPartnerId: \"OWN\", "
                                + "municipalityCodes: [\"GM0363\"], startedOn: \"2024-01-01\") { id } }",
            true, false, false);
        row(rows, "extendPilot", "mutation { extendPilot(pilotId: \"PILOT\", municipalityCodes: [\"GM0344\"], "
                                 + "on: \"2024-06-01\") { id } }", true, false, false);
        row(rows, "evaluatePilot", "mutation { evaluatePilot(pilotId: \"PILOT\", on: \"2024-06-01\", outcome: \"NAME\") "
                                   + "{ id } }", true, false, false);
        row(rows, "convertPilotToProject", "mutation { convertPilotToProject(pilotId: \"PILOT\", on: \"2024-07-01\") "
                                           + "{ id } }", true, false, false);
        row(rows, "stopPilot", "mutation { stopPilot(pilotId: \"PILOT\", on: \"2024-07-01\", reason: \"NAME\") { id } }",
            true, false, false);
        row(rows, "read collaborations, pilots, links, network",
            "{ collaborations { id } pilots { id } nationalToLocalLinks(asOf: \"2024-01-01\") { via } "
            + "network { asOf } }", true, true, true);
        row(rows, "verifyAuditChain", "{ verifyAuditChain { valid } }", true, false, true);
        row(rows, "auditChainHeads", "{ auditChainHeads(first: 1) { edges { cursor } } }", true, false, true);
        row(rows, "latestChainHead", "{ latestChainHead { position } }", true, false, true);
        row(rows, "history", "{ history(aggregateId: \"national\", first: 2) { type actor } }", true, false, true);
        row(rows, "Organisation.history", "{ organisation(id: \"OWN\") { history(first: 2) { type } } }", true,
            false, true);
        row(rows, "auditLog", "{ auditLog(first: 2) { edges { node { type } } } }", true, false, true);
        // verifyProjections and registryEvents: AuditGraphQlTest, RegistryEventsTest (a verification takes seconds)
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
        String resolved = document.replace("WITHOUT_OWN", withoutOwn).replace("WITH_OWN", withOwn)
                                  .replace("\"PILOT\"", "\"" + pilot + "\"")
                                  .replace("OWN_BRANCH", ownBranch).replace("OTHER_BRANCH", otherBranch)
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

    private String create(String field, String document) {
        return graphQl().document(document).execute().path(field + ".id").entity(String.class).get();
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
