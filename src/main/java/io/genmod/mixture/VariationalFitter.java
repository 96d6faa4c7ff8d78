package io.genmod.mixture;

import io.genmod.core.Diagnostics;
import io.genmod.core.Fit;
import io.genmod.core.FitProgress;
import io.genmod.core.InvalidParameterException;
import io.genmod.core.UnfittableDataException;
import io.genmod.math.Rng;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Mean-field variational Bayes for a Gaussian mixture (Bishop, PRML section 10.2; Blei and Jordan 2006 for
 * the truncated stick-breaking Dirichlet process), with the updates, the normalisation of the Wishart scale
 * and the lower bound (up to a constant) of scikit-learn 1.2's BayesianGaussianMixture, so that the same
 * initial responsibilities give the same fit. Each iteration is one pass over the data: the variational E-step
 * (PRML 10.46-10.49 in log space) fused with the accumulation of the statistics of the M-step (10.51-10.63).
 * The returned mixture holds the posterior-mean weights, the posterior means m_j and the covariances
 * (nu_j W_j)^-1, the inverse posterior-mean precisions; its density is the plain mixture density.
 */
public final class VariationalFitter implements MixtureFitter {

    /** The {@code fitter} name in diagnostics. */
    public static final String NAME = "variational";
    private static final double EMPTY_COMPONENT_GUARD = 10 * Math.ulp(1.0);
    private static final double LOG2 = Math.log(2);

    private final MixtureOptions common;
    private final VariationalOptions options;

    public VariationalFitter(MixtureOptions common, VariationalOptions options) {
        this.common = common;
        this.options = options;
    }

    public MixtureOptions common() {
        return common;
    }

    public VariationalOptions options() {
        return options;
    }

    /**
     * Starts from the initial responsibilities of {@link MixtureInitialiser} (for given initial values, the
     * responsibilities of the given mixture) {@code nInit} times and keeps the highest lower bound.
     */
    @Override
    public Fit<GaussianMixture> fit(double[][] x) {
        long start = System.nanoTime();
        MixtureInitialiser.checkSize(x, common.components());
        SplittableRandom random = Rng.of(common.seed());
        Result best = null;
        for (int attempt = 0; attempt < common.nInit(); attempt++) {
            Result run = common.init() == Initialisation.GIVEN
                    ? fit(x, MixtureInitialiser.initialMixture(x, common, random.split()))
                    : fit(x, MixtureInitialiser.responsibilities(x, common.components(), common.init(), random.split()));
            if (best == null || run.lowerBound() > best.lowerBound()) {
                best = run;
            }
            if (common.init() == Initialisation.GIVEN) {
                break;
            }
        }
        Diagnostics d = best.fit().diagnostics();
        return new Fit<>(best.fit().model(), new Diagnostics(d.fitter(), d.iterations(), d.converged(), d.logLikelihood(),
                d.meanLogLikelihood(), d.trace(), d.bic(), d.aic(), d.parameterCount(),
                (System.nanoTime() - start) / 1_000_000));
    }

    /**
     * A fit with its final lower bound (up to the constant scikit-learn omits) and the posterior concentrations.
     *
     * @param weightConcentration Dirichlet alpha_j, or for the Dirichlet process the Beta parameters
     *     (a_j, b_j) as two rows
     */
    public record Result(Fit<GaussianMixture> fit, double lowerBound, double[][] weightConcentration) {
    }

    /**
     * Runs variational Bayes from given responsibilities, as scikit-learn's {@code _initialize(X, resp)}
     * followed by its iterations.
     *
     * @param x rows. Not modified.
     * @param responsibilities n x k, rows summing to 1. Not modified.
     */
    public Result fit(double[][] x, double[][] responsibilities) {
        long start = System.nanoTime();
        int k = common.components();
        State s = new State(x, k, x[0].length);
        double[][] centres = new double[k][];
        Arrays.fill(centres, s.meanPrior);
        MixtureKernel initial = new MixtureKernel(common.covarianceType(), centres, null, new double[k]);
        s.mStep(initial.pass(MixtureKernel.flatten(x), 0, x.length, MixtureKernel.Weighting.GIVEN, responsibilities,
                null, 0, 0), centres);
        return iterate(x, s, start);
    }

