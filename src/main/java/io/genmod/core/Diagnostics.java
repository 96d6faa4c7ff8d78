package io.genmod.core;

/**
 * What a fit reports about itself. Fields that do not apply are null: models fitted without iterations
 * have no {@code iterations}, {@code converged} or {@code trace}; models without a parameter count have
 * no {@code bic}, {@code aic} or {@code parameterCount}.
 *
 * @param trace mean log-likelihood (or evidence lower bound per point) at the start and after each iteration
 */
public record Diagnostics(
        String fitter,
        Integer iterations,
        Boolean converged,
        Double logLikelihood,
        Double meanLogLikelihood,
        double[] trace,
        Double bic,
        Double aic,
        Integer parameterCount,
        Long durationMillis) {

    /**
     * Diagnostics of a fit without iterations, with BIC = p ln n - 2 ln L and AIC = 2p - 2 ln L
     * (Schwarz 1978; Akaike 1974) when {@code parameterCount >= 0}.
     */
    public static Diagnostics direct(String fitter, double logLikelihood, int n, int parameterCount, long durationMillis) {
        return iterative(fitter, null, null, logLikelihood, n, null, parameterCount, durationMillis);
    }

    /** Diagnostics of an iterative fit; information criteria as in {@link #direct}. */
    public static Diagnostics iterative(String fitter, Integer iterations, Boolean converged, double logLikelihood,
                                        int n, double[] trace, int parameterCount, long durationMillis) {
        Double bic = parameterCount >= 0 ? InformationCriteria.bic(logLikelihood, parameterCount, n) : null;
        Double aic = parameterCount >= 0 ? InformationCriteria.aic(logLikelihood, parameterCount) : null;
        return new Diagnostics(fitter, iterations, converged, logLikelihood, n > 0 ? logLikelihood / n : null,
                trace, bic, aic, parameterCount >= 0 ? parameterCount : null, durationMillis);
    }
}
