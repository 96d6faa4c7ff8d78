package io.genmod.api.mixture;

import io.genmod.api.Data;
import io.genmod.api.DensityFamily;
import io.genmod.api.InvalidRequestException;
import io.genmod.api.Params;
import io.genmod.api.ServedModel;
import io.genmod.api.dto.CreateModelRequest;
import io.genmod.core.Density;
import io.genmod.core.Fit;
import io.genmod.core.InvalidParameterException;
import io.genmod.core.UnfittableDataException;
import io.genmod.mixture.CovarianceType;
import io.genmod.mixture.EmFitter;
import io.genmod.mixture.GaussianMixture;
import io.genmod.mixture.Initialisation;
import io.genmod.mixture.MixtureFitter;
import io.genmod.mixture.MixtureOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The {@code gaussian-mixture} type: fits by EM or by a {@link MixtureFitterPlugin} ({@code gradient},
 * {@code variational}), imports and exports weights, means and covariances in the compact shape of the
 * covariance type (k x d x d full, d x d tied, k x d diag, k spherical).
 */
@Component
public class GaussianMixtureFamily implements DensityFamily {

    public static final String TYPE = "gaussian-mixture";
    static final int DEFAULT_MAX_ITERATIONS = 100;
    static final double DEFAULT_TOLERANCE = 1e-3;
    static final double DEFAULT_REGULARIZATION = 1e-6;
    static final int MAX_COMPONENTS = 10_000;
    static final int MAX_RESTARTS = 1_000;
    static final int MAX_ITERATIONS = 1_000_000;
    /** Weights above this count as effective components of a variational fit. */
    static final double EFFECTIVE_WEIGHT = 0.01;
    private static final List<String> KNOWN_FITTERS = List.of(EmFitter.NAME, "gradient", "variational");
    private static final List<String> COVARIANCE_TYPES = Arrays.stream(CovarianceType.values()).map(CovarianceType::id).toList();
    private static final List<String> INITS = Arrays.stream(Initialisation.values()).map(Initialisation::id).toList();
    private static final List<String> PARAMETER_KEYS = List.of("weights", "means", "covariances", "effectiveComponents");

    private final Map<String, MixtureFitterPlugin> plugins = new TreeMap<>();

    @Autowired
    public GaussianMixtureFamily(ObjectProvider<MixtureFitterPlugin> plugins) {
        this(plugins.orderedStream().toList());
    }

