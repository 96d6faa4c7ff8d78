package io.genmod.api.kde;

import io.genmod.api.Data;
import io.genmod.api.DensityFamily;
import io.genmod.api.InvalidRequestException;
import io.genmod.api.Params;
import io.genmod.api.ServedDensity;
import io.genmod.api.ServedModel;
import io.genmod.api.dto.CreateModelRequest;
import io.genmod.api.histogram.HistogramJson;
import io.genmod.core.Density;
import io.genmod.core.Fit;
import io.genmod.core.InvalidParameterException;
import io.genmod.kde.Kernel;
import io.genmod.kde.KernelDensity;
import io.genmod.kde.KernelDensityFitter;
import io.genmod.kde.KernelDensityFitter.Rule;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The {@code kernel-density} type: {@code kernel}, {@code bandwidth} (a number or {@code scott},
 * {@code silverman}, {@code cross-validation}) and {@code relativeTolerance}; exports the kernel, the numeric
 * bandwidth and the training points.
 */
@Component
public class KernelDensityFamily implements DensityFamily {

    public static final String TYPE = "kernel-density";
    private static final List<String> KERNELS = Arrays.stream(Kernel.values()).map(Kernel::id).toList();
    private static final List<String> RULES = List.of(Rule.SCOTT.id(), Rule.SILVERMAN.id(), Rule.CROSS_VALIDATION.id());
    private static final List<String> PARAMETER_KEYS = List.of("kernel", "bandwidth", "points");

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ServedModel create(CreateModelRequest request) {
        HistogramJson.rejectUnused(request, TYPE);
        Configuration c = configuration(request.params(), "params");
        if (HistogramJson.present(request.parameters())) {
            KernelDensity kde = importKde(request.parameters(), c.options().relativeTolerance(), "parameters");
            Map<String, Object> effective = new LinkedHashMap<>(c.effective());
            effective.put("kernel", kde.kernel().id());
            effective.put("bandwidth", kde.bandwidth());
            return new ServedDensity(TYPE, kde, null, effective, export(kde), null);
        }
        double[][] x = Data.matrix(request.x(), "x", null);
        Fit<KernelDensity> fit = fit(c, x, "params");
        return new ServedDensity(TYPE, fit.model(), x.length, c.effective(), export(fit.model()), fit.diagnostics());
    }

    @Override
    public Configured configure(JsonNode params, String path) {
        Configuration c = configuration(params, path);
        return new Configured(x -> fit(c, x, path), c.effective());
    }

    @Override
    public Object exportParameters(Density density) {
        return export((KernelDensity) density);
    }

    @Override
    public Density importParameters(JsonNode parameters, JsonNode params, String path) {
        double rtol = 0;
        if (params != null && params.isObject() && params.has("relativeTolerance") && params.get("relativeTolerance").isNumber()) {
            double v = params.get("relativeTolerance").doubleValue();
            rtol = v >= 0 && v < 1 ? v : 0;
        }
        return importKde(parameters, rtol, path);
    }

    private record Configuration(KernelDensityFitter.Options options, Map<String, Object> effective) {
    }

    private static Fit<KernelDensity> fit(Configuration c, double[][] x, String path) {
        try {
            return KernelDensityFitter.fit(x, c.options());
        } catch (InvalidParameterException e) {
            throw new InvalidRequestException(path + "." + e.field(), e.getMessage());
        }
    }

    private static Configuration configuration(JsonNode node, String path) {
        Params p = Params.of(node, path);
        Kernel kernel = Kernel.of(p.choice("kernel", Kernel.GAUSSIAN.id(), KERNELS));
        Rule rule = Rule.SCOTT;
        double bandwidth = Double.NaN;
        Object bandwidthEcho = Rule.SCOTT.id();
        JsonNode b = p.raw("bandwidth");
        if (b != null) {
            if (b.isNumber()) {
                bandwidth = p.number("bandwidth", 1, 0, true, Double.MAX_VALUE);
                rule = Rule.FIXED;
                bandwidthEcho = bandwidth;
            } else {
                String id = p.choice("bandwidth", Rule.SCOTT.id(), RULES);
                rule = Arrays.stream(Rule.values()).filter(r -> r.id().equals(id)).findFirst().orElseThrow();
                bandwidthEcho = id;
            }
        }
        double rtol = p.number("relativeTolerance", 0, 0, false, 0.5);
        p.rejectUnknown();
        Map<String, Object> effective = new LinkedHashMap<>();
        effective.put("kernel", kernel.id());
        effective.put("bandwidth", bandwidthEcho);
        effective.put("relativeTolerance", rtol);
        try {
            return new Configuration(new KernelDensityFitter.Options(kernel, rule, bandwidth, rtol), effective);
        } catch (InvalidParameterException e) {
            throw p.error(e);
        }
    }

    static Map<String, Object> export(KernelDensity kde) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("kernel", kde.kernel().id());
        parameters.put("bandwidth", kde.bandwidth());
        parameters.put("points", kde.points());
        return parameters;
    }

    private static KernelDensity importKde(JsonNode node, double rtol, String path) {
        if (!HistogramJson.present(node) || !node.isObject()) {
            throw new InvalidRequestException(path, "must be an object with kernel, bandwidth and points");
        }
        for (var e : node.properties()) {
            if (!PARAMETER_KEYS.contains(e.getKey())) {
                throw new InvalidRequestException(path + "." + e.getKey(), "is not a parameter of a kernel-density");
            }
        }
        JsonNode k = node.get("kernel");
        Kernel kernel = Kernel.GAUSSIAN;
        if (HistogramJson.present(k)) {
            if (!k.isString() || !KERNELS.contains(k.stringValue())) {
                throw new InvalidRequestException(path + ".kernel", "must be one of " + String.join(", ", KERNELS));
            }
            kernel = Kernel.of(k.stringValue());
        }
        double h = HistogramJson.number(node.get("bandwidth"), path + ".bandwidth");
        if (!(h > 0)) {
            throw new InvalidRequestException(path + ".bandwidth", "must be greater than 0");
        }
        double[][] points = Data.matrix(node.get("points"), path + ".points", null);
        try {
            return new KernelDensity(points, kernel, h, rtol);
        } catch (InvalidParameterException e) {
            throw new InvalidRequestException(path + "." + e.field(), e.getMessage());
        }
    }
}
