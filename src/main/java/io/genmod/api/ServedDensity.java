package io.genmod.api;

import io.genmod.api.dto.SampleResponse;
import io.genmod.core.Density;
import io.genmod.core.Diagnostics;
import io.genmod.math.Rng;

/** A served model backed by a {@link Density}: log-density, sample and score come from the density. */
public class ServedDensity extends AbstractServedModel {

    private final Density density;

    public ServedDensity(String type, Density density, Integer trainingSize, Object params, Object parameters,
                         Diagnostics diagnostics) {
        super(type, trainingSize, params, parameters, diagnostics);
        this.density = density;
    }

    public Density density() {
        return density;
    }


    @Override
    public Integer dimension() {
        return density.dimension();
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
