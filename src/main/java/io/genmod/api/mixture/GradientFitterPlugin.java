package io.genmod.api.mixture;

import io.genmod.api.Params;
import io.genmod.core.InvalidParameterException;
import io.genmod.mixture.GradientFitter;
import io.genmod.mixture.GradientOptions;
import io.genmod.mixture.MixtureFitter;
import io.genmod.mixture.MixtureOptions;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code fitter: gradient}: reads {@code learningRate}, {@code optimizer}, {@code batchSize},
 * {@code gradientEstimator} and {@code samples} into {@link GradientOptions}.
 */
@Component
public class GradientFitterPlugin implements MixtureFitterPlugin {

    static final int MAX_BATCH = Integer.MAX_VALUE;
    static final int MAX_SAMPLES = 1_000_000;

    @Override
    public String name() {
        return GradientFitter.NAME;
    }

    @Override
    public int defaultMaxIterations() {
        return GradientOptions.DEFAULT_MAX_ITERATIONS;
    }

    @Override
    public MixtureFitter configure(MixtureOptions common, Params params, Map<String, Object> effectiveParams) {
        double learningRate = params.number("learningRate", GradientOptions.DEFAULT_LEARNING_RATE, 0, true, Double.MAX_VALUE);
        String optimizer = params.choice("optimizer", GradientOptions.Optimizer.ADAM.id(),
                List.of(GradientOptions.Optimizer.ADAM.id(), GradientOptions.Optimizer.SGD.id()));
        Integer batchSize = params.optionalInteger("batchSize", 1, MAX_BATCH);
        String estimator = params.choice("gradientEstimator", GradientOptions.Estimator.EXACT.id(),
                List.of(GradientOptions.Estimator.EXACT.id(), GradientOptions.Estimator.MONTE_CARLO.id()));
        int samples = params.integer("samples", GradientOptions.DEFAULT_SAMPLES, 1, MAX_SAMPLES);
        GradientOptions options;
        try {
            options = new GradientOptions(GradientOptions.Optimizer.of(optimizer), GradientOptions.Estimator.of(estimator),
                    learningRate, batchSize, samples);
        } catch (InvalidParameterException e) {
            throw params.error(e);
        }
        effectiveParams.put("learningRate", learningRate);
        effectiveParams.put("optimizer", optimizer);
        if (batchSize != null) {
            effectiveParams.put("batchSize", batchSize);
        }
        effectiveParams.put("gradientEstimator", estimator);
        if (options.estimator() == GradientOptions.Estimator.MONTE_CARLO) {
            effectiveParams.put("samples", samples);
        }
        return new GradientFitter(common, options);
    }
}
