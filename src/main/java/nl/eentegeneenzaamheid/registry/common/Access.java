package nl.eentegeneenzaamheid.registry.common;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import nl.eentegeneenzaamheid.registry.common.Commands.Actor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The authorisation rules, one method per rule, called by the controllers before they act. Authentication (who the
 * caller is) happens before a request reaches GraphQL; this decides what that caller may do, and answers FORBIDDEN
 * otherwise.
 */
@Component
public class Access {

    /** The authenticated caller of the current request. */
    public Actor actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Actor actor) {
            return actor;
        }
        throw new RegistryException(ErrorCode.UNAUTHENTICATED,
                                    "A valid access token is required: send the header Authorization: Bearer <token>.");
    }

    /** Changes only the programme team makes (tokens, reference data, coalitions, admin operations). */
    public Actor programmeTeam() {
        Actor actor = actor();
        if (!Role.PROGRAMME_TEAM.name().equals(actor.role())) {
            throw forbidden(actor, "Only the programme team may do this");
        }
        return actor;
    }

    /** Reads of the admin and audit operations: the programme team and auditors, not partners. */
    public Actor programmeTeamOrAuditor() {
        Actor actor = actor();
        if (Role.PARTNER.name().equals(actor.role())) {
            throw forbidden(actor, "Partners do not read the registry's admin operations");
        }
        return actor;
    }

    /**
     * The audit operations (history, the audit log, live events, verifications): the programme team and auditors.
     * Partners read what the programme publishes, never the audit trail.
     */
    public Actor auditor() {
        Actor actor = actor();
        if (Role.PARTNER.name().equals(actor.role())) {
            throw forbidden(actor, "Partners do not read the audit operations (history, audit log, registry events, "
                                   + "verifications)");
        }
        return actor;
    }

    /**
     * A change on behalf of an organisation: the programme team, or a PARTNER whose own organisation is one of
     * {@code organisationIds} (the organisation itself, or the parent of the branch concerned).
     */
    public Actor actingFor(String... organisationIds) {
        Actor actor = actor();
        if (Role.PROGRAMME_TEAM.name().equals(actor.role())) {
            return actor;
        }
        if (!Role.PARTNER.name().equals(actor.role())) {
            throw forbidden(actor, "Auditors read everything and change nothing");
        }
        if (actor.organisationId() != null
            && Arrays.stream(organisationIds).anyMatch(id -> Objects.equals(id, actor.organisationId()))) {
            return actor;
        }
        throw forbidden(actor, "A partner may change only its own organisation (" + actor.organisationId()
                               + ") and its branches");
    }

    /** Proposing a collaboration: a PARTNER only with its own organisation as {@code proposedBy}. */
    public Actor proposingCollaboration(String proposedBy) {
        return onBehalfOf(List.of(String.valueOf(proposedBy)),
                          "A partner proposes collaborations only with its own organisation as proposedBy");
    }

    /** Confirming or declining a collaboration: a PARTNER only for its own organisation. */
    public Actor answeringCollaboration(String organisationId) {
        return onBehalfOf(List.of(String.valueOf(organisationId)),
                          "A partner confirms or declines a collaboration only for its own organisation");
    }

    /** Ending a collaboration: a PARTNER only when its organisation is one of the collaboration's parties. */
    public Actor endingCollaboration(Collection<String> partyIds) {
        return onBehalfOf(partyIds, "A partner may end only a collaboration its own organisation takes part in");
    }

    /** Programme team always; a PARTNER when its organisation is among {@code allowed}; never an AUDITOR. */
    private Actor onBehalfOf(Collection<String> allowed, String refusal) {
        Actor actor = actor();
        if (Role.PROGRAMME_TEAM.name().equals(actor.role())) {
            return actor;
        }
        if (!Role.PARTNER.name().equals(actor.role())) {
            throw forbidden(actor, "Auditors read everything and change nothing");
        }
        if (actor.organisationId() != null && allowed.contains(actor.organisationId())) {
            return actor;
        }
        throw forbidden(actor, refusal + " (" + actor.organisationId() + ")");
    }

    private static RegistryException forbidden(Actor actor, String reason) {
        return new RegistryException(ErrorCode.FORBIDDEN, reason + "; this request's token has role " + actor.role()
                                                         + ". Ask the programme team if you need it done.");
    }
}
