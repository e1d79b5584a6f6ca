package io.kubemagic.engine;

/** Bad input, found before anything was changed. */
public class InvalidInputException extends KubeMagicException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidInputException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