    public GaussianMixtureFamily(List<MixtureFitterPlugin> plugins) {
        for (MixtureFitterPlugin plugin : plugins) {
            if (EmFitter.NAME.equals(plugin.name()) || this.plugins.put(plugin.name(), plugin) != null) {
                throw new IllegalStateException("Two mixture fitters named " + plugin.name());
            }
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ServedModel create(CreateModelRequest request) {
        rejectPresent(request.y(), "y");
        rejectPresent(request.structure(), "structure");
        rejectPresent(request.states(), "states");
        rejectPresent(request.records(), "records");
        rejectPresent(request.counts(), "counts");
        boolean hasParameters = present(request.parameters());
        if (hasParameters && present(request.x())) {
            throw new InvalidRequestException("parameters", "give either x (to fit) or parameters (to import), not both");
        }
        if (hasParameters) {
            Configuration c = configuration(request.params(), "params");
            GaussianMixture mixture = importMixture(request.parameters(), c.covarianceType(), "parameters");
            Map<String, Object> effective = c.effective();
            effective.put("components", mixture.components());
            return new ServedMixture(mixture, null, effective, export(mixture, c.fitterName()), null);
        }
        Configuration c = configuration(request.params(), "params");
        double[][] x = Data.matrix(request.x(), "x", null);
        Fit<GaussianMixture> fit = fit(c, x, "params");
        return new ServedMixture(fit.model(), x.length, c.effective(), export(fit.model(), c.fitterName()), fit.diagnostics());
    }

    @Override
    public boolean takesSeed() {
        return true;
    }

    @Override
    public Configured configure(JsonNode params, String path) {
        Configuration c = configuration(params, path);
        return new Configured(x -> fit(c, x, path), c.effective());
    }

    @Override
    public Object exportParameters(Density density) {
        return export((GaussianMixture) density, EmFitter.NAME);
    }

    @Override
    public Density importParameters(JsonNode parameters, JsonNode params, String path) {
        CovarianceType type = CovarianceType.FULL;
        if (params != null && params.isObject() && params.has("covarianceType") && params.get("covarianceType").isString()
                && COVARIANCE_TYPES.contains(params.get("covarianceType").stringValue())) {
            type = CovarianceType.of(params.get("covarianceType").stringValue());
        }
        return importMixture(parameters, type, path);
    }

    /** Validated params: the fitter and its options, and the effective params with defaults filled in. */
    private record Configuration(MixtureFitter fitter, String fitterName, CovarianceType covarianceType,
                                 Map<String, Object> effective) {
        @Override
        public Map<String, Object> effective() {
            return new LinkedHashMap<>(effective);
        }
    }

    private Configuration configuration(JsonNode node, String path) {
        Params p = Params.of(node, path);
        int k = p.integer("components", 1, 1, MAX_COMPONENTS);
        CovarianceType type = CovarianceType.of(p.choice("covarianceType", CovarianceType.FULL.id(), COVARIANCE_TYPES));
        List<String> fitters = new ArrayList<>(KNOWN_FITTERS);
        plugins.keySet().stream().filter(name -> !fitters.contains(name)).forEach(fitters::add);
        String fitterName = p.choice("fitter", EmFitter.NAME, fitters);
        MixtureFitterPlugin plugin = plugins.get(fitterName);
        if (!EmFitter.NAME.equals(fitterName) && plugin == null) {
            throw new InvalidRequestException(p.path("fitter"), "fitter '" + fitterName
                    + "' is not available in this build; use one of " + String.join(", ", available()));
        }
        boolean givenValues = p.has("initialWeights") || p.has("initialMeans") || p.has("initialCovariances");
        String initName = p.choice("init", givenValues ? Initialisation.GIVEN.id() : Initialisation.KMEANS_PLUS_PLUS.id(), INITS);
        Initialisation init = Initialisation.of(initName);
        if (givenValues && init != Initialisation.GIVEN) {
            throw new InvalidRequestException(p.path("init"), "must be 'given' (or omitted) when initial values are given");
        }
        if (givenValues && !p.has("initialMeans")) {
            throw new InvalidRequestException(p.path("initialMeans"), "is required with initialWeights or initialCovariances");
        }
        int nInit = p.integer("nInit", 1, 1, MAX_RESTARTS);
        int defaultIterations = plugin == null ? DEFAULT_MAX_ITERATIONS : plugin.defaultMaxIterations();
        int maxIterations = p.integer("maxIterations", defaultIterations, 0, MAX_ITERATIONS);
        double tolerance = p.number("tolerance", DEFAULT_TOLERANCE, 0, true, Double.MAX_VALUE);
        double regularization = p.number("regularization", DEFAULT_REGULARIZATION, 0, false, Double.MAX_VALUE);
        Long seed = p.seed("seed");
        double[] weights = null;
        double[][] means = null;
        double[][][] covariances = null;
        if (init == Initialisation.GIVEN) {
            if (!p.has("initialMeans")) {
                throw new InvalidRequestException(p.path("initialMeans"), "is required when init is given");
            }
            means = Data.matrix(p.raw("initialMeans"), p.path("initialMeans"), null);
            if (means.length != k) {
                throw new InvalidRequestException(p.path("initialMeans"), "has " + means.length
                        + " rows but components is " + k);
            }
            int d = means[0].length;
            if (p.has("initialWeights")) {
                weights = vector(p.raw("initialWeights"), p.path("initialWeights"), k);
            }
            if (p.has("initialCovariances")) {
                covariances = expand(p.raw("initialCovariances"), p.path("initialCovariances"), type, k, d);
            }
        }
        Map<String, Object> effective = new LinkedHashMap<>();
        effective.put("components", k);
        effective.put("covarianceType", type.id());
        effective.put("fitter", fitterName);
        effective.put("init", init.id());
        effective.put("nInit", nInit);
        effective.put("maxIterations", maxIterations);
        effective.put("tolerance", tolerance);
        effective.put("regularization", regularization);
        if (seed != null) {
            effective.put("seed", seed);
        }
        if (weights != null) {
            effective.put("initialWeights", weights);
        }
        if (means != null) {
            effective.put("initialMeans", means);
        }
        if (covariances != null) {
            effective.put("initialCovariances", compact(covariances, type));
        }
        MixtureOptions options;
        try {
            options = new MixtureOptions(k, type, init, nInit, maxIterations, tolerance, regularization, seed,
                    weights, means, covariances);
        } catch (InvalidParameterException e) {
            throw p.error(e);
        }
        MixtureFitter fitter = plugin == null ? new EmFitter(options) : plugin.configure(options, p, effective);
        p.rejectUnknown();
        return new Configuration(fitter, fitterName, type, effective);
    }

    private List<String> available() {
        List<String> names = new ArrayList<>();
        names.add(EmFitter.NAME);
        names.addAll(plugins.keySet());
        return names;
    }

    /** Fits, reporting an option that does not suit the data (initial means of the wrong width) under the params path. */
    private static Fit<GaussianMixture> fit(Configuration c, double[][] x, String path) {
        try {
            return c.fitter().fit(x);
        } catch (InvalidParameterException e) {
            throw new InvalidRequestException(path + "." + e.field(), e.getMessage());
        }
    }

    private static GaussianMixture importMixture(JsonNode node, CovarianceType type, String path) {
        Params p = Params.of(node, path);
        if (!present(node)) {
            throw new InvalidRequestException(path, "is required");
        }
        double[][] means = Data.matrix(p.raw("means"), p.path("means"), null);
        int k = means.length;
        int d = means[0].length;
        double[] weights = vector(p.raw("weights"), p.path("weights"), k);
        double[][][] covariances = expand(p.raw("covariances"), p.path("covariances"), type, k, d);
        p.has("effectiveComponents");
        for (var e : node.properties()) {
            if (!PARAMETER_KEYS.contains(e.getKey())) {
                throw new InvalidRequestException(p.path(e.getKey()), "is not a parameter of a gaussian-mixture");
            }
        }
        try {
            return GaussianMixture.of(type, weights, means, covariances);
        } catch (InvalidParameterException e) {
            throw new InvalidRequestException(p.path(e.field()), e.getMessage());
        } catch (UnfittableDataException e) {
            throw new InvalidRequestException(p.path("covariances"), "must be positive definite");
        }
    }

    /** {@code weights}, {@code means}, {@code covariances} in the compact shape, plus effectiveComponents for variational fits. */
    static Map<String, Object> export(GaussianMixture mixture, String fitterName) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        double[] weights = mixture.weights();
        parameters.put("weights", weights);
        parameters.put("means", mixture.means());
        parameters.put("covariances", mixture.compactCovariances());
        if ("variational".equals(fitterName)) {
            parameters.put("effectiveComponents", Arrays.stream(weights).filter(w -> w > EFFECTIVE_WEIGHT).count());
        }
        return parameters;
    }

    private static Object compact(double[][][] full, CovarianceType type) {
        int k = full.length;
        int d = full[0].length;
        return switch (type) {
            case FULL -> full;
            case TIED -> full[0];
            case DIAG -> {
                double[][] diag = new double[k][d];
                for (int j = 0; j < k; j++) {
                    for (int a = 0; a < d; a++) {
                        diag[j][a] = full[j][a][a];
                    }
                }
                yield diag;
            }
            case SPHERICAL -> {
                double[] v = new double[k];
                for (int j = 0; j < k; j++) {
                    v[j] = full[j][0][0];
                }
                yield v;
            }
        };
    }

    /** Full k x d x d covariances from the compact shape of {@code type}. */
    static double[][][] expand(JsonNode node, String field, CovarianceType type, int k, int d) {
        double[][][] full = new double[k][d][d];
        switch (type) {
            case FULL -> {
                if (node == null || !node.isArray()) {
                    throw new InvalidRequestException(field, "must be " + k + " matrices of " + d + " x " + d);
                }
                if (node.size() != k) {
                    throw new InvalidRequestException(field, "has " + node.size() + " matrices but there are " + k + " components");
                }
                for (int j = 0; j < k; j++) {
                    full[j] = square(node.get(j), field + "[" + j + "]", d);
                }
            }
            case TIED -> {
                double[][] shared = square(node, field, d);
                for (int j = 0; j < k; j++) {
                    for (int a = 0; a < d; a++) {
                        full[j][a] = shared[a].clone();
                    }
                }
            }
            case DIAG -> {
                if (node == null || !node.isArray() || node.size() != k) {
                    throw new InvalidRequestException(field, "must be " + k + " rows of " + d + " variances (one row per component)");
                }
                for (int j = 0; j < k; j++) {
                    double[] v = vector(node.get(j), field + "[" + j + "]", d);
                    for (int a = 0; a < d; a++) {
                        full[j][a][a] = v[a];
                    }
                }
            }
            case SPHERICAL -> {
                double[] v = vector(node, field, k);
                for (int j = 0; j < k; j++) {
                    for (int a = 0; a < d; a++) {
                        full[j][a][a] = v[j];
                    }
                }
            }
        }
        return full;
    }

    private static double[][] square(JsonNode node, String field, int d) {
        if (node == null || !node.isArray() || node.size() != d) {
            throw new InvalidRequestException(field, "must be a " + d + " x " + d + " matrix");
        }
        double[][] m = new double[d][];
        for (int a = 0; a < d; a++) {
            m[a] = vector(node.get(a), field + "[" + a + "]", d);
        }
        return m;
    }

    /** A list of exactly {@code length} finite numbers. */
    static double[] vector(JsonNode node, String field, int length) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new InvalidRequestException(field, "is required");
        }
        if (!node.isArray() || node.size() != length) {
            throw new InvalidRequestException(field, "must be a list of " + length + " numbers");
        }
        double[] v = new double[length];
        for (int i = 0; i < length; i++) {
            JsonNode e = node.get(i);
            if (!e.isNumber() || !Double.isFinite(e.doubleValue())) {
                throw new InvalidRequestException(field + "[" + i + "]", "must be a finite number");
            }
            v[i] = e.doubleValue();
        }
        return v;
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    private static void rejectPresent(JsonNode node, String field) {
        if (present(node)) {
            throw new InvalidRequestException(field, "is not used by " + TYPE);
        }
    }
}
