package nl.eentegeneenzaamheid.registry.link;

/** How a national partner is represented in a municipality. */
public enum LinkMechanism {
    /** A local branch of the partner is a member of the municipality's local coalition. */
    BRANCH_IN_LOCAL_COALITION,
    /** A pilot (or the project it became) of which the partner is national partner or co-partner runs there. */
    PILOT,
    /** An ACTIVE collaboration of which the partner is a party takes place there. */
    COLLABORATION
}
