package io.genmod.mixture;

import io.genmod.core.Diagnostics;
import io.genmod.core.Fit;
import io.genmod.core.FitProgress;
import io.genmod.core.UnfittableDataException;
import io.genmod.math.Rng;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Maximum likelihood by gradient ascent on the unconstrained parameters of
 * {@link UnconstrainedParameters} (softmax logits, means, log-Cholesky factors or log-variances), so that
 * every step is a valid mixture. One iteration is one epoch: a pass over the data in mini-batches of
 * {@code batchSize} (the rows reshuffled every epoch: each batch a uniform random sample, its rows then
 * ordered by label, see {@link BatchPass}), or one full-data step when there are no mini-batches. Per batch:
 * the batch's exact statistics ({@link BatchPass#pass}, parallel tasks), the gradient, an Adam (or SGD) step
 * and the kernel at the new parameters; exact mini-batch epochs (except tied covariances) run all of that on a
 * team of threads that splits the tasks and then the components ({@link MiniBatchTeam}), with the same bits. Exact statistics come from EM's blocked pass ({@link EmEngine}) on
 * the full data and from the same kind of blocked pass ({@link BatchPass}) on mini-batches, which also gives
 * the exact log-likelihood of all rows (trace[0] and the last entry).
 * Without mini-batches trace[i] is the exact mean log-likelihood after the i-th step. With mini-batches,
 * trace[0] and the last entry are exact (the last at the returned parameters) and the entries between are the
 * epoch's progressive mean log-likelihood: each batch's log-likelihood at the parameters just before its step,
 * summed over the epoch, a by-product of the gradient that spares a second pass per epoch; the tolerance
 * applies to its change.
 *
 * <p>The exact estimator differentiates log p(x) = log sum_j w_j N(x | mu_j, Sigma_j) through the
 * responsibilities: grad log p(x) = sum_j r_j grad log(w_j N_j(x)). The Monte Carlo estimator is the
 * log-trick (score function) identity grad p(x) = E_{z ~ P(z)}[P(x | z) grad log P(x, z)]: it draws
 * z^(1..S) from the weights and uses (1/S) sum_i exp(log P(x | z^(i)) - log p(x)) grad log P(x, z^(i)),
 * with log p(x) exact (a log-sum-exp), so it is unbiased for grad log p(x). Per component it replaces
 * r_j by r_j c_j / (S w_j), c_j the count of draws equal to j, whose variance is
 * r_j^2 (1 - w_j) / (S w_j): small-weight components that are responsible for a point are rarely
 * drawn and then weighted by 1/w_j, so the variance grows as 1/(S min_j w_j).
 */
public final class GradientFitter implements MixtureFitter {

    /** The {@code fitter} name in diagnostics. */
    public static final String NAME = "gradient";

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    private static final int GATHER_BLOCK = 1 << 14;

    private final MixtureOptions common;
    private final GradientOptions options;
    private final int threads;

