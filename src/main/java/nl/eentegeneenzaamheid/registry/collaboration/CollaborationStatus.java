package nl.eentegeneenzaamheid.registry.collaboration;

/** PROPOSED until every party confirmed (ACTIVE) or one declined (DECLINED); an ACTIVE one can be ENDED. */
public enum CollaborationStatus { PROPOSED, ACTIVE, DECLINED, ENDED }
