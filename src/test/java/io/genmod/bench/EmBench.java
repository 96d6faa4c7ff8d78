package io.genmod.bench;

import io.genmod.core.Fit;
import io.genmod.core.FitProgress;
import io.genmod.mixture.CovarianceType;
import io.genmod.mixture.EmFitter;
import io.genmod.mixture.GaussianMixture;
import io.genmod.mixture.Initialisation;
import io.genmod.mixture.MixtureFitter;
import io.genmod.mixture.MixtureInitialiser;
import io.genmod.mixture.MixtureOptions;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * Times mixture-fitter iterations after initialisation on data drawn from a fixed random mixture:
 * {@code EmBench N D K COVARIANCE [FITTER]} prints {@code ms_per_iteration=... mean_log_likelihood=...
 * cpu_ms_per_iteration=... fit_ms_per_iteration=...}.
 *
 * <p>The k-means++ initialisation is computed once, untimed, and given to the fitter; two warm-up fits as
 * long as the timed one let the JIT finish compiling (with one short one, compiler threads still competed for
 * the cores during the timed fit). {@code ms_per_iteration} is the wall time between the first and the last
 * iteration the fitter reports (through {@link FitProgress}) divided by the iterations between them: the
 * iterations alone, without the one-time work around them (packing the data into blocks, the pass at the
 * initial parameters, the gradient fitter's final full log-likelihood pass). {@code cpu_ms_per_iteration} is
 * the CPU time of all threads over the same span (for shared machines); {@code fit_ms_per_iteration} is the
 * whole timed fit's wall time divided by its iterations, one-time work included.
 */
public final class EmBench {

    private static final long DATA_SEED = 20261125L;
    private static final int TIMED_ITERATIONS = 10;
    private static final int WARM_UP_FITS = 2;

    private EmBench() {
    }

    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: EmBench N D K full|tied|diag|spherical [em]");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0]);
        int d = Integer.parseInt(args[1]);
        int k = Integer.parseInt(args[2]);
        CovarianceType type = CovarianceType.of(args[3]);
        String fitterName = args.length > 4 ? args[4] : EmFitter.NAME;
        double[][] x = data(n, d, k);
        MixtureOptions init = new MixtureOptions(k, type, Initialisation.KMEANS_PLUS_PLUS, 1, 0, 1e-3, 1e-6, 1L,
                null, null, null);
        GaussianMixture start = MixtureInitialiser.initialMixture(x, init, new SplittableRandom(1));

        MixtureFitter fitter = fitter(fitterName, given(start, TIMED_ITERATIONS));
        for (int i = 0; i < WARM_UP_FITS; i++) {
            fitter.fit(x);
        }
        IterationClock clock = new IterationClock();
        long t0 = System.nanoTime();
        Fit<GaussianMixture> fit = FitProgress.runWith(clock, () -> fitter.fit(x));
        long elapsed = System.nanoTime() - t0;
        int iterations = Math.max(1, fit.diagnostics().iterations());
        System.out.printf(Locale.ROOT,
                "ms_per_iteration=%.1f mean_log_likelihood=%.9f cpu_ms_per_iteration=%.1f fit_ms_per_iteration=%.1f%n",
                clock.wallMillisPerIteration(), fit.diagnostics().meanLogLikelihood(),
                clock.cpuMillisPerIteration(), elapsed / 1e6 / iterations);
    }

    /** Wall and CPU clock (all threads) at the first and the latest iteration reported. */
    public static final class IterationClock implements BiConsumer<Integer, Double> {
        private final com.sun.management.OperatingSystemMXBean os;
        private int firstIteration = -1;
        private int lastIteration;
        private long firstWall;
        private long lastWall;
        private long firstCpu;
        private long lastCpu;

        public IterationClock() {
            this.os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        }

        @Override
        public void accept(Integer iteration, Double value) {
            long wall = System.nanoTime();
            long cpu = os.getProcessCpuTime();
            if (firstIteration < 0) {
                firstIteration = iteration;
                firstWall = wall;
                firstCpu = cpu;
            }
            lastIteration = iteration;
            lastWall = wall;
            lastCpu = cpu;
        }

        public double wallMillisPerIteration() {
            return (lastWall - firstWall) / 1e6 / span();
        }

        public double cpuMillisPerIteration() {
            return (lastCpu - firstCpu) / 1e6 / span();
        }

        private int span() {
            if (lastIteration <= firstIteration) {
                throw new IllegalStateException("the fitter reported fewer than two iterations");
            }
            return lastIteration - firstIteration;
        }
    }

    /** The one place that maps a FITTER argument to a fitter; add other fitters here. */
    static MixtureFitter fitter(String name, MixtureOptions options) {
        return switch (name) {
            case EmFitter.NAME -> new EmFitter(options);
            case io.genmod.mixture.GradientFitter.NAME -> new io.genmod.mixture.GradientFitter(options,
                    new io.genmod.mixture.GradientOptions(io.genmod.mixture.GradientOptions.Optimizer.ADAM,
                            io.genmod.mixture.GradientOptions.Estimator.EXACT, 0.002, 1024, 1));
            case io.genmod.mixture.VariationalFitter.NAME -> new io.genmod.mixture.VariationalFitter(options,
                    io.genmod.mixture.VariationalOptions.defaults(
                            io.genmod.mixture.VariationalOptions.WeightPrior.DIRICHLET_PROCESS));
            default -> throw new IllegalArgumentException("unknown fitter " + name);
        };
    }

    /** Options that start from {@code start} and never stop early. */
    public static MixtureOptions given(GaussianMixture start, int iterations) {
        return new MixtureOptions(start.components(), start.covarianceType(), Initialisation.GIVEN, 1, iterations,
                Double.MIN_VALUE, 1e-6, 1L, start.weights(), start.means(), start.covariances());
    }

    /** n rows from k Gaussians with means spread over [-5, 5]^d and random correlated covariances. */
    public static double[][] data(int n, int d, int k) {
        SplittableRandom random = new SplittableRandom(DATA_SEED);
        double[][] means = new double[k][d];
        double[][][] factors = new double[k][d][d];
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                means[j][a] = -5 + 10 * random.nextDouble();
                for (int b = 0; b < a; b++) {
                    factors[j][a][b] = 0.3 * random.nextGaussian();
                }
                factors[j][a][a] = 0.5 + random.nextDouble();
            }
        }
        double[][] x = new double[n][d];
        double[] e = new double[d];
        for (int i = 0; i < n; i++) {
            int j = random.nextInt(k);
            for (int a = 0; a < d; a++) {
                e[a] = random.nextGaussian();
            }
            for (int a = 0; a < d; a++) {
                double v = means[j][a];
                for (int b = 0; b <= a; b++) {
                    v += factors[j][a][b] * e[b];
                }
                x[i][a] = v;
            }
        }
        return x;
    }
}
