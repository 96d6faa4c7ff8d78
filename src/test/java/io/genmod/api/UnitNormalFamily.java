package io.genmod.api;

import io.genmod.api.dto.CreateModelRequest;
import io.genmod.core.Density;
import io.genmod.core.Diagnostics;
import io.genmod.core.Fit;
import java.util.Map;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;

/**
 * A test-only model type, {@code test-normal}: a normal with fitted mean and unit variance per column. It lets the
 * foundation tests exercise the HTTP layer without depending on any real model family.
 */
final class UnitNormalFamily implements DensityFamily {

    static final String TYPE = "test-normal";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ServedModel create(CreateModelRequest request) {
        Configured configured = configure(request.params(), "params");
        if (request.parameters() != null) {
            Density imported = importParameters(request.parameters(), request.params(), "parameters");
            return new ServedDensity(TYPE, imported, null, configured.effectiveParams(), exportParameters(imported), null);
        }
        double[][] x = Data.matrix(request.x(), "x", null);
        Fit<? extends Density> fit = configured.fitter().fit(x);
        return new ServedDensity(TYPE, fit.model(), x.length, configured.effectiveParams(),
                exportParameters(fit.model()), fit.diagnostics());
    }

    @Override
    public Configured configure(JsonNode params, String path) {
        Params p = Params.of(params, path);
        double shift = p.number("shift", 0.0, -1e6, false, 1e6);
        int slowIterations = p.integer("slowIterations", 0, 0, 100_000);
        p.rejectUnknown();
        return new Configured(x -> {
            for (int i = 0; i < slowIterations; i++) {
                sleepBriefly();
                io.genmod.core.FitProgress.report(i + 1, -1.0 / (i + 1));
            }
            double[] mean = new double[x[0].length];
            for (double[] row : x) {
                for (int j = 0; j < row.length; j++) {
                    mean[j] += row[j] / x.length;
                }
            }
            for (int j = 0; j < mean.length; j++) {
                mean[j] += shift;
            }
            UnitNormal density = new UnitNormal(mean);
            double ll = 0;
            for (double v : density.logDensity(x)) {
                ll += v;
            }
            return new Fit<>(density, Diagnostics.direct("moments", ll, x.length, density.parameterCount(), 0));
        }, Map.of("shift", shift));
    }

    /** Stands in for the work of one iteration of a slow fit. */
    private static void sleepBriefly() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Object exportParameters(Density density) {
        return Map.of("mean", ((UnitNormal) density).mean);
    }

    @Override
    public Density importParameters(JsonNode parameters, JsonNode params, String path) {
        double[][] mean = Data.matrix(parameters.get("mean"), path + ".mean", null);
        double[] m = new double[mean.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = mean[i][0];
        }
        return new UnitNormal(m);
    }

    /** N(mean, I). */
    record UnitNormal(double[] mean) implements Density {

        @Override
        public int dimension() {
            return mean.length;
        }

        @Override
        public double[] logDensity(double[][] x) {
            double[] out = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double q = 0;
                for (int j = 0; j < mean.length; j++) {
                    q += (x[i][j] - mean[j]) * (x[i][j] - mean[j]);
                }
                out[i] = -0.5 * q - 0.5 * mean.length * Math.log(2 * Math.PI);
            }
            return out;
        }

        @Override
        public double[][] sample(int n, RandomGenerator random) {
            double[][] x = new double[n][mean.length];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < mean.length; j++) {
                    x[i][j] = mean[j] + random.nextGaussian();
                }
            }
            return x;
        }

        @Override
        public int parameterCount() {
            return mean.length;
        }
    }
}
