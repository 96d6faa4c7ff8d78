package io.genmod.bench;

import io.genmod.core.Fit;
import io.genmod.mixture.CovarianceType;
import io.genmod.mixture.EmFitter;
import io.genmod.mixture.GaussianMixture;
import io.genmod.mixture.GradientFitter;
import io.genmod.mixture.GradientOptions;
import io.genmod.mixture.Initialisation;
import io.genmod.mixture.MixtureInitialiser;
import io.genmod.mixture.MixtureOptions;
import io.genmod.mixture.VariationalFitter;
import io.genmod.mixture.VariationalOptions;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Fits the same data from the same start with EM, full-batch gradient ascent, mini-batch (1024) gradient
 * ascent and variational Bayes, and prints one line: per fitter the iterations and the milliseconds it took to
 * reach EM's final mean log-likelihood within 1e-3 (-1 when it did not), and the total. The time to reach is
 * the run's duration times the fraction of its iterations needed. Usage: N D K COVARIANCE [SEED], or
 * {@code speed N D K COVARIANCE} for the time per iteration of each fitter.
 */
public final class MixtureFittersBench {

    private static final double WITHIN = 1e-3;

    private MixtureFittersBench() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("speed")) {
            speed(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), CovarianceType.of(args[4]));
            return;
        }
        int n = Integer.parseInt(args[0]);
        int d = Integer.parseInt(args[1]);
        int k = Integer.parseInt(args[2]);
        CovarianceType type = CovarianceType.of(args[3]);
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1L;
        double[][] x = data(n, d, k, seed);
        MixtureOptions init = new MixtureOptions(k, type, Initialisation.RANDOM_FROM_DATA, 1, 0, 1e-3, 1e-6, seed,
                null, null, null);
        GaussianMixture start = MixtureInitialiser.initialMixture(x, init, new SplittableRandom(seed));
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "n=%d d=%d k=%d covariance=%s", n, d, k, type.id()));

        // warm-up: every fitter a few iterations, so that no timed run pays for the JIT
        new EmFitter(given(start, type, 3, Double.MIN_VALUE)).fit(x);
        new GradientFitter(given(start, type, 3, Double.MIN_VALUE), GradientOptions.defaults()).fit(x, start, seed);
        new GradientFitter(given(start, type, 1, Double.MIN_VALUE), new GradientOptions(GradientOptions.Optimizer.ADAM,
                GradientOptions.Estimator.EXACT, 0.002, 1024, 1)).fit(x, start, seed);
        new VariationalFitter(given(start, type, 3, Double.MIN_VALUE),
                VariationalOptions.defaults(VariationalOptions.WeightPrior.DIRICHLET_DISTRIBUTION)).fit(x, start);

        Fit<GaussianMixture> em = new EmFitter(given(start, type, 1000, 1e-7)).fit(x);
        double target = em.diagnostics().meanLogLikelihood() - WITHIN;
        append(line, "em", em, target);
        GradientOptions full = GradientOptions.defaults();
        append(line, "gradient", new GradientFitter(given(start, type, 3000, 1e-7), full).fit(x, start, seed), target);
        GradientOptions mini = new GradientOptions(GradientOptions.Optimizer.ADAM, GradientOptions.Estimator.EXACT,
                0.002, 1024, 1);
        append(line, "minibatch", new GradientFitter(given(start, type, 30, 1e-7), mini).fit(x, start, seed), target);
        long t0 = System.nanoTime();
        VariationalFitter vb = new VariationalFitter(given(start, type, 1000, 1e-7),
                VariationalOptions.defaults(VariationalOptions.WeightPrior.DIRICHLET_DISTRIBUTION));
        Fit<GaussianMixture> v = vb.fit(x, start).fit();
        line.append(String.format(Locale.ROOT, " variational_iterations=%d variational_ms=%d variational_mean_log_likelihood=%.6f",
                v.diagnostics().iterations(), (System.nanoTime() - t0) / 1_000_000, v.diagnostics().meanLogLikelihood()));
        line.append(String.format(Locale.ROOT, " em_target=%.6f nproc=%d", target + WITHIN,
                Runtime.getRuntime().availableProcessors()));
        System.out.println(line);
    }

    /**
     * Milliseconds per iteration of EM, variational Bayes and mini-batch (1024) gradient ascent (an epoch), each
     * as (T(7 iterations) - T(2 iterations)) / 5 so that set-up and final passes cancel, each T the fastest of 3
     * interleaved rounds.
     */
    static void speed(int n, int d, int k, CovarianceType type) {
        double[][] x = data(n, d, k, 1L);
        MixtureOptions init = new MixtureOptions(k, type, Initialisation.RANDOM_FROM_DATA, 1, 0, 1e-3, 1e-6, 1L,
                null, null, null);
        GaussianMixture start = MixtureInitialiser.initialMixture(x, init, new SplittableRandom(1L));
        double[][] resp = start.responsibilities(x);
        GradientOptions mini = new GradientOptions(GradientOptions.Optimizer.ADAM, GradientOptions.Estimator.EXACT,
                0.002, 1024, 1);
        VariationalOptions dp = VariationalOptions.defaults(VariationalOptions.WeightPrior.DIRICHLET_PROCESS);
        long[] fastest = new long[6];
        int[] done = new int[6];
        java.util.Arrays.fill(fastest, Long.MAX_VALUE);
        int low = 2;
        int high = 7;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 2; i++) {
                int iterations = i == 0 ? low : high;
                MixtureOptions o = given(start, type, iterations, Double.MIN_VALUE);
                long t0 = System.nanoTime();
                done[i] = new EmFitter(o).fit(x).diagnostics().iterations();
                long t1 = System.nanoTime();
                done[2 + i] = new VariationalFitter(o, dp).fit(x, resp).fit().diagnostics().iterations();
                long t2 = System.nanoTime();
                done[4 + i] = new GradientFitter(o, mini).fit(x, start, 1L).diagnostics().iterations();
                long t3 = System.nanoTime();
                fastest[i] = Math.min(fastest[i], t1 - t0);
                fastest[2 + i] = Math.min(fastest[2 + i], t2 - t1);
                fastest[4 + i] = Math.min(fastest[4 + i], t3 - t2);
            }
        }
        double[] best = new double[3];
        for (int f = 0; f < 3; f++) {
            // a fit that stops early (an exactly repeated value) runs fewer iterations than asked
            best[f] = (fastest[2 * f + 1] - fastest[2 * f]) / 1e6 / Math.max(1, done[2 * f + 1] - done[2 * f]);
        }
        System.out.println(String.format(Locale.ROOT,
                "n=%d d=%d k=%d covariance=%s em_ms_per_iteration=%.1f variational_ms_per_iteration=%.1f"
                        + " gradient_ms_per_epoch=%.1f variational_over_em=%.2f gradient_epoch_over_em=%.2f nproc=%d",
                n, d, k, type.id(), best[0], best[1], best[2], best[1] / best[0], best[2] / best[0],
                Runtime.getRuntime().availableProcessors()));
    }

    private static MixtureOptions given(GaussianMixture start, CovarianceType type, int maxIterations, double tolerance) {
        return new MixtureOptions(start.components(), type, Initialisation.GIVEN, 1, maxIterations, tolerance, 1e-6, 1L,
                start.weights(), start.means(), start.covariances());
    }

    private static void append(StringBuilder line, String name, Fit<GaussianMixture> fit, double target) {
        double[] trace = fit.diagnostics().trace();
        int iterations = fit.diagnostics().iterations();
        int reached = -1;
        for (int i = 0; i < trace.length; i++) {
            if (trace[i] >= target) {
                reached = i;
                break;
            }
        }
        long millis = fit.diagnostics().durationMillis();
        long toReach = reached < 0 ? -1 : Math.round(millis * (double) reached / Math.max(1, iterations));
        line.append(String.format(Locale.ROOT, " %s_iterations=%d %s_ms=%d %s_iterations_to_em=%d %s_ms_to_em=%d %s_mean_log_likelihood=%.6f",
                name, iterations, name, millis, name, reached, name, toReach, name, fit.diagnostics().meanLogLikelihood()));
    }

    /** k Gaussian clusters with N(0, 3^2) centres and random per-dimension scales in [0.5, 1.5], mixed correlations. */
    public static double[][] data(int n, int d, int k, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centres = new double[k][d];
        double[][] scales = new double[k][d];
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                centres[j][a] = 3 * random.nextGaussian();
                scales[j][a] = 0.5 + random.nextDouble();
            }
        }
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            int j = random.nextInt(k);
            double shared = random.nextGaussian();
            for (int a = 0; a < d; a++) {
                x[i][a] = centres[j][a] + scales[j][a] * (0.8 * random.nextGaussian() + 0.6 * shared);
            }
        }
        return x;
    }
}
