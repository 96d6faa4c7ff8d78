package io.genmod.core;

/**
 * Well-formed data that cannot be fitted (fewer points than components, a singular covariance with
 * regularisation off, a class with too few points). The web layer reports it as 422; the message says
 * what to change and must not reveal internals.
 */
public class UnfittableDataException extends RuntimeException {

    private final String field;

    public UnfittableDataException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field the problem is about ("x", "params.regularization"), or null. */
    public String field() {
        return field;
    }
}
