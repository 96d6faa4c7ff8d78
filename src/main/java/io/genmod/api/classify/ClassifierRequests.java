package io.genmod.api.classify;

import io.genmod.api.Data;
import io.genmod.api.FieldProblem;
import io.genmod.api.InvalidRequestException;
import io.genmod.api.dto.CreateModelRequest;
import io.genmod.classify.ClassLabels;
import io.genmod.classify.Priors;
import io.genmod.core.InvalidParameterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Request parsing shared by the classifier types: labels, priors, imported classes and vectors. */
final class ClassifierRequests {

    private ClassifierRequests() {
    }

    /** Labelled training data. */
    record Labelled(double[][] x, ClassLabels classes, int[] y) {
    }

    /** Reads {@code x} and {@code y} (same length, all strings or all integers). */
    static Labelled labelled(CreateModelRequest request) {
        double[][] x = Data.matrix(request.x(), "x", null);
        List<Object> labels = Data.labels(request.y(), "y", x.length);
        ClassLabels classes = ClassLabels.of(labels);
        return new Labelled(x, classes, classes.encode(labels));
    }

    /** Refuses a body that gives both data and parameters. */
    static void dataOrParameters(CreateModelRequest request) {
        if (present(request.parameters()) && (present(request.x()) || present(request.y()))) {
            throw new InvalidRequestException("parameters",
                    "give either x and y to fit the model or parameters to import it, not both");
        }
    }

    static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    /**
     * Reads {@code priors}: an object from label to probability with one entry per class (keys are the labels
     * as text, so a label 2 is the key "2").
     *
     * @param field the request path of the priors, e.g. "params.priors"
     * @return the priors in class order, or null when {@code node} is absent
     */
    static double[] priors(JsonNode node, ClassLabels classes, String field) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidRequestException(field, "must be an object from class label to probability, e.g. {\"a\": 0.3, \"b\": 0.7}");
        }
        double[] priors = new double[classes.size()];
        boolean[] seen = new boolean[classes.size()];
        List<FieldProblem> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            int c = classes.indexOf(label(key, classes.numeric()));
            if (c < 0) {
                problems.add(new FieldProblem(field + "." + key, "is not a class of y; classes are " + classes.classes()));
                continue;
            }
            JsonNode v = e.getValue();
            if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                problems.add(new FieldProblem(field + "." + key, "must be a finite number"));
                continue;
            }
            priors[c] = v.doubleValue();
            seen[c] = true;
        }
        for (int c = 0; c < seen.length && problems.isEmpty(); c++) {
            if (!seen[c]) {
                problems.add(new FieldProblem(field, "has no prior for class " + classes.describe(c)));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return checked(priors, classes.size(), field);
    }

    /** Priors as they are echoed in {@code params}: label (as text) to probability, in class order. */
    static Map<String, Double> priorsMap(double[] priors, ClassLabels classes) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int c = 0; c < priors.length; c++) {
            map.put(classes.label(c).toString(), priors[c]);
        }
        return map;
    }

    private static Object label(String key, boolean numeric) {
        if (!numeric) {
            return key;
        }
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            return key;
        }
    }

    private static double[] checked(double[] priors, int k, String field) {
        try {
            return Priors.checked(priors, k, field);
        } catch (InvalidParameterException e) {
            throw new InvalidRequestException(field, e.getMessage());
        }
    }

    /** Reads imported {@code classes}: distinct labels, all strings or all integers, in sorted order. */
    static ClassLabels importedClasses(JsonNode node, String field) {
        if (node == null || !node.isArray()) {
            throw new InvalidRequestException(field, "is required: the class labels in sorted order");
        }
        List<Object> labels = Data.labels(node, field, node.size());
        if (labels.size() < 2) {
            throw new InvalidRequestException(field, "must hold at least two classes");
        }
        try {
            return ClassLabels.ofSorted(labels);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, "must be distinct and in sorted order (numbers ascending, strings lexicographically)");
        }
    }

    /** Reads imported class priors: one probability per class, summing to 1. */
    static double[] importedPriors(JsonNode node, int k, String field) {
        return checked(vector(node, field, k), k, field);
    }

    /** A flat array of {@code length} finite numbers. */
    static double[] vector(JsonNode node, String field, int length) {
        if (node == null || !node.isArray()) {
            throw new InvalidRequestException(field, "is required: an array of " + length + " numbers");
        }
        if (node.size() != length) {
            throw new InvalidRequestException(field, "must have " + length + " numbers, not " + node.size());
        }
        double[] v = new double[length];
        for (int i = 0; i < length; i++) {
            JsonNode e = node.get(i);
            if (!e.isNumber() || !Double.isFinite(e.doubleValue())) {
                throw new InvalidRequestException(field + "[" + i + "]", "must be a finite number");
            }
            v[i] = e.doubleValue();
        }
        return v;
    }
}
