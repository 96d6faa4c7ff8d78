package io.genmod.api.mixture;

import io.genmod.api.InvalidRequestException;
import io.genmod.api.Params;
import io.genmod.core.InvalidParameterException;
import io.genmod.mixture.CovarianceType;
import io.genmod.mixture.MixtureFitter;
import io.genmod.mixture.MixtureOptions;
import io.genmod.mixture.VariationalFitter;
import io.genmod.mixture.VariationalOptions;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code fitter: variational}: reads {@code weightPrior}, {@code weightConcentration},
 * {@code meanPrecisionPrior}, {@code degreesOfFreedomPrior} and {@code covariancePrior} (a positive number
 * for c I, or the compact shape of the covariance type: d x d for full and tied, d variances for diag, a
 * number for spherical) into {@link VariationalOptions}. Omitted priors take scikit-learn's data-dependent
 * defaults and are then absent from the effective params.
 */
@Component
public class VariationalFitterPlugin implements MixtureFitterPlugin {

    @Override
    public String name() {
        return VariationalFitter.NAME;
    }

    @Override
    public int defaultMaxIterations() {
        return VariationalOptions.DEFAULT_MAX_ITERATIONS;
    }

    @Override
    public MixtureFitter configure(MixtureOptions common, Params params, Map<String, Object> effectiveParams) {
        String prior = params.choice("weightPrior", VariationalOptions.WeightPrior.DIRICHLET_PROCESS.id(),
                List.of(VariationalOptions.WeightPrior.DIRICHLET_DISTRIBUTION.id(),
                        VariationalOptions.WeightPrior.DIRICHLET_PROCESS.id()));
        double concentration = params.number("weightConcentration", 1.0 / common.components(), 0, true, Double.MAX_VALUE);
        double meanPrecision = params.number("meanPrecisionPrior", 1, 0, true, Double.MAX_VALUE);
        Double degrees = params.optionalNumber("degreesOfFreedomPrior", 0, true, Double.MAX_VALUE);
        JsonNode covarianceNode = params.raw("covariancePrior");
        double[][] covariancePrior = covarianceNode == null ? null
                : covariancePrior(covarianceNode, common.covarianceType(), params.path("covariancePrior"));
        VariationalOptions options;
        try {
            options = new VariationalOptions(VariationalOptions.WeightPrior.of(prior), concentration, meanPrecision, degrees,
                    covariancePrior);
        } catch (InvalidParameterException e) {
            throw params.error(e);
        }
        effectiveParams.put("weightPrior", prior);
        effectiveParams.put("weightConcentration", concentration);
        effectiveParams.put("meanPrecisionPrior", meanPrecision);
        if (degrees != null) {
            effectiveParams.put("degreesOfFreedomPrior", degrees);
        }
        if (covarianceNode != null) {
            effectiveParams.put("covariancePrior", covarianceNode);
        }
        return new VariationalFitter(common, options);
    }

    /** A number c becomes the 1 x 1 matrix {{c}} (meaning c I); d variances a diagonal matrix; a matrix itself. */
    static double[][] covariancePrior(JsonNode node, CovarianceType type, String field) {
        if (node.isNumber()) {
            double c = number(node, field);
            if (!(c > 0)) {
                throw new InvalidRequestException(field, "must be greater than 0");
            }
            return new double[][] {{c}};
        }
        if (type == CovarianceType.SPHERICAL) {
            throw new InvalidRequestException(field, "must be a positive number for spherical covariances");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidRequestException(field, type == CovarianceType.DIAG
                    ? "must be a positive number or a list of d positive variances"
                    : "must be a positive number or a d x d positive definite matrix");
        }
        int d = node.size();
        if (type == CovarianceType.DIAG) {
            double[][] m = new double[d][d];
            for (int a = 0; a < d; a++) {
                m[a][a] = number(node.get(a), field + "[" + a + "]");
                if (!(m[a][a] > 0)) {
                    throw new InvalidRequestException(field + "[" + a + "]", "must be greater than 0");
                }
            }
            return m;
        }
        double[][] m = new double[d][d];
        for (int a = 0; a < d; a++) {
            JsonNode row = node.get(a);
            if (!row.isArray() || row.size() != d) {
                throw new InvalidRequestException(field + "[" + a + "]", "must be a row of " + d + " numbers");
            }
            for (int b = 0; b < d; b++) {
                m[a][b] = number(row.get(b), field + "[" + a + "][" + b + "]");
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                if (Math.abs(m[a][b] - m[b][a]) > 1e-9 * (Math.abs(m[a][b]) + Math.abs(m[b][a]))) {
                    throw new InvalidRequestException(field, "must be symmetric");
                }
            }
        }
        return m;
    }

    private static double number(JsonNode node, String field) {
        if (node == null || !node.isNumber() || !Double.isFinite(node.doubleValue())) {
            throw new InvalidRequestException(field, "must be a finite number");
        }
        return node.doubleValue();
    }
}
