package io.genmod.api.mixture;

import io.genmod.api.ServedDensity;
import io.genmod.api.dto.PredictResponse;
import io.genmod.api.dto.SampleResponse;
import io.genmod.core.Diagnostics;
import io.genmod.core.WorkingMemory;
import io.genmod.math.Rng;
import io.genmod.mixture.GaussianMixture;
import java.util.ArrayList;
import java.util.List;

/** A served Gaussian mixture: predicts components by responsibility and samples with component labels. */
public final class ServedMixture extends ServedDensity {

    private final GaussianMixture mixture;

    public ServedMixture(GaussianMixture mixture, Integer trainingSize, Object params, Object parameters,
                         Diagnostics diagnostics) {
        super(GaussianMixtureFamily.TYPE, mixture, trainingSize, params, parameters, diagnostics);
        this.mixture = mixture;
    }

    public GaussianMixture mixture() {
        return mixture;
    }

    /** Classes 0..k-1, the most responsible component per row, and the responsibilities. */
    @Override
    public PredictResponse predict(double[][] x) {
        WorkingMemory.checkAnswer((double) x.length * mixture.components(), "x",
                x.length + " rows of responsibilities for " + mixture.components() + " components",
                "send fewer rows per request");
        double[][] r = mixture.responsibilities(x);
        List<Object> classes = new ArrayList<>(mixture.components());
        for (int j = 0; j < mixture.components(); j++) {
            classes.add(j);
        }
        List<Object> labels = new ArrayList<>(x.length);
        for (double[] row : r) {
            int best = 0;
            for (int j = 1; j < row.length; j++) {
                if (row[j] > row[best]) {
                    best = j;
                }
            }
            labels.add(best);
        }
        return new PredictResponse(classes, labels, r);
    }

    @Override
    public SampleResponse sample(int n, Long seed) {
        GaussianMixture.LabelledSample s = mixture.sampleWithLabels(n, Rng.of(seed));
        List<Object> labels = new ArrayList<>(n);
        for (int label : s.labels()) {
            labels.add(label);
        }
        return new SampleResponse(s.x(), labels, null);
    }
}
