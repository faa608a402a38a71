package nl.eentegeneenzaamheid.registry.common;

/** A refusal a person can act on: a code for programs and a message for people. No stack trace reaches a client. */
public class RegistryException extends RuntimeException {

    private final ErrorCode code;

    public RegistryException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static RegistryException validation(String message) {
        return new RegistryException(ErrorCode.VALIDATION, message);
    }

    public static RegistryException notFound(String message) {
        return new RegistryException(ErrorCode.NOT_FOUND, message);
    }

    public static RegistryException conflict(String message) {
        return new RegistryException(ErrorCode.CONFLICT, message);
    }
}