    public GradientFitter(MixtureOptions common, GradientOptions options) {
        this(common, options, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param threads the most threads an exact mini-batch epoch uses (the results do not depend on it)
     */
    GradientFitter(MixtureOptions common, GradientOptions options, int threads) {
        this.common = common;
        this.options = options;
        this.threads = threads;
    }

    public MixtureOptions common() {
        return common;
    }

    public GradientOptions options() {
        return options;
    }

    /**
     * Starts from {@link MixtureInitialiser#initialMixture} (as EM does) {@code nInit} times and keeps the
     * run with the highest final log-likelihood.
     */
    @Override
    public Fit<GaussianMixture> fit(double[][] x) {
        long start = System.nanoTime();
        MixtureInitialiser.checkSize(x, common.components());
        SplittableRandom random = Rng.of(common.seed());
        Fit<GaussianMixture> best = null;
        for (int attempt = 0; attempt < common.nInit(); attempt++) {
            GaussianMixture initial = MixtureInitialiser.initialMixture(x, common, random.split());
            Fit<GaussianMixture> run = fit(x, initial, random.nextLong());
            if (best == null || run.diagnostics().logLikelihood() > best.diagnostics().logLikelihood()) {
                best = run;
            }
            if (common.init() == Initialisation.GIVEN) {
                break;
            }
        }
        Diagnostics d = best.diagnostics();
        return new Fit<>(best.model(), new Diagnostics(d.fitter(), d.iterations(), d.converged(), d.logLikelihood(),
                d.meanLogLikelihood(), d.trace(), d.bic(), d.aic(), d.parameterCount(),
                (System.nanoTime() - start) / 1_000_000));
    }

    /**
     * Runs gradient ascent from {@code initial}, in standardised units ({@link Standardisation}: each column
     * centred and divided by its standard deviation), so that a learning rate means the same for data in metres
     * and in millimetres; the model and the trace are given back in the data's own units.
     *
     * @param x rows. Not modified.
     * @param seed seeds the shuffles and the Monte Carlo draws
     * @throws UnfittableDataException when the ascent diverges (a non-finite log-likelihood or parameter)
     */
    public Fit<GaussianMixture> fit(double[][] x, GaussianMixture initial, long seed) {
        Standardisation units = Standardisation.of(x, initial.covarianceType());
        Fit<GaussianMixture> fit = ascend(units.apply(x), units.apply(initial), seed);
        double shift = units.logJacobian();
        Diagnostics d = fit.diagnostics();
        double[] trace = d.trace().clone();
        for (int i = 0; i < trace.length; i++) {
            trace[i] += shift;
        }
        GaussianMixture model = units.restore(fit.model());
        // the last entry from the total, as EM's are, so that it equals the mean log-likelihood bit for bit
        double logLikelihood = d.logLikelihood() + x.length * shift;
        trace[trace.length - 1] = logLikelihood / x.length;
        return new Fit<>(model, Diagnostics.iterative(NAME, d.iterations(), d.converged(), logLikelihood, x.length,
                trace, model.parameterCount(), d.durationMillis()));
    }

    /** Gradient ascent from {@code initial} on rows already in the units it steps in. */
    private Fit<GaussianMixture> ascend(double[][] x, GaussianMixture initial, long seed) {
        long start = System.nanoTime();
        int n = x.length;
        UnconstrainedParameters param = new UnconstrainedParameters(initial.covarianceType(), initial.components(),
                initial.dimension());
        double[] theta = param.encode(initial);
        double[] gradient = new double[theta.length];
        double[] m = new double[theta.length];
        double[] v = new double[theta.length];
        int batch = options.batchSize() == null ? n : Math.min(options.batchSize(), n);
        boolean fullBatch = batch >= n;
        SplittableRandom random = new SplittableRandom(seed);
        double[] trace = new double[common.maxIterations() + 1];
        int steps = 0;
        int iterations = 0;
        boolean converged = false;

        boolean exact = options.estimator() == GradientOptions.Estimator.EXACT;
        EmEngine engine = exact && fullBatch ? new EmEngine(x, initial.covarianceType(), 0) : null;
        // the data's scatter for tied statistics (EM's pass keeps no tied second moments)
        ComponentStatistics.DataScatter tiedScatter = engine != null && initial.covarianceType() == CovarianceType.TIED
                ? ComponentStatistics.DataScatter.of(x) : null;
        BatchPass batches = exact && !fullBatch
                ? new BatchPass(x, initial.covarianceType(), initial.components(), batch) : null;
        MiniBatchTeam team = batches != null && initial.covarianceType() != CovarianceType.TIED
                ? new MiniBatchTeam(batches, initial.covarianceType(), initial.components(), initial.dimension(),
                        threads, this::update)
                : null;
        double[] data = exact ? null : MixtureKernel.flatten(x);
        MixtureKernel kernel = param.kernel(theta);
        ComponentStatistics stats = null;
        if (fullBatch) {
            stats = statistics(param, theta, kernel, engine, tiedScatter, data, 0, n, random.nextLong(), 0);
            trace[0] = checked(stats.logLikelihood / n, 0);
        } else {
            trace[0] = checked(logLikelihood(kernel, batches, data) / n, 0);
        }
        int[] order = fullBatch || exact ? null : identity(n);
        for (int it = 1; it <= common.maxIterations(); it++) {
            if (fullBatch) {
                param.gradient(theta, kernel, stats, n, gradient);
                step(theta, gradient, m, v, ++steps, it);
                kernel = param.kernel(theta);
                stats = statistics(param, theta, kernel, engine, tiedScatter, data, 0, n, random.nextLong(), it);
                trace[it] = checked(stats.logLikelihood / n, it);
            } else {
                double progressive = 0;
                if (team != null) {
                    batches.shuffle(random);
                    MiniBatchTeam.Epoch epoch = team.epoch(theta, m, v, gradient, steps, kernel, random);
                    if (epoch.diverged()) {
                        throw diverged(it);
                    }
                    steps += batches.batches();
                    kernel = epoch.kernel();
                    progressive = epoch.logLikelihood();
                } else if (exact) {
                    batches.shuffle(random);
                    for (int b = 0; b < batches.batches(); b++) {
                        stats = batches.pass(b, kernel);
                        progressive += stats.logLikelihood;
                        param.gradient(theta, kernel, stats, batches.batchSize(b), gradient);
                        step(theta, gradient, m, v, ++steps, it);
                        kernel = param.kernel(theta);
                    }
                } else {
                    shuffle(order, random);
                    gather(x, order, data);
                    for (int from = 0; from < n; from += batch) {
                        int to = Math.min(n, from + batch);
                        stats = statistics(param, theta, kernel, null, null, data, from, to, random.nextLong(), it);
                        progressive += stats.logLikelihood;
                        param.gradient(theta, kernel, stats, to - from, gradient);
                        step(theta, gradient, m, v, ++steps, it);
                        kernel = param.kernel(theta);
                    }
                }
                trace[it] = checked(progressive / n, it);
            }
            iterations = it;
            FitProgress.report(it, trace[it]);
            if (Math.abs(trace[it] - trace[it - 1]) < common.tolerance()) {
                converged = true;
                break;
            }
        }
        if (!fullBatch && iterations > 0) {
            trace[iterations] = checked(logLikelihood(kernel, batches, data) / n, iterations);
        }
        GaussianMixture model;
        try {
            model = param.decode(theta);
        } catch (RuntimeException e) {
            throw diverged(iterations);
        }
        double[] used = Arrays.copyOf(trace, iterations + 1);
        double logLikelihood = used[iterations] * n;
        return new Fit<>(model, Diagnostics.iterative(NAME, iterations, converged, logLikelihood, n, used,
                model.parameterCount(), (System.nanoTime() - start) / 1_000_000));
    }

    /**
     * The statistics of rows [from, to) at theta: exact ones from EM's blocked pass over {@code engine}'s rows,
     * or Monte Carlo ones from the kernel over row-major {@code data}.
     */
    private ComponentStatistics statistics(UnconstrainedParameters param, double[] theta, MixtureKernel kernel,
                                           EmEngine engine, ComponentStatistics.DataScatter tiedScatter,
                                           double[] data, int from, int to, long seed, int iteration) {
        if (engine != null) {
            GaussianMixture at;
            try {
                at = param.decode(theta);
            } catch (RuntimeException e) {
                throw diverged(iteration);
            }
            // the first pass regroups the points so that later ones skip the components negligible for a block
            EmEngine.Statistics pass = iteration == 0 ? engine.groupingPass(at) : engine.pass(at);
            return ComponentStatistics.of(pass, at.covarianceType(), at.means(), tiedScatter);
        }
        return kernel.pass(data, from, to, MixtureKernel.Weighting.MONTE_CARLO, null, param.logWeights(theta),
                options.samples(), seed);
    }

    /** The exact log-likelihood sum over all rows: through the mini-batch pass, or over row-major data. */
    private static double logLikelihood(MixtureKernel kernel, BatchPass batches, double[] data) {
        return batches != null ? batches.logLikelihood(kernel) : kernel.logLikelihood(data);
    }

    /** One Adam or SGD ascent step; Adam bias-corrected as in Kingma and Ba (2015), Algorithm 1. */
    private void step(double[] theta, double[] g, double[] m, double[] v, int t, int iteration) {
        update(t).apply(theta, g, m, v, 0, theta.length);
        for (double value : theta) {
            if (!Double.isFinite(value)) {
                throw diverged(iteration);
            }
        }
    }

    /**
     * The update of {@link #step} at step number t, to apply to ranges of entries (each entry's update depends
     * only on itself); Adam's bias corrections are computed once for the step.
     */
    private MiniBatchTeam.Update update(int t) {
        double lr = options.learningRate();
        if (options.optimizer() == GradientOptions.Optimizer.SGD) {
            return (theta, g, m, v, from, to) -> {
                for (int i = from; i < to; i++) {
                    theta[i] += lr * g[i];
                }
            };
        }
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        return (theta, g, m, v, from, to) -> {
            for (int i = from; i < to; i++) {
                m[i] = BETA1 * m[i] + (1 - BETA1) * g[i];
                v[i] = BETA2 * v[i] + (1 - BETA2) * g[i] * g[i];
                theta[i] += lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPSILON);
            }
        };
    }

    private double checked(double meanLogLikelihood, int iteration) {
        if (!Double.isFinite(meanLogLikelihood)) {
            throw diverged(iteration);
        }
        return meanLogLikelihood;
    }

    private UnfittableDataException diverged(int iteration) {
        return new UnfittableDataException("params.learningRate", "gradient ascent diverged at iteration " + iteration
                + " (the log-likelihood or a parameter became infinite or NaN); lower learningRate, use optimizer adam,"
                + " use fewer components or a larger batchSize");
    }

    /** The rows in {@code order}, row-major into {@code out}: each epoch's mini-batches are then contiguous. */
    private static void gather(double[][] x, int[] order, double[] out) {
        int d = x[0].length;
        int blocks = (order.length + GATHER_BLOCK - 1) / GATHER_BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int end = Math.min(order.length, (b + 1) * GATHER_BLOCK);
            for (int i = b * GATHER_BLOCK; i < end; i++) {
                System.arraycopy(x[order[i]], 0, out, i * d, d);
            }
        });
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Fisher-Yates. */
    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
