package io.genmod.mixture;

import java.util.Arrays;

/** How the components' covariance matrices are constrained, as in scikit-learn's GaussianMixture. */
public enum CovarianceType {
    /** Each component has its own full matrix. */
    FULL("full"),
    /** All components share one full matrix. */
    TIED("tied"),
    /** Each component has its own diagonal matrix. */
    DIAG("diag"),
    /** Each component has its own single variance, sigma_j^2 I. */
    SPHERICAL("spherical");

    private final String id;

    CovarianceType(String id) {
        this.id = id;
    }

    /** The name used in requests, e.g. "full". */
    public String id() {
        return id;
    }

    public static CovarianceType of(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown covariance type " + id));
    }

    /** Free covariance parameters of a k-component mixture in d dimensions. */
    public int covarianceParameters(int k, int d) {
        return switch (this) {
            case FULL -> k * d * (d + 1) / 2;
            case TIED -> d * (d + 1) / 2;
            case DIAG -> k * d;
            case SPHERICAL -> k;
        };
    }
}
