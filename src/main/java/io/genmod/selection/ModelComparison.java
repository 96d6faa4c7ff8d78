package io.genmod.selection;

import io.genmod.core.Density;
import io.genmod.core.DensityFitter;
import io.genmod.core.Fit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks density fitters by k-fold held-out mean log-likelihood (higher first; a candidate with held-out
 * rows of zero density after every finite one, fewer such rows first), and reports each one's full-data fit
 * (for BIC, AIC and the parameter count) and its fitting time. All candidates use the same folds.
 */
public final class ModelComparison {

    private ModelComparison() {
    }

    /**
     * @param index position of the candidate in the input
     * @param fullFit the fit on all rows
     * @param fitMillis time of the full-data fit
     */
    public record Entry(int index, CrossValidation.Score score, Fit<? extends Density> fullFit, long fitMillis) {
    }

    /** @return entries best first */
    public static List<Entry> rank(double[][] x, List<DensityFitter> candidates, int[][] folds) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            DensityFitter fitter = candidates.get(i);
            CrossValidation.Score score = CrossValidation.score(x, fitter, folds);
            long t0 = System.nanoTime();
            Fit<? extends Density> full = fitter.fit(x);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            entries.add(new Entry(i, score, full, millis));
        }
        entries.sort(ORDER);
        return entries;
    }

    static final Comparator<Entry> ORDER = Comparator
            .comparingInt((Entry e) -> e.score().outsideSupport() > 0 ? 1 : 0)
            .thenComparingInt(e -> e.score().outsideSupport())
            .thenComparing(Comparator.comparingDouble((Entry e) -> e.score().meanLogLikelihood()).reversed())
            .thenComparingInt(Entry::index);
}
