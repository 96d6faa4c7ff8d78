package io.genmod.mixture;

import io.genmod.bench.EmBench;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The work (CPU time) of one exact mini-batch epoch against one EM pass, on the data of {@link EmBench}:
 * {@code EpochWorkBench N D K BATCH} prints {@code em_pass_cpu_ms=... batch_sweep_cpu_ms=... steps_cpu_ms=...
 * epoch_work_over_em_pass=... em_pass_ms=...}, medians over interleaved rounds (the EM pass's CPU time is the
 * process's, in the operating system's ticks; the others are the calling thread's).
 *
 * <p>{@code em_pass} is one EM pass over the regrouped data (the E-step and the statistics of the M-step; the
 * M-step itself costs microseconds), run as EM runs it, on all cores. {@code batch_sweep} is every batch's
 * exact statistics ({@link BatchPass}, shuffled and sorted as the gradient fitter does it) at one fixed kernel,
 * on one thread: the pass of an epoch without its steps and without any synchronisation. {@code steps} is what
 * an epoch does per batch besides the pass, on one thread: each component's merge, gradient, Adam step and next
 * kernel, then the weights and the kernel. Their sum is what any schedule of an exact epoch has to compute; when
 * it exceeds the EM pass's CPU time, no number of cores brings an epoch under an EM iteration, EM's pass
 * running in parallel chunks with nothing to wait for.
 */
public final class EpochWorkBench {

    private static final int ROUNDS = 7;

    private EpochWorkBench() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int d = Integer.parseInt(args[1]);
        int k = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        CovarianceType type = CovarianceType.FULL;
        double[][] x = EmBench.data(n, d, k);
        MixtureOptions init = new MixtureOptions(k, type, Initialisation.KMEANS_PLUS_PLUS, 1, 0, 1e-3, 1e-6, 1L,
                null, null, null);
        GaussianMixture start = MixtureInitialiser.initialMixture(x, init, new SplittableRandom(1));
        // the parameters after ten EM iterations: where the benchmark's fits are
        GaussianMixture m = new EmFitter(new MixtureOptions(k, type, Initialisation.GIVEN, 1, 10, Double.MIN_VALUE,
                1e-6, 1L, start.weights(), start.means(), start.covariances())).fit(x).model();

        EmEngine engine = new EmEngine(x, type, 0);
        engine.groupingPass(m);
        UnconstrainedParameters param = new UnconstrainedParameters(type, k, d);
        double[] theta0 = param.encode(m);
        MixtureKernel kernel = param.kernel(theta0);
        BatchPass batches = new BatchPass(x, type, k, batch);
        SplittableRandom random = new SplittableRandom(7);
        GradientFitter adam = new GradientFitter(init, new GradientOptions(GradientOptions.Optimizer.ADAM, GradientOptions.Estimator.EXACT, 0.002, batch, 1));
        batches.shuffle(random);
        sweep(batches, kernel); // the rows' labels

        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean thread = ManagementFactory.getThreadMXBean();
        double[] emCpu = new double[ROUNDS];
        double[] emWall = new double[ROUNDS];
        double[] sweepCpu = new double[ROUNDS];
        double[] stepsCpu = new double[ROUNDS];
        for (int round = -2; round < ROUNDS; round++) { // two rounds of warm-up
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            engine.pass(m);
            double em = (os.getProcessCpuTime() - cpu) / 1e6;
            double emWallMs = (System.nanoTime() - wall) / 1e6;
            batches.shuffle(random);
            cpu = thread.getCurrentThreadCpuTime();
            sweep(batches, kernel);
            double sweepMs = (thread.getCurrentThreadCpuTime() - cpu) / 1e6;
            cpu = thread.getCurrentThreadCpuTime();
            steps(batches, param, adam, theta0.clone(), kernel);
            double stepsMs = (thread.getCurrentThreadCpuTime() - cpu) / 1e6;
            if (round >= 0) {
                emCpu[round] = em;
                emWall[round] = emWallMs;
                sweepCpu[round] = sweepMs;
                stepsCpu[round] = stepsMs;
            }
        }
        double em = median(emCpu);
        double sweep = median(sweepCpu);
        double steps = median(stepsCpu);
        System.out.printf(Locale.ROOT,
                "em_pass_cpu_ms=%.1f batch_sweep_cpu_ms=%.1f steps_cpu_ms=%.1f epoch_work_over_em_pass=%.2f"
                        + " em_pass_ms=%.1f%n", em, sweep, steps, (sweep + steps) / em, median(emWall));
    }

    /** Every batch's statistics at one kernel, task by task on this thread. */
    private static void sweep(BatchPass batches, MixtureKernel kernel) {
        for (int b = 0; b < batches.batches(); b++) {
            for (int t = 0; t < batches.tasks(b); t++) {
                batches.task(b, t, kernel);
            }
        }
    }

    /**
     * An epoch's work besides the pass, on this thread, as {@link MiniBatchTeam} does it per batch (on the
     * statistics the pass left in the batch tasks' scratch).
     */
    private static void steps(BatchPass batches, UnconstrainedParameters param, GradientFitter fitter,
                              double[] theta, MixtureKernel kernel) {
        int k = param.k;
        int d = param.d;
        double[] gradient = new double[theta.length];
        double[] m = new double[theta.length];
        double[] v = new double[theta.length];
        ComponentStatistics merged = new ComponentStatistics(k, d, true);
        double[][] means = new double[k][];
        double[][] factors = new double[k][];
        double[] normalisers = new double[k];
        double[] logWeights = param.logWeights(theta);
        int covarianceSize = param.covarianceSize();
        int tasks = batches.maxTasks();
        for (int b = 0; b < batches.batches(); b++) {
            MiniBatchTeam.Update update = fitter.update(b + 1);
            double total = 0;
            for (int j = 0; j < k; j++) {
                total += batches.count(j, tasks);
            }
            double scale = 1 / (double) batches.batchSize(b);
            for (int j = 0; j < k; j++) {
                batches.merge(j, tasks, merged);
                param.componentGradient(j, theta, kernel, merged, scale, gradient);
                param.logitGradient(j, j + 1, logWeights, merged.n, total, scale, gradient);
                int mean = param.meanOffset(j);
                int covariance = param.covarianceOffset(j);
                update.apply(theta, gradient, m, v, j, j + 1);
                update.apply(theta, gradient, m, v, mean, mean + d);
                update.apply(theta, gradient, m, v, covariance, covariance + covarianceSize);
                param.componentKernel(theta, j, means, factors, normalisers);
            }
            logWeights = param.logWeights(theta);
            kernel = param.kernel(logWeights, means, factors, normalisers);
        }
        if (!Double.isFinite(kernel.logConstants[0])) {
            throw new IllegalStateException("the steps diverged");
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