    /** Runs variational Bayes from the responsibilities of a given mixture. */
    public Result fit(double[][] x, GaussianMixture initial) {
        long start = System.nanoTime();
        State s = new State(x, common.components(), x[0].length);
        EmEngine engine = new EmEngine(x, common.covarianceType(), common.regularization());
        s.mStep(statistics(engine.pass(initial), initial.means(), dataScatter(x)), initial.means());
        return iterate(x, s, start, engine);
    }

    private Result iterate(double[][] x, State s, long start) {
        return iterate(x, s, start, new EmEngine(x, common.covarianceType(), common.regularization()));
    }

    /**
     * The iterations. The E-step runs on EM's blocked pass ({@link EmEngine}) with the mixture of weights
     * proportional to exp(E[log pi_j] + E[log|Lambda_j|]/2 - d/(2 beta_j) - d/2 log nu_j), the means m_j and
     * the covariances (nu_j W_j)^-1: its responsibilities are those of PRML 10.49 (the normalisation of the
     * weights cancels), and sum r log r = sum_j c_j N_j - tr(Sigma_j^-1 S_j)/2 - sum_n log p(x_n) follows from
     * its statistics, with c_j the constant of component j's log term. The first pass regroups the points for
     * the later ones ({@link EmEngine#groupingPass}).
     */
    private Result iterate(double[][] x, State s, long start, EmEngine engine) {
        int n = x.length;
        double[] trace = new double[common.maxIterations()];
        double lowerBound = Double.NEGATIVE_INFINITY;
        int iterations = 0;
        boolean converged = false;
        ComponentStatistics.DataScatter data = dataScatter(x);
        for (int it = 1; it <= common.maxIterations(); it++) {
            GaussianMixture eStep = s.eStepMixture();
            EmEngine.Statistics stats = it == 1 ? engine.groupingPass(eStep) : engine.pass(eStep);
            double[][] centres = eStep.means();
            ComponentStatistics statistics = statistics(stats, centres, data);
            double logRSum = responsibilityLogSum(eStep, statistics);
            s.mStep(statistics, centres);
            double previous = lowerBound;
            lowerBound = s.lowerBound(-logRSum);
            if (!Double.isFinite(lowerBound)) {
                throw new UnfittableDataException("params.regularization", "variational Bayes diverged at iteration "
                        + it + "; raise regularization or the covariancePrior, or rescale the data");
            }
            trace[it - 1] = lowerBound / n;
            iterations = it;
            FitProgress.report(it, trace[it - 1]);
            if (Math.abs(lowerBound - previous) / n < common.tolerance()) {
                converged = true;
                break;
            }
        }
        GaussianMixture model = s.mixture();
        double logLikelihood = engine.pass(model).logLikelihood;
        Diagnostics diagnostics = Diagnostics.iterative(NAME, iterations, converged, logLikelihood, n,
                Arrays.copyOf(trace, iterations), model.parameterCount(), (System.nanoTime() - start) / 1_000_000);
        return new Result(new Fit<>(model, diagnostics), lowerBound, s.concentrations());
    }

    private ComponentStatistics statistics(EmEngine.Statistics e, double[][] centres, ComponentStatistics.DataScatter data) {
        return ComponentStatistics.of(e, common.covarianceType(), centres, data);
    }

    private ComponentStatistics.DataScatter dataScatter(double[][] x) {
        return common.covarianceType() == CovarianceType.TIED ? ComponentStatistics.DataScatter.of(x) : null;
    }

    /** sum_n sum_j r_nj log r_nj from the statistics of a pass at {@code m} (see {@link #iterate}). */
    private static double responsibilityLogSum(GaussianMixture m, ComponentStatistics stats) {
        int k = m.components();
        int d = m.dimension();
        double[] w = m.weights();
        boolean full = m.covarianceType() == CovarianceType.FULL || m.covarianceType() == CovarianceType.TIED;
        double sum = -stats.logLikelihood;
        double[] column = new double[d];
        double[] solved = new double[d];
        for (int j = 0; j < k; j++) {
            double[] l = m.choleskyFactor(j);
            double[] inv = new double[d];
            double logDet = 0;
            for (int a = 0; a < d; a++) {
                inv[a] = 1 / l[a * d + a];
                logDet += Math.log(l[a * d + a]);
            }
            double constant = Math.log(w[j]) - 0.5 * d * Math.log(2 * Math.PI) - logDet;
            double[] second = stats.s2[j];
            double trace = 0;
            if (full) {
                // tr(Sigma^-1 S) = tr(L^-1 S L^-T): B = L^-1 S, then the diagonal of L^-1 B^T
                double[] b = new double[d * d];
                for (int c = 0; c < d; c++) {
                    for (int r = 0; r < d; r++) {
                        column[r] = r >= c ? second[r * d + c] : second[c * d + r];
                    }
                    MixtureKernel.solveLower(l, inv, column, solved, d);
                    for (int r = 0; r < d; r++) {
                        b[r * d + c] = solved[r];
                    }
                }
                for (int r = 0; r < d; r++) {
                    System.arraycopy(b, r * d, column, 0, d);
                    MixtureKernel.solveLower(l, inv, column, solved, d);
                    trace += solved[r];
                }
            } else {
                for (int a = 0; a < d; a++) {
                    trace += second[a] * inv[a] * inv[a];
                }
            }
            // a weight of exactly 0 (log -infinity) has N_j = 0 and contributes nothing
            sum += (stats.n[j] == 0 ? 0 : constant * stats.n[j]) - 0.5 * trace;
        }
        return sum;
    }

