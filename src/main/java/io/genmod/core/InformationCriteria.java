package io.genmod.core;

/** Bayesian and Akaike information criteria; lower is better. */
public final class InformationCriteria {

    private InformationCriteria() {
    }

    /** BIC = p ln(n) - 2 ln L (Schwarz 1978). */
    public static double bic(double logLikelihood, int parameterCount, int n) {
        return parameterCount * Math.log(n) - 2 * logLikelihood;
    }

    /** AIC = 2p - 2 ln L (Akaike 1974). */
    public static double aic(double logLikelihood, int parameterCount) {
        return 2.0 * parameterCount - 2 * logLikelihood;
    }
}
