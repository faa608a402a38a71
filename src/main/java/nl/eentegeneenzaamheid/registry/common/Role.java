package nl.eentegeneenzaamheid.registry.common;

/** What an access token may do (docs/security.md). */
public enum Role {
    /** Everything, including issuing and revoking tokens and the admin operations. */
    PROGRAMME_TEAM,
    /** Reads what the programme publishes; changes only its own organisation and its branches. */
    PARTNER,
    /** Reads everything, changes nothing. */
    AUDITOR
}
