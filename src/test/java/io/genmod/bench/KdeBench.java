package io.genmod.bench;

import io.genmod.kde.Kernel;
import io.genmod.kde.KernelDensity;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Times scoring of a gaussian KDE (bandwidth 0.2) fitted to N_TRAIN points of a 2-D standard normal on
 * N_QUERY further points from the same distribution (seed 42). Prints
 * {@code ms=<median of 9 timed runs after 5 warm-ups> mean_log_density=<mean>}; with {@code -Dbench.cpu=true}
 * also the process CPU time per timed run on standard error.
 */
public final class KdeBench {

    private KdeBench() {
    }

    public static void main(String[] args) {
        int nTrain = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int nQuery = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        double rtol = args.length > 2 ? Double.parseDouble(args[2]) : 0;
        SplittableRandom random = new SplittableRandom(42);
        double[][] train = normal(nTrain, random);
        double[][] query = normal(nQuery, random);
        KernelDensity kde = new KernelDensity(train, Kernel.GAUSSIAN, 0.2, rtol);
        double[] result = null;
        for (int i = 0; i < 5; i++) {
            result = kde.logDensity(query);
        }
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
        double[] millis = new double[9];
        for (int i = 0; i < millis.length; i++) {
            long t0 = System.nanoTime();
            result = kde.logDensity(query);
            millis[i] = (System.nanoTime() - t0) / 1e6;
        }
        if (Boolean.getBoolean("bench.cpu") && os instanceof com.sun.management.OperatingSystemMXBean sun) {
            // CPU time per scoring run, less sensitive to other load on the machine than wall time
            System.err.printf("cpu_ms_per_run=%.1f%n", (sun.getProcessCpuTime() - cpu0) / 1e6 / millis.length);
        }
        Arrays.sort(millis);
        double mean = 0;
        for (double v : result) {
            mean += v;
        }
        mean /= result.length;
        System.out.printf("ms=%.1f mean_log_density=%.10f%n", millis[millis.length / 2], mean);
    }

    private static double[][] normal(int n, SplittableRandom random) {
        double[][] x = new double[n][2];
        for (double[] row : x) {
            row[0] = random.nextGaussian();
            row[1] = random.nextGaussian();
        }
        return x;
    }
}
