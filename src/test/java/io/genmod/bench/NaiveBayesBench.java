package io.genmod.bench;

import io.genmod.classify.ClassLabels;
import io.genmod.classify.NaiveBayes;
import io.genmod.classify.NaiveBayesFitter;
import io.genmod.classify.Prediction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Times naive Bayes prediction with probabilities: {@code NaiveBayesBench N D CLASSES}. Generates N rows of D
 * features from CLASSES Gaussian classes (fixed seed), fits diagonal naive Bayes, then predicts all rows a few
 * times; prints {@code ms=<median>} on stdout and the details on stderr.
 */
public final class NaiveBayesBench {

    private static final long SEED = 20261125L;
    private static final int WARMUPS = 3;
    private static final int RUNS = 7;
    private static final int GENERATION_BLOCK = 8192;

    private NaiveBayesBench() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int d = Integer.parseInt(args[1]);
        int k = Integer.parseInt(args[2]);
        SplittableRandom random = new SplittableRandom(SEED);
        double[][] centres = new double[k][d];
        double[][] scales = new double[k][d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                centres[c][j] = random.nextGaussian();
                scales[c][j] = 0.5 + random.nextDouble();
            }
        }
        double[][] x = new double[n][d];
        int[] y = new int[n];
        SplittableRandom[] streams = new SplittableRandom[(n + GENERATION_BLOCK - 1) / GENERATION_BLOCK];
        for (int b = 0; b < streams.length; b++) {
            streams[b] = random.split();
        }
        IntStream.range(0, streams.length).parallel().forEach(b -> {
            SplittableRandom r = streams[b];
            for (int i = b * GENERATION_BLOCK; i < Math.min(n, (b + 1) * GENERATION_BLOCK); i++) {
                int c = r.nextInt(k);
                y[i] = c;
                for (int j = 0; j < d; j++) {
                    x[i][j] = centres[c][j] + scales[c][j] * r.nextGaussian();
                }
            }
        });
        List<Object> labels = new ArrayList<>(k);
        for (long c = 0; c < k; c++) {
            labels.add(c);
        }
        ClassLabels classes = ClassLabels.of(labels);
        long fitStart = System.nanoTime();
        NaiveBayes model = NaiveBayesFitter.fit(x, y, classes, NaiveBayesFitter.Options.defaults()).model();
        long fitMillis = (System.nanoTime() - fitStart) / 1_000_000;

        double[] times = new double[RUNS];
        double[] cpu = new double[RUNS];
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long correct = 0;
        for (int run = -WARMUPS; run < RUNS; run++) {
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            Prediction prediction = model.predict(x);
            long elapsed = System.nanoTime() - start;
            long cpuElapsed = os.getProcessCpuTime() - cpuStart;
            if (run >= 0) {
                times[run] = elapsed / 1e6;
                cpu[run] = cpuElapsed / 1e6;
            }
            if (run == RUNS - 1) {
                for (int i = 0; i < n; i++) {
                    correct += prediction.labels()[i] == y[i] ? 1 : 0;
                }
            }
        }
        Arrays.sort(times);
        Arrays.sort(cpu);
        System.err.printf("n=%d d=%d classes=%d fitMs=%d minMs=%.1f maxMs=%.1f medianCpuMs=%.1f accuracy=%.4f cores=%d%n",
                n, d, k, fitMillis, times[0], times[RUNS - 1], cpu[RUNS / 2], (double) correct / n,
                Runtime.getRuntime().availableProcessors());
        System.out.printf("ms=%.1f%n", times[RUNS / 2]);
    }
}
