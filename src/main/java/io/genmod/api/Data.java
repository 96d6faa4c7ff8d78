package io.genmod.api;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads data matrices from JSON with errors that point at the offending element ({@code x[3][1]}).
 * Accepts a matrix of rows or, for one column, a flat list. Only finite JSON numbers are accepted: strings
 * such as "NaN" or "Infinity" and numbers too large for a double are rejected.
 */
public final class Data {

    /** At most this many element errors are reported for one field. */
    static final int MAX_REPORTED = 20;

    private Data() {
    }

    /**
     * @param dimension the required row width, or null to take it from the first row
     * @throws InvalidRequestException when the node is missing, empty, ragged, of the wrong width or not finite
     */
    public static double[][] matrix(JsonNode node, String field, Integer dimension) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new InvalidRequestException(field, "is required");
        }
        if (!node.isArray()) {
            throw new InvalidRequestException(field, "must be an array of rows or a flat array of numbers");
        }
        int n = node.size();
        if (n == 0) {
            throw new InvalidRequestException(field, "must not be empty");
        }
        List<FieldProblem> problems = new ArrayList<>();
        double[][] x = new double[n][];
        boolean flat = !node.get(0).isArray();
        int width = flat ? 1 : node.get(0).size();
        if (dimension != null && width != dimension) {
            String where = flat ? field + "[0]" : field + "[0]";
            throw new InvalidRequestException(where, "has " + width + " columns but the model has dimension " + dimension);
        }
        if (width == 0) {
            throw new InvalidRequestException(field + "[0]", "must not be an empty row");
        }
        for (int i = 0; i < n && problems.size() < MAX_REPORTED; i++) {
            JsonNode row = node.get(i);
            if (flat) {
                if (row.isArray()) {
                    problems.add(new FieldProblem(field + "[" + i + "]", "must be a number like the other elements of a flat list"));
                    continue;
                }
                double[] r = new double[1];
                r[0] = finite(row, field + "[" + i + "]", problems);
                x[i] = r;
            } else {
                if (!row.isArray()) {
                    problems.add(new FieldProblem(field + "[" + i + "]", "must be an array of " + width + " numbers"));
                    continue;
                }
                if (row.size() != width) {
                    problems.add(new FieldProblem(field + "[" + i + "]",
                            "has " + row.size() + " columns but row 0 has " + width + " (ragged rows)"));
                    continue;
                }
                double[] r = new double[width];
                for (int j = 0; j < width; j++) {
                    r[j] = finite(row.get(j), field + "[" + i + "][" + j + "]", problems);
                }
                x[i] = r;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return x;
    }

    private static double finite(JsonNode value, String field, List<FieldProblem> problems) {
        if (value == null || !value.isNumber()) {
            problems.add(new FieldProblem(field, "must be a finite number"));
            return 0;
        }
        double v = value.doubleValue();
        if (!Double.isFinite(v)) {
            problems.add(new FieldProblem(field, "must be a finite number"));
            return 0;
        }
        return v;
    }

    /**
     * Reads class labels: all strings or all integers, of length {@code expected}.
     *
     * @return the labels as String or Long values, in the request's order
     */
    public static List<Object> labels(JsonNode node, String field, int expected) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new InvalidRequestException(field, "is required");
        }
        if (!node.isArray()) {
            throw new InvalidRequestException(field, "must be an array of labels");
        }
        if (node.size() != expected) {
            throw new InvalidRequestException(field, "has " + node.size() + " labels but x has " + expected + " rows");
        }
        List<Object> labels = new ArrayList<>(expected);
        Boolean strings = null;
        for (int i = 0; i < node.size(); i++) {
            JsonNode v = node.get(i);
            boolean isString = v.isString();
            if (!isString && !v.canConvertToExactIntegral()) {
                throw new InvalidRequestException(field + "[" + i + "]", "must be a string or an integer");
            }
            if (strings == null) {
                strings = isString;
            } else if (strings != isString) {
                throw new InvalidRequestException(field + "[" + i + "]",
                        "mixes label types: all labels must be strings or all integers");
            }
            labels.add(isString ? v.stringValue() : v.longValue());
        }
        return labels;
    }
}
