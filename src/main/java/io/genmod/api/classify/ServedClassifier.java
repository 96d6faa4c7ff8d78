package io.genmod.api.classify;

import io.genmod.api.Data;
import io.genmod.api.FieldProblem;
import io.genmod.api.InvalidRequestException;
import io.genmod.api.AbstractServedModel;
import io.genmod.api.dto.PredictResponse;
import io.genmod.api.dto.SampleResponse;
import io.genmod.api.dto.ScoreRequest;
import io.genmod.api.dto.ScoreResponse;
import io.genmod.classify.ClassLabels;
import io.genmod.classify.ClassificationScore;
import io.genmod.classify.Classifier;
import io.genmod.classify.Prediction;
import io.genmod.core.Diagnostics;
import io.genmod.core.WorkingMemory;
import io.genmod.math.Rng;
import java.util.ArrayList;
import java.util.List;

/** A fitted or imported classifier as served: labels are mapped to and from the client's labels here. */
final class ServedClassifier extends AbstractServedModel {

    /** At most this many unknown labels are listed in one error. */
    private static final int MAX_REPORTED = 20;

    private final Classifier classifier;
    private final ClassLabels classes;

    ServedClassifier(String type, Classifier classifier, ClassLabels classes, Integer trainingSize, Object params,
                     Object parameters, Diagnostics diagnostics) {
        super(type, trainingSize, params, parameters, diagnostics);
        this.classifier = classifier;
        this.classes = classes;
    }

    Classifier classifier() {
        return classifier;
    }

    @Override
    public Integer dimension() {
        return classifier.dimension();
    }

    /** The marginal log p(x) = log sum_c p(x | c) P(c). */
    @Override
    public double[] logDensity(double[][] x) {
        return classifier.logDensity(x);
    }

    @Override
    public PredictResponse predict(double[][] x) {
        WorkingMemory.checkAnswer((double) x.length * classes.size(), "x",
                x.length + " rows of probabilities for " + classes.size() + " classes", "send fewer rows per request");
        Prediction prediction = classifier.predict(x);
        return new PredictResponse(classes.classes(), classes.decode(prediction.labels()), prediction.probabilities());
    }

    @Override
    public SampleResponse sample(int n, Long seed) {
        Classifier.LabelledSample sample = classifier.sample(n, Rng.of(seed));
        return new SampleResponse(sample.x(), classes.decode(sample.labels()), null);
    }

    /** Accuracy, log loss, confusion matrix (rows true, columns predicted, in {@code classes} order), mean log p(x). */
    @Override
    public ScoreResponse score(ScoreRequest request) {
        double[][] x = Data.matrix(request.x(), "x", dimension());
        WorkingMemory.checkAnswer((double) classes.size() * classes.size(), "y",
                "The confusion matrix of " + classes.size() + " classes", "this model has too many classes to score");
        List<Object> labels = Data.labels(request.y(), "y", x.length);
        int[] y = new int[labels.size()];
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < y.length && problems.size() < MAX_REPORTED; i++) {
            Object label = labels.get(i);
            y[i] = classes.indexOf(label);
            if (y[i] < 0) {
                boolean numeric = label instanceof Long;
                problems.add(new FieldProblem("y[" + i + "]", numeric != classes.numeric()
                        ? "must be " + (classes.numeric() ? "an integer" : "a string") + " like the model's classes"
                        : "is not a class of this model; classes are " + classes.classes()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        ClassificationScore score = ClassificationScore.of(classifier, x, y);
        return new ScoreResponse(score.n(), score.meanLogLikelihood(), score.accuracy(), score.logLoss(),
                score.confusionMatrix());
    }
}
