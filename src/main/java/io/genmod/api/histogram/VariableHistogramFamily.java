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
import io.genmod.histogram.Histogram;
import io.genmod.histogram.VariableHistogramFitter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** The {@code variable-histogram} type: one-dimensional equal-mass bins, {@code pointsPerBin} or {@code bins}. */
@Component
public class VariableHistogramFamily implements DensityFamily {

    public static final String TYPE = "variable-histogram";
    static final int MAX_BINS = 1_000_000;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ServedModel create(CreateModelRequest request) {
        HistogramJson.rejectUnused(request, TYPE);
        Configuration c = configuration(request.params(), "params");
        if (HistogramJson.present(request.parameters())) {
            Histogram h = HistogramJson.importHistogram(request.parameters(), 0, "parameters", 1);
            return new ServedDensity(TYPE, h, null, c.effective(), HistogramJson.export(h), null);
        }
        double[][] x = Data.matrix(request.x(), "x", null);
        Fit<Histogram> fit = fit(c, x, "params");
        Map<String, Object> effective = c.effective();
        if (!effective.containsKey("bins") && !effective.containsKey("pointsPerBin")) {
            effective.put("pointsPerBin", Math.max(1, Math.round(Math.sqrt(x.length))));
        }
        return new ServedDensity(TYPE, fit.model(), x.length, effective, HistogramJson.export(fit.model()), fit.diagnostics());
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
        return HistogramJson.importHistogram(parameters, 0, path, 1);
    }

    private record Configuration(VariableHistogramFitter.Options options, Map<String, Object> effective) {
        @Override
        public Map<String, Object> effective() {
            return new LinkedHashMap<>(effective);
        }
    }

    private static Fit<Histogram> fit(Configuration c, double[][] x, String path) {
        if (x[0].length != 1) {
            throw new InvalidRequestException("x", "a variable-histogram takes one-dimensional data (one column)");
        }
        try {
            return VariableHistogramFitter.fit(x, c.options());
        } catch (InvalidParameterException e) {
            throw new InvalidRequestException(path + "." + e.field(), e.getMessage());
        }
    }

    private static Configuration configuration(JsonNode node, String path) {
        Params p = Params.of(node, path);
        Integer pointsPerBin = p.optionalInteger("pointsPerBin", 1, Integer.MAX_VALUE);
        Integer bins = p.optionalInteger("bins", 1, MAX_BINS);
        if (pointsPerBin != null && bins != null) {
            throw new InvalidRequestException(p.path("bins"), "give pointsPerBin or bins, not both");
        }
        p.rejectUnknown();
        Map<String, Object> effective = new LinkedHashMap<>();
        if (bins != null) {
            effective.put("bins", bins);
        } else if (pointsPerBin != null) {
            effective.put("pointsPerBin", pointsPerBin);
        }
        return new Configuration(new VariableHistogramFitter.Options(pointsPerBin, bins), effective);
    }
}
