package nl.eentegeneenzaamheid.registry.common;

/** A refusal a person can act on: a code for programs and a message for people. No stack trace reaches a client. */
public class RegistryException extends RuntimeException {

    private final ErrorCode code;
    private final boolean retryable;

    public RegistryException(ErrorCode code, String message) {
        this(code, message, false);
    }

    private RegistryException(ErrorCode code, String message, boolean retryable) {
        super(message, null, false, false);
        this.code = code;
        this.retryable = retryable;
    }

    public ErrorCode code() {
        return code;
    }

    /** Whether the same request may succeed a little later (another attempt of it is still under way). */
    public boolean retryable() {
        return retryable;
    }

    /** A CONFLICT with work still under way: sending the same request again shortly is the remedy. */
    public static RegistryException retryLater(String message) {
        return new RegistryException(ErrorCode.CONFLICT, message, true);
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
