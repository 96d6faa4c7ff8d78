package io.genmod.mixture;

import java.util.Arrays;

/** How a fitter chooses its starting point, as scikit-learn's {@code init_params}. */
public enum Initialisation {
    /** k-means++ seeding (Arthur and Vassilvitskii 2007), then hard responsibilities. */
    KMEANS_PLUS_PLUS("kmeans++"),
    /** Random responsibilities, normalised per row. */
    RANDOM("random"),
    /** k distinct data points as means, hard responsibilities to the nearest. */
    RANDOM_FROM_DATA("random-from-data"),
    /** The options' initial weights, means and covariances. */
    GIVEN("given");

    private final String id;

    Initialisation(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Initialisation of(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown initialisation " + id));
    }
}
