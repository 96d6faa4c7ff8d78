package io.genmod.classify;

import io.genmod.core.Density;
import io.genmod.core.InvalidParameterException;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A classifier with any fitted density per class: log p(x, c) = log p_c(x) + log P(c), combined by Bayes' rule in
 * log space ({@link Posterior}). Where every class density is zero the posterior is the prior.
 */
public final class GenerativeClassifier implements Classifier {

    private final double[] priors;
    private final double[] logPriors;
    private final boolean priorsGiven;
    private final List<Density> densities;
    private final int d;

    private GenerativeClassifier(double[] priors, List<Density> densities, boolean priorsGiven) {
        this.priors = priors.clone();
        this.densities = List.copyOf(densities);
        this.priorsGiven = priorsGiven;
        this.d = densities.get(0).dimension();
        this.logPriors = new double[priors.length];
        for (int c = 0; c < priors.length; c++) {
            logPriors[c] = Math.log(priors[c]);
        }
    }

    /**
     * @param priors P(c), summing to 1
     * @param densities p(x | c) per class, all of one dimension
     * @throws InvalidParameterException when the shapes disagree
     */
    public static GenerativeClassifier of(double[] priors, List<? extends Density> densities, boolean priorsGiven) {
        int k = priors.length;
        if (k < 2) {
            throw new InvalidParameterException("classes", "must have at least two classes");
        }
        double[] p = Priors.checked(priors, k, "priors");
        if (densities.size() != k) {
            throw new InvalidParameterException("densities", "must have one density per class (" + k + ")");
        }
        int d = densities.get(0).dimension();
        for (int c = 1; c < k; c++) {
            if (densities.get(c).dimension() != d) {
                throw new InvalidParameterException("densities[" + c + "]", "has dimension "
                        + densities.get(c).dimension() + " but the first class has " + d);
            }
        }
        return new GenerativeClassifier(p, List.copyOf(densities), priorsGiven);
    }

    /** p(x | c) per class. */
    public List<Density> densities() {
        return densities;
    }

    @Override
    public int classCount() {
        return priors.length;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public double[] priors() {
        return priors.clone();
    }

    @Override
    public double[][] jointLogLikelihood(double[][] x) {
        int n = x.length;
        int k = priors.length;
        double[][] jll = new double[n][k];
        for (int c = 0; c < k; c++) {
            double[] logDensity = densities.get(c).logDensity(x);
            for (int i = 0; i < n; i++) {
                jll[i][c] = logDensity[i] + logPriors[c];
            }
        }
        return jll;
    }

    /** Draws every label first, then each class's rows from its density in class order, placed where drawn. */
    @Override
    public LabelledSample sample(int n, RandomGenerator random) {
        int k = priors.length;
        int[] labels = new int[n];
        int[] counts = new int[k];
        for (int i = 0; i < n; i++) {
            labels[i] = Sampling.categorical(priors, random);
            counts[labels[i]]++;
        }
        double[][][] drawn = new double[k][][];
        for (int c = 0; c < k; c++) {
            drawn[c] = counts[c] == 0 ? new double[0][] : densities.get(c).sample(counts[c], random);
        }
        int[] next = new int[k];
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = drawn[labels[i]][next[labels[i]]++];
        }
        return new LabelledSample(x, labels);
    }

    /** (k - 1) for fitted priors plus every class density's parameters; -1 when a density has no count. */
    @Override
    public int parameterCount() {
        int count = priorsGiven ? 0 : priors.length - 1;
        for (Density density : densities) {
            int p = density.parameterCount();
            if (p < 0) {
                return -1;
            }
            count += p;
        }
        return count;
    }
}
