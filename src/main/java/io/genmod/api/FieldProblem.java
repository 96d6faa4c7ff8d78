package io.genmod.api;

/** One offending request field, as listed in a problem's {@code errors}. */
public record FieldProblem(String field, String message) {
}
