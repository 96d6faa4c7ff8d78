package io.genmod.core;

/**
 * A hyper-parameter or given parameter is out of its range. The web layer reports it as 400 with
 * {@code field} (relative to the request's {@code params} or {@code parameters}, e.g. "components").
 */
public class InvalidParameterException extends IllegalArgumentException {

    private final String field;

    public InvalidParameterException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