    /** The variational posterior's parameters, in scikit-learn's names and normalisation. */
    private final class State {
        final CovarianceType type = common.covarianceType();
        final boolean process = options.weightPrior() == VariationalOptions.WeightPrior.DIRICHLET_PROCESS;
        final int k;
        final int d;
        final double[] meanPrior;
        final double weightPrior;
        final double betaPrior;
        final double nuPrior;
        /** Psi_0 as d x d (full, tied), its diagonal (diag) or {psi} (spherical). */
        final double[][] covariancePrior;
        double[] alpha;
        double[] alphaB;
        double[] beta;
        double[][] means;
        double[] nu;
        /** Posterior "covariances_" (W^-1 / nu): full d x d per factor, diag d, spherical 1. */
        double[][][] covariances;
        /** FULL/TIED: lower Cholesky of covariances; DIAG/SPHERICAL: 1/sqrt(variance). */
        double[][] factors;

        State(double[][] x, int k, int d) {
            this.k = k;
            this.d = d;
            int n = x.length;
            meanPrior = new double[d];
            for (double[] row : x) {
                for (int a = 0; a < d; a++) {
                    meanPrior[a] += row[a];
                }
            }
            for (int a = 0; a < d; a++) {
                meanPrior[a] /= n;
            }
            weightPrior = options.weightConcentration() != null ? options.weightConcentration() : 1.0 / k;
            betaPrior = options.meanPrecisionPrior();
            if (options.degreesOfFreedomPrior() != null && !(options.degreesOfFreedomPrior() > d - 1)) {
                throw new InvalidParameterException("degreesOfFreedomPrior", "must be greater than d - 1 = " + (d - 1));
            }
            nuPrior = options.degreesOfFreedomPrior() != null ? options.degreesOfFreedomPrior() : d;
            double[][] psi = options.covariancePrior();
            if (psi == null) {
                if (n < 2) {
                    throw new UnfittableDataException("x", "the default covariance prior needs at least 2 rows;"
                            + " give covariancePrior or more data");
                }
                psi = new double[d][d];
                for (double[] row : x) {
                    for (int a = 0; a < d; a++) {
                        double u = row[a] - meanPrior[a];
                        for (int b = 0; b <= a; b++) {
                            psi[a][b] += u * (row[b] - meanPrior[b]);
                        }
                    }
                }
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b <= a; b++) {
                        psi[a][b] /= n - 1;
                        psi[b][a] = psi[a][b];
                    }
                }
            } else if (psi.length == 1 && d > 1) {
                double c = psi[0][0];
                psi = new double[d][d];
                for (int a = 0; a < d; a++) {
                    psi[a][a] = c;
                }
            } else if (psi.length != d) {
                throw new InvalidParameterException("covariancePrior", "must be " + d + " x " + d + " like the data");
            }
            covariancePrior = switch (type) {
                case FULL, TIED -> {
                    try {
                        cholesky(flatten(psi), d);
                    } catch (ArithmeticException e) {
                        if (options.covariancePrior() == null) {
                            throw new UnfittableDataException("params.covariancePrior", "the empirical covariance of the"
                                    + " data is singular (a constant or collinear column); give a positive definite"
                                    + " covariancePrior");
                        }
                        throw new InvalidParameterException("covariancePrior", "must be positive definite");
                    }
                    yield psi;
                }
                case DIAG -> {
                    double[] v = new double[d];
                    for (int a = 0; a < d; a++) {
                        v[a] = psi[a][a];
                    }
                    yield new double[][] {v};
                }
                case SPHERICAL -> {
                    double v = 0;
                    for (int a = 0; a < d; a++) {
                        v += psi[a][a];
                    }
                    yield new double[][] {{v / d}};
                }
            };
            if (type != CovarianceType.FULL && type != CovarianceType.TIED) {
                for (double v : covariancePrior[0]) {
                    if (!(v > 0)) {
                        throw new UnfittableDataException("params.covariancePrior", "the data have a constant column;"
                                + " give a positive covariancePrior");
                    }
                }
            }
        }

        /** PRML 10.58-10.63 with scikit-learn's normalisation (covariances divided by nu). */
        void mStep(ComponentStatistics stats, double[][] centres) {
            double reg = common.regularization();
            double[] nk = new double[k];
            double[][] xk = new double[k][d];
            double[][] scatter = new double[k][];
            double total = 0;
            for (int j = 0; j < k; j++) {
                double nj = stats.n[j];
                nk[j] = nj + EMPTY_COMPONENT_GUARD;
                total += nk[j];
                double[] centre = centres[j];
                double[] e = new double[d];
                for (int a = 0; a < d; a++) {
                    xk[j][a] = (centre[a] * nj + stats.s1[j][a]) / nk[j];
                    e[a] = xk[j][a] - centre[a];
                }
                // sum r (x - xk)(x - xk)^T = S2 - S1 e^T - e S1^T + N e e^T
                double[] s1 = stats.s1[j];
                double[] s2 = stats.s2[j];
                if (stats.fullMatrices) {
                    double[] c = new double[d * d];
                    for (int a = 0; a < d; a++) {
                        for (int b = 0; b <= a; b++) {
                            double v = s2[a * d + b] - s1[a] * e[b] - e[a] * s1[b] + nj * e[a] * e[b];
                            c[a * d + b] = v;
                            c[b * d + a] = v;
                        }
                    }
                    scatter[j] = c;
                } else {
                    double[] c = new double[d];
                    for (int a = 0; a < d; a++) {
                        c[a] = s2[a] - 2 * s1[a] * e[a] + nj * e[a] * e[a];
                    }
                    scatter[j] = c;
                }
            }
            // weights: PRML 10.58, or the stick-breaking Beta posteriors (Blei and Jordan 2006)
            if (process) {
                alpha = new double[k];
                alphaB = new double[k];
                double tail = 0;
                for (int j = k - 1; j >= 0; j--) {
                    alpha[j] = 1 + nk[j];
                    alphaB[j] = weightPrior + tail;
                    tail += nk[j];
                }
            } else {
                alpha = new double[k];
                for (int j = 0; j < k; j++) {
                    alpha[j] = weightPrior + nk[j];
                }
            }
            // means: PRML 10.60-10.61
            beta = new double[k];
            double[][] nextMeans = new double[k][d];
            double[][] diff = new double[k][d];
            for (int j = 0; j < k; j++) {
                beta[j] = betaPrior + nk[j];
                for (int a = 0; a < d; a++) {
                    nextMeans[j][a] = (betaPrior * meanPrior[a] + nk[j] * xk[j][a]) / beta[j];
                    diff[j][a] = xk[j][a] - meanPrior[a];
                }
            }
            means = nextMeans;
            // precisions: PRML 10.62-10.63 (nu_k = nu_0 + N_k), normalised by nu as scikit-learn
            nu = new double[k];
            switch (type) {
                case FULL -> {
                    covariances = new double[k][][];
                    factors = new double[k][];
                    for (int j = 0; j < k; j++) {
                        nu[j] = nuPrior + nk[j];
                        double shrink = nk[j] * betaPrior / beta[j];
                        double[][] c = new double[d][d];
                        for (int a = 0; a < d; a++) {
                            for (int b = 0; b < d; b++) {
                                double sk = scatter[j][a * d + b] / nk[j] + (a == b ? reg : 0);
                                c[a][b] = (covariancePrior[a][b] + nk[j] * sk + shrink * diff[j][a] * diff[j][b]) / nu[j];
                            }
                        }
                        covariances[j] = c;
                        factors[j] = choleskyOrFail(c);
                    }
                }
                case TIED -> {
                    double mean = total / k;
                    double[][] c = new double[d][d];
                    for (int a = 0; a < d; a++) {
                        for (int b = 0; b < d; b++) {
                            double sum = 0;
                            double shrink = 0;
                            for (int j = 0; j < k; j++) {
                                sum += scatter[j][a * d + b];
                                shrink += nk[j] / beta[j] * diff[j][a] * diff[j][b];
                            }
                            double sk = sum / total + (a == b ? reg : 0);
                            c[a][b] = covariancePrior[a][b] + sk * mean + betaPrior / k * shrink;
                        }
                    }
                    double shared = nuPrior + mean;
                    for (int a = 0; a < d; a++) {
                        for (int b = 0; b < d; b++) {
                            c[a][b] /= shared;
                        }
                    }
                    Arrays.fill(nu, shared);
                    covariances = new double[][][] {c};
                    factors = new double[][] {choleskyOrFail(c)};
                }
                case DIAG -> {
                    covariances = new double[k][1][d];
                    factors = new double[k][d];
                    for (int j = 0; j < k; j++) {
                        nu[j] = nuPrior + nk[j];
                        double ratio = betaPrior / beta[j];
                        for (int a = 0; a < d; a++) {
                            double sk = scatter[j][a] / nk[j] + reg;
                            double v = (covariancePrior[0][a] + nk[j] * (sk + ratio * diff[j][a] * diff[j][a])) / nu[j];
                            covariances[j][0][a] = v;
                            factors[j][a] = 1 / Math.sqrt(v);
                        }
                    }
                }
                case SPHERICAL -> {
                    covariances = new double[k][1][1];
                    factors = new double[k][1];
                    for (int j = 0; j < k; j++) {
                        nu[j] = nuPrior + nk[j];
                        double sk = 0;
                        double squared = 0;
                        for (int a = 0; a < d; a++) {
                            sk += scatter[j][a] / nk[j] + reg;
                            squared += diff[j][a] * diff[j][a];
                        }
                        double v = (covariancePrior[0][0] + nk[j] * (sk / d + betaPrior / beta[j] * squared / d)) / nu[j];
                        covariances[j][0][0] = v;
                        factors[j][0] = 1 / Math.sqrt(v);
                    }
                }
            }
        }

        /** E[log pi_j]: PRML 10.66, or for the stick-breaking prior E[log v_j] + sum_{i<j} E[log(1 - v_i)]. */
        double[] expectedLogWeights() {
            double[] e = new double[k];
            if (process) {
                double cumulative = 0;
                for (int j = 0; j < k; j++) {
                    double digammaSum = SpecialFunctions.digamma(alpha[j] + alphaB[j]);
                    e[j] = SpecialFunctions.digamma(alpha[j]) - digammaSum + cumulative;
                    cumulative += SpecialFunctions.digamma(alphaB[j]) - digammaSum;
                }
            } else {
                double sum = 0;
                for (double a : alpha) {
                    sum += a;
                }
                double digammaSum = SpecialFunctions.digamma(sum);
                for (int j = 0; j < k; j++) {
                    e[j] = SpecialFunctions.digamma(alpha[j]) - digammaSum;
                }
            }
            return e;
        }

        /**
         * The E-step as a mixture: log rho_nj = E[log pi_j] + E[log |Lambda_j|]/2 - d/(2 beta_j) - d/2 log 2pi
         * - nu_j/2 (x - m_j)^T W_j (x - m_j) (PRML 10.46) is, with scikit-learn's covariances (nu_j W_j)^-1,
         * log N(x | m_j, (nu_j W_j)^-1) plus a constant per component, which goes into the weights.
         */
        GaussianMixture eStepMixture() {
            double[] logWeights = expectedLogWeights();
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                double logLambda = d * LOG2;
                for (int i = 0; i < d; i++) {
                    logLambda += SpecialFunctions.digamma(0.5 * (nu[j] - i));
                }
                logWeights[j] += -0.5 * d * Math.log(nu[j]) + 0.5 * (logLambda - d / beta[j]);
                max = Math.max(max, logWeights[j]);
            }
            double sum = 0;
            double[] w = new double[k];
            for (int j = 0; j < k; j++) {
                w[j] = Math.exp(logWeights[j] - max);
                sum += w[j];
            }
            for (int j = 0; j < k; j++) {
                w[j] /= sum;
            }
            return GaussianMixture.of(type, w, means, fullCovariances());
        }

        /** scikit-learn's {@code _compute_lower_bound}: the ELBO without its constant terms. */
        double lowerBound(double entropy) {
            double logWishart = 0;
            int factorsCount = type == CovarianceType.TIED ? 1 : k;
            for (int f = 0; f < factorsCount; f++) {
                // log det of the precision Cholesky factor, minus d/2 log nu
                double logDetPrecision = MixtureKernel.gaussianLogNormaliser(type, factors[f], d) + 0.5 * d * Math.log(2 * Math.PI)
                        - 0.5 * d * Math.log(nu[f]);
                double norm = nu[f] * logDetPrecision + nu[f] * d * 0.5 * LOG2;
                for (int i = 0; i < d; i++) {
                    norm += SpecialFunctions.logGamma(0.5 * (nu[f] - i));
                }
                logWishart += -norm;
            }
            if (type == CovarianceType.TIED) {
                logWishart *= k;
            }
            double logNormWeight;
            if (process) {
                logNormWeight = 0;
                for (int j = 0; j < k; j++) {
                    logNormWeight -= SpecialFunctions.logBeta(alpha[j], alphaB[j]);
                }
            } else {
                double sum = 0;
                double logGammas = 0;
                for (double a : alpha) {
                    sum += a;
                    logGammas += SpecialFunctions.logGamma(a);
                }
                logNormWeight = SpecialFunctions.logGamma(sum) - logGammas;
            }
            double logBeta = 0;
            for (double b : beta) {
                logBeta += Math.log(b);
            }
            return entropy - logWishart - logNormWeight - 0.5 * d * logBeta;
        }

        /** The covariances (nu_j W_j)^-1 as full d x d matrices. */
        double[][][] fullCovariances() {
            double[][][] cov = new double[k][][];
            for (int j = 0; j < k; j++) {
                cov[j] = switch (type) {
                    case FULL -> covariances[j];
                    case TIED -> covariances[0];
                    case DIAG -> {
                        double[][] c = new double[d][d];
                        for (int a = 0; a < d; a++) {
                            c[a][a] = covariances[j][0][a];
                        }
                        yield c;
                    }
                    case SPHERICAL -> {
                        double[][] c = new double[d][d];
                        for (int a = 0; a < d; a++) {
                            c[a][a] = covariances[j][0][0];
                        }
                        yield c;
                    }
                };
            }
            return cov;
        }

        double[][] concentrations() {
            return process ? new double[][] {alpha.clone(), alphaB.clone()} : new double[][] {alpha.clone()};
        }

        /** Posterior-mean weights (scikit-learn's {@code weights_}), means and covariances as a mixture. */
        GaussianMixture mixture() {
            double[] w = new double[k];
            double sum = 0;
            if (process) {
                double remaining = 1;
                for (int j = 0; j < k; j++) {
                    double total = alpha[j] + alphaB[j];
                    w[j] = alpha[j] / total * remaining;
                    remaining *= alphaB[j] / total;
                    sum += w[j];
                }
            } else {
                for (int j = 0; j < k; j++) {
                    w[j] = alpha[j];
                    sum += alpha[j];
                }
            }
            for (int j = 0; j < k; j++) {
                w[j] /= sum;
            }
            double[][][] cov = fullCovariances();
            return GaussianMixture.of(type, w, means, cov);
        }
    }

    private static double[] flatten(double[][] m) {
        int d = m.length;
        double[] f = new double[d * d];
        for (int a = 0; a < d; a++) {
            System.arraycopy(m[a], 0, f, a * d, d);
        }
        return f;
    }

    private static double[] choleskyOrFail(double[][] c) {
        try {
            return cholesky(flatten(c), c.length);
        } catch (ArithmeticException e) {
            throw new UnfittableDataException("params.regularization", "a posterior covariance is not positive definite;"
                    + " raise regularization or the covariancePrior");
        }
    }

    /** Lower Cholesky factor, row-major; ArithmeticException when not positive definite. */
    static double[] cholesky(double[] s, int d) {
        double[] l = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double v = s[i * d + j];
                for (int m = 0; m < j; m++) {
                    v -= l[i * d + m] * l[j * d + m];
                }
                if (i == j) {
                    if (!(v > 0)) {
                        throw new ArithmeticException("not positive definite");
                    }
                    l[i * d + i] = Math.sqrt(v);
                } else {
                    l[i * d + j] = v / l[j * d + j];
                }
            }
        }
        return l;
    }
}
