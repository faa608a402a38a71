package nl.eentegeneenzaamheid.registry.common;

/** The codes a client sees in {@code extensions.code}. */
public enum ErrorCode {
    VALIDATION, NOT_FOUND, CONFLICT, FORBIDDEN, UNAUTHENTICATED, UNAVAILABLE, INTERNAL
}
