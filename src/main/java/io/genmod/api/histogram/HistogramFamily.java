package io.genmod.api.histogram;

import io.genmod.api.Data;
import io.genmod.api.DensityFamily;
import io.genmod.api.InvalidRequestException;
import io.genmod.api.Params;
import io.genmod.api.ServedDensity;
import io.genmod.api.ServedModel;
import io.genmod.api.dto.CreateModelRequest;
import io.genmod.core.Density;
import io.genmod.core.Fit;
import io.genmod.core.InvalidParameterException;
import io.genmod.histogram.BinRule;
import io.genmod.histogram.Histogram;
import io.genmod.histogram.HistogramFitter;
import io.genmod.histogram.HistogramFitter.Bins;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The {@code histogram} type: a fixed-bin grid with bins by count (one for all dimensions, or one entry per
 * dimension, each a count or a list of edges) or by a numpy rule ({@code binRule}, default {@code auto}),
 * optional {@code range} and {@code pseudoCount}. At most {@link HistogramFitter#DEFAULT_MAX_CELLS} cells.
 */
@Component
public class HistogramFamily implements DensityFamily {

    public static final String TYPE = "histogram";
    static final int MAX_BINS = (int) HistogramFitter.DEFAULT_MAX_CELLS;
    private static final List<String> RULES = Arrays.stream(BinRule.values()).map(BinRule::id).toList();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ServedModel create(CreateModelRequest request) {
        HistogramJson.rejectUnused(request, TYPE);
        Configuration c = configuration(request.params(), "params");
        if (HistogramJson.present(request.parameters())) {
            Histogram h = HistogramJson.importHistogram(request.parameters(), c.options().pseudoCount(), "parameters", null);
            return new ServedDensity(TYPE, h, null, c.effective(), HistogramJson.export(h), null);
        }
        double[][] x = Data.matrix(request.x(), "x", null);
        Fit<Histogram> fit = fit(c, x, "params");
        return new ServedDensity(TYPE, fit.model(), x.length, c.effective(), HistogramJson.export(fit.model()), fit.diagnostics());
    }

    @Override
    public Configured configure(JsonNode params, String path) {
        Configuration c = configuration(params, path);
        return new Configured(x -> fit(c, x, path), c.effective());
    }

    @Override
    public Object exportParameters(Density density) {
        return HistogramJson.export((Histogram) density);
    }

    @Override
    public Density importParameters(JsonNode parameters, JsonNode params, String path) {
        double pseudoCount = 0;
        if (params != null && params.isObject() && params.has("pseudoCount") && params.get("pseudoCount").isNumber()) {
            pseudoCount = Math.max(0, params.get("pseudoCount").doubleValue());
        }
        return HistogramJson.importHistogram(parameters, pseudoCount, path, null);
    }

    private record Configuration(HistogramFitter.Options options, Map<String, Object> effective) {
    }

    private static Fit<Histogram> fit(Configuration c, double[][] x, String path) {
        try {
            return HistogramFitter.fit(x, c.options());
        } catch (InvalidParameterException e) {
            throw new InvalidRequestException(path + "." + e.field(), e.getMessage());
        }
    }

    private static Configuration configuration(JsonNode node, String path) {
        Params p = Params.of(node, path);
        Map<String, Object> effective = new LinkedHashMap<>();
        List<Bins> bins = new ArrayList<>();
        JsonNode binsNode = p.raw("bins");
        boolean hasRule = p.has("binRule");
        if (binsNode != null && hasRule) {
            throw new InvalidRequestException(p.path("binRule"), "give bins or binRule, not both");
        }
        if (binsNode != null) {
            if (binsNode.isArray()) {
                if (binsNode.isEmpty()) {
                    throw new InvalidRequestException(p.path("bins"), "must not be empty");
                }
                for (int k = 0; k < binsNode.size(); k++) {
                    bins.add(bins(binsNode.get(k), p.path("bins") + "[" + k + "]"));
                }
            } else {
                bins.add(bins(binsNode, p.path("bins")));
            }
            effective.put("bins", binsNode);
        } else {
            String rule = p.choice("binRule", BinRule.AUTO.id(), RULES);
            bins.add(Bins.of(BinRule.of(rule)));
            effective.put("binRule", rule);
        }
        double[][] range = null;
        JsonNode rangeNode = p.raw("range");
        if (rangeNode != null) {
            range = range(rangeNode, p.path("range"));
            effective.put("range", range);
        }
        double pseudoCount = p.number("pseudoCount", 0, 0, false, Double.MAX_VALUE);
        effective.put("pseudoCount", pseudoCount);
        p.rejectUnknown();
        try {
            return new Configuration(new HistogramFitter.Options(bins, range, pseudoCount, HistogramFitter.DEFAULT_MAX_CELLS),
                    effective);
        } catch (InvalidParameterException e) {
            throw p.error(e);
        }
    }

    private static Bins bins(JsonNode node, String field) {
        if (node.isArray()) {
            double[] edges = HistogramJson.numbers(node, field);
            try {
                return new Bins(null, null, edges);
            } catch (InvalidParameterException e) {
                throw new InvalidRequestException(field, e.getMessage());
            }
        }
        if (!node.isNumber() || !node.canConvertToExactIntegral() || !node.canConvertToInt()) {
            throw new InvalidRequestException(field, "must be an integer bin count or a list of edges");
        }
        int count = node.intValue();
        if (count < 1 || count > MAX_BINS) {
            throw new InvalidRequestException(field, "must be between 1 and " + MAX_BINS);
        }
        return Bins.of(count);
    }

    /** [lo, hi] (one dimension) or a list of [lo, hi] pairs, one per dimension. */
    private static double[][] range(JsonNode node, String field) {
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidRequestException(field, "must be [lo, hi] or a list of [lo, hi] pairs, one per dimension");
        }
        if (!node.get(0).isArray()) {
            return new double[][] {pair(node, field)};
        }
        double[][] r = new double[node.size()][];
        for (int k = 0; k < r.length; k++) {
            r[k] = pair(node.get(k), field + "[" + k + "]");
        }
        return r;
    }

    private static double[] pair(JsonNode node, String field) {
        double[] v = HistogramJson.numbers(node, field);
        if (v.length != 2) {
            throw new InvalidRequestException(field, "must be a pair [lo, hi]");
        }
        if (!(v[0] < v[1])) {
            throw new InvalidRequestException(field, "lo must be below hi");
        }
        return v;
    }
}
