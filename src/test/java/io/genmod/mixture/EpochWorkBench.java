package io.genmod.mixture;

import io.genmod.bench.EmBench;
import io.genmod.core.FitProgress;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The work (CPU time) of one exact mini-batch epoch against one EM iteration, on the data and start of
 * {@link EmBench}: {@code EpochWorkBench N D K} prints {@code em_cpu_ms_per_iteration=...
 * one_thread_epoch_cpu_ms=... work_over_em=... em_ms_per_iteration=... one_thread_epoch_ms=...}, medians over
 * interleaved rounds, each round a fit of ten iterations timed as {@code bench/em.sh} times them.
 *
 * <p>EM runs as it always does, on all cores. The gradient fitter (batches of 1024, Adam 0.002) runs its
 * epochs on a team of one thread: the pass and the steps with nothing to wait for, which is the work any
 * schedule of an exact epoch has to do. When that work exceeds an EM iteration's, no number of cores brings
 * an epoch under an EM iteration, EM's pass running in parallel chunks with nothing to wait for either.
 */
public final class EpochWorkBench {

    private static final int ROUNDS = 3;
    private static final int ITERATIONS = 10;

    private EpochWorkBench() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int d = Integer.parseInt(args[1]);
        int k = Integer.parseInt(args[2]);
        double[][] x = EmBench.data(n, d, k);
        MixtureOptions init = new MixtureOptions(k, CovarianceType.FULL, Initialisation.KMEANS_PLUS_PLUS, 1, 0, 1e-3,
                1e-6, 1L, null, null, null);
        GaussianMixture start = MixtureInitialiser.initialMixture(x, init, new SplittableRandom(1));
        MixtureOptions given = EmBench.given(start, ITERATIONS);
        MixtureFitter em = new EmFitter(given);
        MixtureFitter oneThread = new GradientFitter(given, new GradientOptions(GradientOptions.Optimizer.ADAM,
                GradientOptions.Estimator.EXACT, 0.002, 1024, 1), 1);

        double[][] figures = new double[4][ROUNDS];
        for (int round = -1; round < ROUNDS; round++) { // one round of warm-up
            EmBench.IterationClock emClock = new EmBench.IterationClock();
            FitProgress.runWith(emClock, () -> em.fit(x));
            EmBench.IterationClock epochClock = new EmBench.IterationClock();
            FitProgress.runWith(epochClock, () -> oneThread.fit(x));
            if (round >= 0) {
                figures[0][round] = emClock.cpuMillisPerIteration();
                figures[1][round] = epochClock.cpuMillisPerIteration();
                figures[2][round] = emClock.wallMillisPerIteration();
                figures[3][round] = epochClock.wallMillisPerIteration();
            }
        }
        double emCpu = median(figures[0]);
        double epochCpu = median(figures[1]);
        System.out.printf(Locale.ROOT, "em_cpu_ms_per_iteration=%.1f one_thread_epoch_cpu_ms=%.1f work_over_em=%.2f"
                        + " em_ms_per_iteration=%.1f one_thread_epoch_ms=%.1f%n",
                emCpu, epochCpu, epochCpu / emCpu, median(figures[2]), median(figures[3]));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
