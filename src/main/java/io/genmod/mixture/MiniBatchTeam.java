package io.genmod.mixture;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * One epoch of exact mini-batch steps ({@link GradientFitter}) on a fixed team of threads that stays together
 * for the whole epoch, instead of a parallel stream per batch with the gradient, the step and the new kernel
 * computed by one thread in between. Per batch, thread t:
 * <ol>
 * <li>runs the batch's tasks t, t + T, ... ({@link BatchPass#task}), then any task that no thread has claimed
 * yet (so a thread that finishes early takes over work; each task's results have their own place, so who ran
 * it does not matter); barrier;</li>
 * <li>for its components j = t, t + T, ...: merges their statistics over the tasks in task order, computes
 * their gradient entries (logit, mean, covariance part), steps those entries, and forms their part of the
 * next kernel (mean, factor, log normaliser); barrier;</li>
 * <li>forms the log weights and its own copy of the next kernel from the parts.</li>
 * </ol>
 * Every number is computed by the same arithmetic as the one-thread sequence (the pass, {@link
 * UnconstrainedParameters#gradient}, the step over all entries, {@link UnconstrainedParameters#kernel}), only
 * by another thread, so the results are the same bits for any number of threads and any scheduling. The
 * barriers spin (a batch takes a fraction of a millisecond, a parked thread takes tens of microseconds to
 * wake), then yield, then park briefly. A thread that arrives first at a barrier first fetches the rows of its
 * tasks of the next batch (random rows of the whole data: otherwise the pass waits for them), and the last
 * thread draws swaps of the next epoch's shuffle ahead ({@link BatchPass#shuffleAhead}). Not for tied
 * covariances, whose covariance gradient pools all components.
 */
final class MiniBatchTeam {

    /** One step's update of the entries [from, to) of theta. */
    interface Update {
        void apply(double[] theta, double[] gradient, double[] m, double[] v, int from, int to);
    }

    /** Swaps of the next shuffle drawn at a time while waiting. */
    private static final int SWAPS = 64;
    private static final int SPINS = 1 << 10;
    private static final int YIELDS = 1 << 10;
    private static final long PARK_NANOS = 20_000;

    private final BatchPass batches;
    private final UnconstrainedParameters[] params;
    private final int threads;
    private final int k;
    /** The optimiser's update at step number t (counted from 1). */
    private final IntFunction<Update> stepper;
    private final ComponentStatistics merged;

    /** Per-epoch shared state (written before the threads start or between barriers). */
    private double[] theta;
    private double[] m;
    private double[] v;
    private double[] gradient;
    private int firstStep;
    /**
     * The parts of the kernels, by the parity of the step that uses them: while step s reads those of kernel s,
     * they form those of kernel s + 1, in place of those of kernel s - 1, which nothing reads any longer.
     */
    private final double[][][] means = new double[2][][];
    private final double[][][] factors = new double[2][][];
    private final double[][] normalisers = new double[2][];
    private MixtureKernel[] kernels;
    private double[][] logWeights;
    private double progressive;
    /** The shuffles' random numbers, or null: the next epoch's shuffle is drawn ahead from it. */
    private SplittableRandom random;
    private volatile boolean diverged;
    private volatile boolean aborted;
    private volatile Throwable failure;
    private final AtomicInteger arrived = new AtomicInteger();
    /** Per task, the latest step whose batch it was claimed for (steps only grow, so no reset is needed). */
    private final AtomicIntegerArray claimed;
    private volatile int generation;

    /**
     * @param threads the most threads to use (at most the number of tasks of a batch are)
     */
    MiniBatchTeam(BatchPass batches, CovarianceType type, int k, int d, int threads, IntFunction<Update> stepper) {
        if (type == CovarianceType.TIED) {
            throw new IllegalArgumentException("tied covariances pool their components");
        }
        this.batches = batches;
        this.threads = Math.max(1, Math.min(threads, batches.maxTasks()));
        this.k = k;
        this.stepper = stepper;
        this.params = new UnconstrainedParameters[this.threads];
        for (int t = 0; t < this.threads; t++) {
            params[t] = new UnconstrainedParameters(type, k, d);
        }
        this.merged = new ComponentStatistics(k, d, type == CovarianceType.FULL);
        this.claimed = new AtomicIntegerArray(batches.maxTasks());
        for (int parity = 0; parity < 2; parity++) {
            means[parity] = new double[k][];
            factors[parity] = new double[k][];
            normalisers[parity] = new double[k];
        }
    }

    int threads() {
        return threads;
    }

    /** The result of an epoch: the kernel at the final theta and the sum of the batches' log-likelihoods. */
    record Epoch(MixtureKernel kernel, double logLikelihood, boolean diverged) {
    }

    /**
     * One pass over the batches in their current order, stepping theta after each.
     *
     * @param theta parameters. Modified.
     * @param m first moments of the optimiser. Modified.
     * @param v second moments of the optimiser. Modified.
     * @param gradient scratch of theta's size. Modified.
     * @param steps steps taken before this epoch (the first step here is steps + 1)
     * @param kernel the kernel at theta. Not modified.
     * @param random the random numbers of {@link BatchPass#shuffle}, from which the next epoch's shuffle is drawn
     *        ahead while threads wait; nothing else may draw from it until then
     * @return {@code diverged} when an entry of theta became infinite or NaN (the epoch stops after that step)
     */
    Epoch epoch(double[] theta, double[] m, double[] v, double[] gradient, int steps, MixtureKernel kernel,
                SplittableRandom random) {
        this.random = random;
        this.theta = theta;
        this.m = m;
        this.v = v;
        this.gradient = gradient;
        this.firstStep = steps + 1;
        this.kernels = new MixtureKernel[threads];
        this.logWeights = new double[threads][];
        for (int t = 0; t < threads; t++) {
            kernels[t] = kernel;
            logWeights[t] = params[t].logWeights(theta);
        }
        this.progressive = 0;
        this.diverged = false;
        this.aborted = false;
        this.failure = null;
        this.arrived.set(0);
        Thread[] workers = new Thread[threads - 1];
        for (int t = 1; t < threads; t++) {
            int id = t;
            workers[t - 1] = new Thread(() -> {
                try {
                    run(id);
                } catch (Aborted e) {
                    // another thread failed; it reports
                } catch (Throwable e) {
                    fail(e);
                }
            }, "genmod-gradient-team-" + t);
            workers[t - 1].setDaemon(true);
            workers[t - 1].start();
        }
        try {
            run(0);
        } catch (Aborted e) {
            // a worker failed; reported below
        } catch (Throwable e) {
            fail(e);
        }
        boolean interrupted = false;
        for (Thread worker : workers) {
            while (true) {
                try {
                    worker.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable f = failure;
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new IllegalStateException(f);
        }
        return new Epoch(kernels[0], progressive, diverged);
    }

    private void fail(Throwable e) {
        if (failure == null) {
            failure = e;
        }
        aborted = true;
    }

    /** Thread t's share of every batch of the epoch. */
    private void run(int t) {
        UnconstrainedParameters param = params[t];
        int covarianceSize = param.covarianceSize();
        int d = param.d;
        for (int b = 0; b < batches.batches(); b++) {
            int step = firstStep + b;
            int tasks = batches.tasks(b);
            MixtureKernel kernel = kernels[t];
            // its own tasks first (whose rows it fetched), then any task no thread has claimed yet
            for (int task = t; task < tasks; task += threads) {
                if (claim(task, step)) {
                    batches.task(b, task, kernel);
                }
            }
            for (int task = tasks - 1; task >= 0; task--) {
                if (claim(task, step)) {
                    batches.task(b, task, kernel);
                }
            }
            boolean fetched = await(b + 1, t);
            if (t == 0) {
                progressive += batches.logLikelihood(tasks);
            }
            double total = 0;
            for (int j = 0; j < k; j++) {
                total += batches.count(j, tasks);
            }
            double scale = 1 / (double) batches.batchSize(b);
            int next = (step + 1) & 1;
            double[][] nextMeans = means[next];
            double[][] nextFactors = factors[next];
            double[] nextNormalisers = normalisers[next];
            boolean finite = true;
            Update update = stepper.apply(step);
            for (int j = t; j < k; j += threads) {
                batches.merge(j, tasks, merged);
                param.componentGradient(j, theta, kernel, merged, scale, gradient);
                param.logitGradient(j, j + 1, logWeights[t], merged.n, total, scale, gradient);
                int mean = param.meanOffset(j);
                int covariance = param.covarianceOffset(j);
                update.apply(theta, gradient, m, v, j, j + 1);
                update.apply(theta, gradient, m, v, mean, mean + d);
                update.apply(theta, gradient, m, v, covariance, covariance + covarianceSize);
                finite &= finite(theta, j, j + 1) && finite(theta, mean, mean + d)
                        && finite(theta, covariance, covariance + covarianceSize);
                param.componentKernel(theta, j, nextMeans, nextFactors, nextNormalisers);
            }
            if (!finite) {
                diverged = true;
            }
            if (fetched) {
                await();
            } else {
                await(b + 1, t);
            }
            if (diverged) {
                return;
            }
            logWeights[t] = param.logWeights(theta);
            kernels[t] = param.kernel(logWeights[t], nextMeans, nextFactors, nextNormalisers);
        }
    }

    /** Claims task {@code task} for step {@code step}: true for the one thread that runs it. */
    private boolean claim(int task, int step) {
        int seen = claimed.get(task);
        return seen < step && claimed.compareAndSet(task, seen, step);
    }

    private static boolean finite(double[] values, int from, int to) {
        boolean finite = true;
        for (int i = from; i < to; i++) {
            finite &= Double.isFinite(values[i]);
        }
        return finite;
    }

    /** Waits until every thread of the team has arrived (sense by generation). */
    private void await() {
        await(-1, 0);
    }

    /**
     * {@link #await()}; a thread t that has to wait first fetches the rows of its tasks of batch
     * {@code prefetch} (when it is a batch of the epoch), which its next pass then finds in cache, and the last
     * thread of the team (t = T - 1) then draws swaps of the next epoch's shuffle while it waits.
     *
     * @return whether it fetched them
     */
    private boolean await(int prefetch, int t) {
        if (threads == 1) {
            return false;
        }
        int g = generation;
        if (arrived.incrementAndGet() == threads) {
            arrived.set(0);
            generation = g + 1;
            return false;
        }
        boolean fetched = false;
        if (prefetch >= 0 && prefetch < batches.batches()) {
            for (int task = t; task < batches.tasks(prefetch); task += threads) {
                batches.touch(prefetch, task);
            }
            fetched = true;
        }
        // the last thread of the team draws the next epoch's shuffle ahead, a few swaps at a time
        boolean drawing = random != null && t == threads - 1;
        int spins = 0;
        while (generation == g) {
            if (drawing) {
                drawing = !batches.shuffleAhead(random, SWAPS);
                continue;
            }
            if (aborted) {
                throw new Aborted();
            }
            spins++;
            if (spins < SPINS) {
                Thread.onSpinWait();
            } else if (spins < SPINS + YIELDS) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(PARK_NANOS);
            }
        }
        return fetched;
    }

    /** Unwinds a thread of the team after another one failed. */
    private static final class Aborted extends RuntimeException {
        Aborted() {
            super(null, null, false, false);
        }
    }
}
