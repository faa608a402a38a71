package nl.eentegeneenzaamheid.registry.access;

import graphql.schema.DataFetchingEnvironment;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.eentegeneenzaamheid.registry.access.AccessTokenCommand.IssueAccessToken;
import nl.eentegeneenzaamheid.registry.access.AccessTokenCommand.RevokeAccessToken;
import nl.eentegeneenzaamheid.registry.access.AccessTokenProjection.TokenView;
import nl.eentegeneenzaamheid.registry.common.Access;
import nl.eentegeneenzaamheid.registry.common.Commands;
import nl.eentegeneenzaamheid.registry.common.Commands.Actor;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.common.Role;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationDirectory;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationView;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code graphql/access.graphqls}: who am I, and the programme team's token registry. */
@Controller
class AccessController {

    /** The GraphQL type {@code AccessToken}; {@code label} from the token registry, not the log. */
    record AccessTokenDto(String id, Role role, String organisationId, String label, OffsetDateTime issuedAt,
                          OffsetDateTime revokedAt) {
    }

    record IssuedAccessToken(String secret, AccessTokenDto accessToken) {
    }

    record Viewer(String actor, Role role, String organisationId) {
    }

    private final Access access;
    private final Commands commands;
    private final AccessTokenProjection tokens;
    private final TokenLabels labels;
    private final OrganisationDirectory organisations;

    AccessController(Access access, Commands commands, AccessTokenProjection tokens, TokenLabels labels,
                     OrganisationDirectory organisations) {
        this.access = access;
        this.commands = commands;
        this.tokens = tokens;
        this.labels = labels;
        this.organisations = organisations;
    }

    @QueryMapping
    Viewer me() {
        Actor actor = access.actor();
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
                                                                                          .getAuthentication();
        // A JWT's caller carries its own name; an access token's is its label in the token registry.
        String name = authentication.getDetails() instanceof OidcJwts.Caller caller && caller.name() != null
                ? caller.name() : labels.labelOf(actor.id()).orElse(actor.id());
        return new Viewer(name, Role.valueOf(actor.role()),
                          actor.organisationId());
    }

    @QueryMapping
    List<AccessTokenDto> accessTokens() {
        access.programmeTeam();
        List<TokenView> all = tokens.all();
        Map<String, String> names = labels.labelsOf(all.stream().map(TokenView::id).toList());
        return all.stream().map(t -> dto(t, names.getOrDefault(t.id(), t.id()))).toList();
    }

    @MutationMapping
    IssuedAccessToken issueAccessToken(@Argument Role role, @Argument String organisationId, @Argument String label,
                                       @Argument String requestId, DataFetchingEnvironment env) {
        Actor actor = access.programmeTeam();
        String secret = Secrets.generate();
        String tokenId = "token-" + UUID.randomUUID();
        String issued = commands.send(actor, requestId, "issueAccessToken", env.getArguments(),
                                      () -> new IssueAccessToken(tokenId, role, organisationId == null ? null
                                              : new OrganisationId(organisationId), label, Secrets.hash(secret), null));
        if (!tokenId.equals(issued)) {
            // A repeated requestId: the first attempt's secret was shown once and cannot be shown again.
            throw RegistryException.conflict("requestId " + requestId + " already issued token " + issued + ", whose "
                                             + "secret is shown only once; revoke it and issue a new one.");
        }
        return new IssuedAccessToken(secret, read(tokenId));
    }

    @MutationMapping
    AccessTokenDto revokeAccessToken(@Argument String id, @Argument String requestId, DataFetchingEnvironment env) {
        Actor actor = access.programmeTeam();
        read(id);
        commands.send(actor, requestId, "revokeAccessToken", env.getArguments(), () -> new RevokeAccessToken(id));
        return read(id);
    }

    @SchemaMapping(typeName = "AccessToken")
    OrganisationView organisation(AccessTokenDto token) {
        return token.organisationId() == null ? null : organisations.find(token.organisationId()).orElse(null);
    }

    @SchemaMapping(typeName = "Viewer")
    OrganisationView organisation(Viewer viewer) {
        return viewer.organisationId() == null ? null : organisations.find(viewer.organisationId()).orElse(null);
    }

    private AccessTokenDto read(String tokenId) {
        TokenView token = tokens.byId(tokenId).orElseThrow(
                () -> RegistryException.notFound("No access token with id " + tokenId + "; list them with accessTokens"));
        return dto(token, labels.labelOf(tokenId).orElse(tokenId));
    }

    private static AccessTokenDto dto(TokenView t, String label) {
        return new AccessTokenDto(t.id(), t.role(), t.organisationId(), label, utc(t.issuedAt()), utc(t.revokedAt()));
    }

    private static OffsetDateTime utc(java.time.Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
