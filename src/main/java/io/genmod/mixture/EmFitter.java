package io.genmod.mixture;

import io.genmod.core.Diagnostics;
import io.genmod.core.Fit;
import io.genmod.math.Rng;
import java.util.SplittableRandom;

/**
 * Maximum-likelihood Gaussian mixtures by expectation-maximisation (Dempster, Laird and Rubin 1977; Bishop,
 * PRML section 9.2.2). Each iteration is one pass over the data that evaluates the mean log-likelihood and the
 * responsibilities at the current parameters (E-step, in log space) and accumulates the sufficient statistics
 * of the next parameters (M-step as scikit-learn's). Stops as scikit-learn does ({@link EmEngine#run}): one
 * update after the mean log-likelihood changed by less than the tolerance; of {@code nInit} starts the one
 * with the highest final log-likelihood is kept.
 */
public final class EmFitter implements MixtureFitter {

    /** The {@code fitter} name in diagnostics. */
    public static final String NAME = "em";

    private final MixtureOptions options;

    public EmFitter(MixtureOptions options) {
        this.options = options;
    }

    public MixtureOptions options() {
        return options;
    }

    @Override
    public Fit<GaussianMixture> fit(double[][] x) {
        long start = System.nanoTime();
        MixtureInitialiser.checkSize(x, options.components());
        SplittableRandom random = Rng.of(options.seed());
        EmEngine engine = new EmEngine(x, options.covarianceType(), options.regularization());
        EmEngine.Run best = null;
        for (int attempt = 0; attempt < options.nInit(); attempt++) {
            GaussianMixture initial = MixtureInitialiser.initialMixture(x, options, random.split());
            EmEngine.Run run = engine.run(initial, options.maxIterations(), options.tolerance());
            if (best == null || run.logLikelihood() > best.logLikelihood()) {
                best = run;
            }
            if (options.init() == Initialisation.GIVEN) {
                break;
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        Diagnostics diagnostics = Diagnostics.iterative(NAME, best.iterations(), best.converged(), best.logLikelihood(),
                x.length, best.trace(), best.model().parameterCount(), millis);
        return new Fit<>(best.model(), diagnostics);
    }
}
