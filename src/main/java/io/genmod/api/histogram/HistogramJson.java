package io.genmod.api.histogram;

import io.genmod.api.InvalidRequestException;
import io.genmod.api.dto.CreateModelRequest;
import io.genmod.core.InvalidParameterException;
import io.genmod.histogram.Histogram;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** JSON helpers shared by the histogram types: nested per-dimension arrays, import of edges and counts. */
public final class HistogramJson {

    private HistogramJson() {
    }

    public static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    /** Refuses request fields that a density type does not use. */
    public static void rejectUnused(CreateModelRequest request, String type) {
        reject(request.y(), "y", type);
        reject(request.structure(), "structure", type);
        reject(request.states(), "states", type);
        reject(request.records(), "records", type);
        reject(request.counts(), "counts", type);
        if (present(request.parameters()) && present(request.x())) {
            throw new InvalidRequestException("parameters", "give either x (to fit) or parameters (to import), not both");
        }
        if (!present(request.parameters()) && !present(request.x())) {
            throw new InvalidRequestException("x", "is required (or parameters, to import a model)");
        }
    }

    private static void reject(JsonNode node, String field, String type) {
        if (present(node)) {
            throw new InvalidRequestException(field, "is not used by " + type);
        }
    }

    /** A finite number. */
    public static double number(JsonNode node, String field) {
        if (node == null || !node.isNumber() || !Double.isFinite(node.doubleValue())) {
            throw new InvalidRequestException(field, "must be a finite number");
        }
        return node.doubleValue();
    }

    /** A list of finite numbers. */
    public static double[] numbers(JsonNode node, String field) {
        if (node == null || !node.isArray()) {
            throw new InvalidRequestException(field, "must be a list of numbers");
        }
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = number(node.get(i), field + "[" + i + "]");
        }
        return v;
    }

    /** Row-major values as arrays nested one level per dimension (a flat list for one dimension). */
    public static Object nest(double[] flat, int[] shape) {
        return nest(flat, shape, 0, 0);
    }

    private static Object nest(double[] flat, int[] shape, int dim, int offset) {
        if (dim == shape.length - 1) {
            double[] row = new double[shape[dim]];
            System.arraycopy(flat, offset, row, 0, row.length);
            return row;
        }
        int stride = 1;
        for (int k = dim + 1; k < shape.length; k++) {
            stride *= shape[k];
        }
        List<Object> out = new ArrayList<>(shape[dim]);
        for (int i = 0; i < shape[dim]; i++) {
            out.add(nest(flat, shape, dim + 1, offset + i * stride));
        }
        return out;
    }

    /** Reads nested counts of the given shape into row-major order. */
    static double[] flatten(JsonNode node, int[] shape, String field) {
        int cells = 1;
        for (int s : shape) {
            cells *= s;
        }
        double[] out = new double[cells];
        flatten(node, shape, 0, 0, out, field);
        return out;
    }

    private static void flatten(JsonNode node, int[] shape, int dim, int offset, double[] out, String field) {
        if (node == null || !node.isArray() || node.size() != shape[dim]) {
            throw new InvalidRequestException(field, "must be a list of " + shape[dim] + " entries (one per bin of dimension " + dim + ")");
        }
        int stride = 1;
        for (int k = dim + 1; k < shape.length; k++) {
            stride *= shape[k];
        }
        for (int i = 0; i < shape[dim]; i++) {
            String f = field + "[" + i + "]";
            if (dim == shape.length - 1) {
                out[offset + i] = number(node.get(i), f);
            } else {
                flatten(node.get(i), shape, dim + 1, offset + i * stride, out, f);
            }
        }
    }

    /** {@code edges} (per dimension), {@code counts} and {@code density} (nested per dimension). */
    public static Map<String, Object> export(Histogram h) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("edges", h.edges());
        parameters.put("counts", nest(h.counts(), h.shape()));
        parameters.put("density", nest(h.densities(), h.shape()));
        return parameters;
    }

    /**
     * A histogram from {@code edges} (a list per dimension; a flat list means one dimension) and nested
     * {@code counts}; {@code density} may be present and is recomputed from the counts.
     */
    public static Histogram importHistogram(JsonNode node, double pseudoCount, String path, Integer requiredDimension) {
        if (!present(node) || !node.isObject()) {
            throw new InvalidRequestException(path, "must be an object with edges and counts");
        }
        for (var e : node.properties()) {
            if (!List.of("edges", "counts", "density").contains(e.getKey())) {
                throw new InvalidRequestException(path + "." + e.getKey(), "is not a parameter of a histogram");
            }
        }
        JsonNode edgesNode = node.get("edges");
        if (!present(edgesNode) || !edgesNode.isArray() || edgesNode.isEmpty()) {
            throw new InvalidRequestException(path + ".edges", "is required: a list of edges per dimension");
        }
        double[][] edges;
        if (!edgesNode.get(0).isArray()) {
            edges = new double[][] {numbers(edgesNode, path + ".edges")};
        } else {
            edges = new double[edgesNode.size()][];
            for (int k = 0; k < edges.length; k++) {
                edges[k] = numbers(edgesNode.get(k), path + ".edges[" + k + "]");
            }
        }
        if (requiredDimension != null && edges.length != requiredDimension) {
            throw new InvalidRequestException(path + ".edges", "must describe " + requiredDimension + " dimension(s)");
        }
        int[] shape = new int[edges.length];
        long cells = 1;
        for (int k = 0; k < edges.length; k++) {
            if (edges[k].length < 2) {
                throw new InvalidRequestException(path + ".edges[" + k + "]", "must have at least two edges");
            }
            shape[k] = edges[k].length - 1;
            cells *= shape[k];
            if (cells > io.genmod.histogram.HistogramFitter.DEFAULT_MAX_CELLS) {
                throw new InvalidRequestException(path + ".edges", "describe more than "
                        + io.genmod.histogram.HistogramFitter.DEFAULT_MAX_CELLS + " cells");
            }
        }
        double[] counts = flatten(node.get("counts"), shape, path + ".counts");
        try {
            return new Histogram(edges, counts, pseudoCount);
        } catch (InvalidParameterException e) {
            throw new InvalidRequestException(path + "." + e.field(), e.getMessage());
        }
    }
}
