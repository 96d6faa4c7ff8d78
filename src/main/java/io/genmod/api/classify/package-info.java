/**
 * The web side of generative classifiers: model types {@code naive-bayes} and {@code generative-classifier}, their
 * params, export/import of their parameters, and predict/score/log-density/sample over class labels as the client
 * gave them (strings or integers).
 */
package io.genmod.api.classify;
