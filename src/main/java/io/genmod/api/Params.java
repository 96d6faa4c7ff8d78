package io.genmod.api;

import io.genmod.core.InvalidParameterException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a {@code params} object with defaults and range checks, reporting problems under a path
 * ("params.components"). Call {@link #rejectUnknown()} after reading to refuse misspelt keys.
 */
public final class Params {

    private final JsonNode node;
    private final String path;
    private final Set<String> read = new HashSet<>();

    private Params(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** @param node an object, or null/missing for no params */
    public static Params of(JsonNode node, String path) {
        if (node != null && !node.isNull() && !node.isMissingNode() && !node.isObject()) {
            throw new InvalidRequestException(path, "must be an object");
        }
        return new Params(node == null || node.isMissingNode() || node.isNull() ? null : node, path);
    }

    public String path(String name) {
        return path + "." + name;
    }

    /** Maps a numerics exception about {@code field} (relative to these params) to a request error. */
    public InvalidRequestException error(InvalidParameterException e) {
        return new InvalidRequestException(path(e.field()), e.getMessage());
    }

    public boolean has(String name) {
        read.add(name);
        return node != null && node.has(name) && !node.get(name).isNull();
    }

    /** The raw value, or null when absent. */
    public JsonNode raw(String name) {
        return has(name) ? node.get(name) : null;
    }

    public int integer(String name, int defaultValue, int min, int max) {
        Integer v = optionalInteger(name, min, max);
        return v == null ? defaultValue : v;
    }

    public Integer optionalInteger(String name, int min, int max) {
        JsonNode v = raw(name);
        if (v == null) {
            return null;
        }
        if (!v.isNumber() || !v.canConvertToExactIntegral() || !v.canConvertToInt()) {
            throw new InvalidRequestException(path(name), "must be an integer");
        }
        int i = v.intValue();
        if (i < min || i > max) {
            throw new InvalidRequestException(path(name), "must be between " + min + " and " + max);
        }
        return i;
    }

    /** An integer seed, or null. */
    public Long seed(String name) {
        JsonNode v = raw(name);
        if (v == null) {
            return null;
        }
        if (!v.isNumber() || !v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            throw new InvalidRequestException(path(name), "must be an integer");
        }
        return v.longValue();
    }

    /** A finite number in [min, max]; use {@code exclusiveMin} for a strict lower bound. */
    public Double optionalNumber(String name, double min, boolean exclusiveMin, double max) {
        JsonNode v = raw(name);
        if (v == null) {
            return null;
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw new InvalidRequestException(path(name), "must be a finite number");
        }
        double d = v.doubleValue();
        if (exclusiveMin ? d <= min : d < min) {
            throw new InvalidRequestException(path(name), "must be " + (exclusiveMin ? "greater than " : "at least ") + min);
        }
        if (d > max) {
            throw new InvalidRequestException(path(name), "must be at most " + max);
        }
        return d;
    }

    public double number(String name, double defaultValue, double min, boolean exclusiveMin, double max) {
        Double v = optionalNumber(name, min, exclusiveMin, max);
        return v == null ? defaultValue : v;
    }

    /** One of {@code allowed}, or the default when absent. */
    public String choice(String name, String defaultValue, List<String> allowed) {
        JsonNode v = raw(name);
        if (v == null) {
            return defaultValue;
        }
        if (!v.isString() || !allowed.contains(v.stringValue())) {
            throw new InvalidRequestException(path(name), "must be one of " + String.join(", ", allowed));
        }
        return v.stringValue();
    }

    /** Refuses keys that were never read, so that a misspelt parameter is not silently ignored. */
    public void rejectUnknown() {
        if (node == null) {
            return;
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!read.contains(e.getKey())) {
                problems.add(new FieldProblem(path(e.getKey()), "is not a parameter of this model type"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }
}
