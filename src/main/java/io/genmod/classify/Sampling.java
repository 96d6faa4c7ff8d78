package io.genmod.classify;

import java.util.random.RandomGenerator;

/** Draws from a categorical distribution by inverting its cumulative sum. */
final class Sampling {

    private Sampling() {
    }

    /** A class c with probability p[c] (the last class with positive probability takes any rounding slack). */
    static int categorical(double[] p, RandomGenerator random) {
        double u = random.nextDouble();
        double cumulative = 0;
        int last = 0;
        for (int c = 0; c < p.length; c++) {
            if (p[c] > 0) {
                cumulative += p[c];
                last = c;
                if (u < cumulative) {
                    return c;
                }
            }
        }
        return last;
    }
}
