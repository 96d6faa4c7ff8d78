package io.genmod.api.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genmod.api.DensityFamily.Configured;
import io.genmod.api.InvalidRequestException;
import io.genmod.api.Params;
import io.genmod.core.Diagnostics;
import io.genmod.core.Fit;
import io.genmod.mixture.GaussianMixture;
import io.genmod.mixture.MixtureFitter;
import io.genmod.mixture.MixtureOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Params of gaussian-mixture: defaults, compact initial values, and dispatch to fitter plugins. */
class GaussianMixtureFamilyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A plugin that records what it was given and reads one param of its own. */
    static final class RecordingPlugin implements MixtureFitterPlugin {
        final AtomicReference<MixtureOptions> options = new AtomicReference<>();

        @Override
        public String name() {
            return "gradient";
        }

        @Override
        public int defaultMaxIterations() {
            return 1000;
        }

        @Override
        public MixtureFitter configure(MixtureOptions common, Params params, Map<String, Object> effectiveParams) {
            options.set(common);
            effectiveParams.put("learningRate", params.number("learningRate", 0.05, 0, true, 1));
            return x -> new Fit<>(GaussianMixture.of(common.covarianceType(), new double[] {1}, new double[][] {{0}},
                    new double[][][] {{{1}}}), Diagnostics.direct("gradient", 0, x.length, 2, 0));
        }
    }

    private static JsonNode json(String s) {
        return JSON.readTree(s);
    }

    @Test
    void fillsDefaults() {
        Configured c = new GaussianMixtureFamily(List.of()).configure(null, "params");
        assertThat(c.effectiveParams()).containsEntry("components", 1).containsEntry("covarianceType", "full")
                .containsEntry("fitter", "em").containsEntry("init", "kmeans++").containsEntry("nInit", 1)
                .containsEntry("maxIterations", 100).containsEntry("tolerance", 1e-3).containsEntry("regularization", 1e-6);
    }

    @Test
    void dispatchesOtherFittersToTheirPluginAfterWhichUnknownParamsAreRefused() {
        RecordingPlugin plugin = new RecordingPlugin();
        GaussianMixtureFamily family = new GaussianMixtureFamily(List.of(plugin));
        Configured c = family.configure(json("{\"fitter\":\"gradient\",\"learningRate\":0.1,\"components\":1,"
                + "\"covarianceType\":\"diag\",\"initialMeans\":[[0,0]],\"initialCovariances\":[[2,3]]}"), "params");
        assertThat(c.effectiveParams()).containsEntry("maxIterations", 1000).containsEntry("learningRate", 0.1)
                .containsEntry("init", "given");
        assertThat(plugin.options.get().initialCovariances()).isDeepEqualTo(new double[][][] {{{2, 0}, {0, 3}}});
        assertThat(c.fitter().fit(new double[][] {{1}}).diagnostics().fitter()).isEqualTo("gradient");
        assertThatThrownBy(() -> family.configure(json("{\"fitter\":\"gradient\",\"learningRat\":0.1}"), "params"))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).problems().get(0).field()).isEqualTo("params.learningRat"));
        assertThatThrownBy(() -> family.configure(json("{\"learningRate\":0.1}"), "params"))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aKnownFitterWithoutItsPluginIsABadRequest() {
        assertThatThrownBy(() -> new GaussianMixtureFamily(List.of()).configure(json("{\"fitter\":\"variational\"}"), "p"))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).problems().get(0).field()).isEqualTo("p.fitter"))
                .hasMessageContaining("not available");
    }

    @Test
    void expandsCompactCovariancesOfEveryType() {
        assertThat(GaussianMixtureFamily.expand(json("[[[2,1],[1,2]]]"), "c", io.genmod.mixture.CovarianceType.FULL, 1, 2))
                .isDeepEqualTo(new double[][][] {{{2, 1}, {1, 2}}});
        assertThat(GaussianMixtureFamily.expand(json("[[2,1],[1,2]]"), "c", io.genmod.mixture.CovarianceType.TIED, 2, 2))
                .isDeepEqualTo(new double[][][] {{{2, 1}, {1, 2}}, {{2, 1}, {1, 2}}});
        assertThat(GaussianMixtureFamily.expand(json("[[2,3],[4,5]]"), "c", io.genmod.mixture.CovarianceType.DIAG, 2, 2))
                .isDeepEqualTo(new double[][][] {{{2, 0}, {0, 3}}, {{4, 0}, {0, 5}}});
        assertThat(GaussianMixtureFamily.expand(json("[2,3]"), "c", io.genmod.mixture.CovarianceType.SPHERICAL, 2, 2))
                .isDeepEqualTo(new double[][][] {{{2, 0}, {0, 2}}, {{3, 0}, {0, 3}}});
        assertThatThrownBy(() -> GaussianMixtureFamily.expand(json("[2,\"x\"]"), "c", io.genmod.mixture.CovarianceType.SPHERICAL, 2, 2))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).problems().get(0).field()).isEqualTo("c[1]"));
    }

    @Test
    void importAndExportAreInverse() {
        GaussianMixtureFamily family = new GaussianMixtureFamily(List.of());
        JsonNode parameters = json("{\"weights\":[0.4,0.6],\"means\":[[0,1],[2,3]],\"covariances\":[[1,2],[3,4]]}");
        GaussianMixture m = (GaussianMixture) family.importParameters(parameters, json("{\"covarianceType\":\"diag\"}"), "parameters");
        assertThat((JsonNode) JSON.valueToTree(family.exportParameters(m))).isEqualTo(json(
                "{\"weights\":[0.4,0.6],\"means\":[[0.0,1.0],[2.0,3.0]],\"covariances\":[[1.0,2.0],[3.0,4.0]]}"));
    }
}
