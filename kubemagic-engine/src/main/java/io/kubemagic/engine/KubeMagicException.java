package io.kubemagic.engine;

/**
 * An error the operator can act on. The message always names what was wrong (field, value,
 * member) and what to do about it; front ends print it as it is, without a stack trace.
 */
public class KubeMagicException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KubeMagicException(String message) {
        super(message);
    }

    public KubeMagicException(String message, Throwable cause) {
        super(message, cause);
    }
}
