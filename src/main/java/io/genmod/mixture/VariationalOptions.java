package io.genmod.mixture;

import io.genmod.core.InvalidParameterException;
import java.util.Arrays;

/**
 * Priors of the variational fitter (Bishop, PRML section 10.2; scikit-learn's BayesianGaussianMixture). Null
 * means the data-dependent default of scikit-learn: weight concentration 1/k, degrees of freedom d, covariance
 * prior the empirical covariance of the data (ddof 1; its diagonal for diag, the mean variance for spherical);
 * the mean prior is always the data mean.
 *
 * @param weightConcentration gamma_0 of the Dirichlet (or of the stick-breaking Beta(1, gamma_0)), > 0
 * @param meanPrecisionPrior beta_0 of the Gaussian-Wishart, > 0
 * @param degreesOfFreedomPrior nu_0 of the Wishart, > d - 1 (checked when d is known)
 * @param covariancePrior d x d matrix Psi_0 (W_0^-1), positive definite, or 1 x 1 {{c}} for c I; for diag its
 *     diagonal, for spherical the mean of its diagonal is used
 */
public record VariationalOptions(WeightPrior weightPrior, Double weightConcentration, double meanPrecisionPrior,
                                 Double degreesOfFreedomPrior, double[][] covariancePrior) {

    public static final int DEFAULT_MAX_ITERATIONS = 100;

    public VariationalOptions {
        if (weightPrior == null) {
            throw new InvalidParameterException("weightPrior", "is required");
        }
        if (weightConcentration != null && !(weightConcentration > 0 && Double.isFinite(weightConcentration))) {
            throw new InvalidParameterException("weightConcentration", "must be a positive number");
        }
        if (!(meanPrecisionPrior > 0) || !Double.isFinite(meanPrecisionPrior)) {
            throw new InvalidParameterException("meanPrecisionPrior", "must be a positive number");
        }
        if (degreesOfFreedomPrior != null && !(degreesOfFreedomPrior > 0 && Double.isFinite(degreesOfFreedomPrior))) {
            throw new InvalidParameterException("degreesOfFreedomPrior", "must be a positive number");
        }
        if (covariancePrior != null) {
            int d = covariancePrior.length;
            for (double[] row : covariancePrior) {
                if (row.length != d) {
                    throw new InvalidParameterException("covariancePrior", "must be a square matrix");
                }
                for (double v : row) {
                    if (!Double.isFinite(v)) {
                        throw new InvalidParameterException("covariancePrior", "must be finite");
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                if (!(covariancePrior[a][a] > 0)) {
                    throw new InvalidParameterException("covariancePrior", "must have a positive diagonal");
                }
            }
        }
    }

    /** scikit-learn's defaults with the given weight prior. */
    public static VariationalOptions defaults(WeightPrior prior) {
        return new VariationalOptions(prior, null, 1, null, null);
    }

    /** The prior on the mixing weights. */
    public enum WeightPrior {
        /** A symmetric Dirichlet(gamma_0) on k weights. */
        DIRICHLET_DISTRIBUTION("dirichlet-distribution"),
        /** A Dirichlet process truncated at k sticks: v_j ~ Beta(1, gamma_0), w_j = v_j prod_{i<j} (1 - v_i). */
        DIRICHLET_PROCESS("dirichlet-process");

        private final String id;

        WeightPrior(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static WeightPrior of(String id) {
            return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst()
                    .orElseThrow(() -> new InvalidParameterException("weightPrior", "unknown weight prior " + id));
        }
    }
}
