/**
 * Generative classifiers: class-conditional densities p(x | y) and priors P(y), classified by Bayes' rule
 * P(y | x) = p(x | y) P(y) / p(x) in log space. {@link io.genmod.classify.NaiveBayes} is the Gaussian naive
 * Bayes model; {@link io.genmod.classify.GenerativeClassifier} uses any fitted {@link io.genmod.core.Density}
 * per class. Labels are class indices 0..k-1 here; {@link io.genmod.classify.ClassLabels} maps them to the
 * caller's labels. No Spring, no Jackson.
 */
package io.genmod.classify;
