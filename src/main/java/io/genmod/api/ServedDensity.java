package io.genmod.api;

import io.genmod.api.dto.SampleResponse;
import io.genmod.core.Density;
import io.genmod.core.Diagnostics;
import io.genmod.math.Rng;

/** A served model backed by a {@link Density}: log-density, sample and score come from the density. */
public class ServedDensity implements ServedModel {

    private final String type;
    private final Density density;
    private final Integer trainingSize;
    private final Object params;
    private final Object parameters;
    private final Diagnostics diagnostics;

    public ServedDensity(String type, Density density, Integer trainingSize, Object params, Object parameters,
                         Diagnostics diagnostics) {
        this.type = type;
        this.density = density;
        this.trainingSize = trainingSize;
        this.params = params;
        this.parameters = parameters;
        this.diagnostics = diagnostics;
    }

    public Density density() {
        return density;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Integer dimension() {
        return density.dimension();
    }

    @Override
    public Integer trainingSize() {
        return trainingSize;
    }

    @Override
    public Object params() {
        return params;
    }

    @Override
    public Object parameters() {
        return parameters;
    }

    @Override
    public Diagnostics diagnostics() {
        return diagnostics;
    }

    @Override
    public double[] logDensity(double[][] x) {
        return density.logDensity(x);
    }

    @Override
    public SampleResponse sample(int n, Long seed) {
        return SampleResponse.rows(density.sample(n, Rng.of(seed)));
    }
}
