package io.genmod.classify;

import io.genmod.core.InvalidParameterException;

/** How naive Bayes models the per-class variances. */
public enum VarianceModel {
    /** One variance per class and feature, as scikit-learn's GaussianNB. */
    DIAGONAL("diagonal"),
    /** One variance per class, x | c ~ N(mu_c, sigma_c^2 I): sigma_c^2 is the mean of the class's feature variances. */
    ISOTROPIC("isotropic"),
    /** One variance per feature for all classes: the pooled within-class variance. */
    SHARED("shared");

    private final String id;

    VarianceModel(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** @throws InvalidParameterException (field "variance") for an unknown id */
    public static VarianceModel of(String id) {
        for (VarianceModel v : values()) {
            if (v.id.equals(id)) {
                return v;
            }
        }
        throw new InvalidParameterException("variance", "must be one of diagonal, isotropic, shared");
    }

    /** Free variance parameters for k classes in d dimensions. */
    public int parameters(int k, int d) {
        return switch (this) {
            case DIAGONAL -> k * d;
            case ISOTROPIC -> k;
            case SHARED -> d;
        };
    }
}
