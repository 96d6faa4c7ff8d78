package io.genmod.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Scores: mean log-likelihood, plus accuracy, log loss and confusion matrix for classifiers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScoreResponse(int n, Double meanLogLikelihood, Double accuracy, Double logLoss, long[][] confusionMatrix) {

    public static ScoreResponse ofLogLikelihood(int n, double meanLogLikelihood) {
        return new ScoreResponse(n, meanLogLikelihood, null, null, null);
    }
}
