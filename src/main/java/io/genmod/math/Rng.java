package io.genmod.math;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/** Random sources: seeded when the request gives a seed (bit-for-bit repeatable), else freshly seeded. */
public final class Rng {

    private static final SecureRandom SEEDS = new SecureRandom();

    private Rng() {
    }

    /** A generator for {@code seed}, or a random seed when it is null. Split it for parallel streams. */
    public static SplittableRandom of(Long seed) {
        return new SplittableRandom(seed != null ? seed : SEEDS.nextLong());
    }
}
