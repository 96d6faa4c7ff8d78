package io.genmod.bayesnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genmod.core.InvalidParameterException;
import io.genmod.core.UnfittableDataException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FactorisationTest {

    @Test
    void seedExercisesParseToTheirGraphs() {
        assertThat(Factorisation.parse("P(a)P(b|a)P(c|b)P(d|b)").parentMap()).isEqualTo(
                map("a", List.of(), "b", List.of("a"), "c", List.of("b"), "d", List.of("b")));
        assertThat(Factorisation.parse("P(a)P(b|a)P(d|c)P(c)").parentMap()).isEqualTo(
                map("a", List.of(), "b", List.of("a"), "d", List.of("c"), "c", List.of()));
        assertThat(Factorisation.parse("P(a)P(b|a)P(c|a)P(d|b,c)").parentMap()).isEqualTo(
                map("a", List.of(), "b", List.of("a"), "c", List.of("a"), "d", List.of("b", "c")));
        assertThat(Factorisation.parse("p(x1, x2, x3) = p(x3 | x2) p(x2 | x1) p(x1)").parentMap()).isEqualTo(
                map("x3", List.of("x2"), "x2", List.of("x1"), "x1", List.of()));
    }

    @Test
    void acceptsSpacesStarsAndAnyNames() {
        Dag dag = Factorisation.parse("  P( smoking ) * P(asbestos)  P(lung_cancer | smoking , asbestos) P(Δ-1|lung_cancer) ");
        assertThat(dag.names()).containsExactly("smoking", "asbestos", "lung_cancer", "Δ-1");
        assertThat(dag.parentMap().get("lung_cancer")).containsExactly("smoking", "asbestos");
        assertThat(dag.parentMap().get("Δ-1")).containsExactly("lung_cancer");
    }

    @Test
    void canonicalFactorisationIsTopologicalAndIndependentOfDeclarationOrder() {
        Dag a = Factorisation.parse("P(d|b,c)P(c|a)P(b|a)P(a)");
        Dag b = Factorisation.parse("P(a)P(c|a)P(b|a)P(d|b,c)");
        assertThat(a.factorisation()).isEqualTo("P(a)P(b|a)P(c|a)P(d|b,c)").isEqualTo(b.factorisation());
        assertThat(Factorisation.parse(a.factorisation()).parentMap()).isEqualTo(b.parentMap());
        assertThat(a.dot()).contains("\"a\" -> \"b\";").contains("\"c\" -> \"d\";").startsWith("digraph {");
    }

    @Test
    void cycleIsUnfittableAndPointsAtTheFactors() {
        assertThatThrownBy(() -> Factorisation.parse("P(a|c)P(b|a)P(c|b)"))
                .isInstanceOf(UnfittableDataException.class)
                .hasMessageContaining("cycle")
                .hasMessageContaining("P(b|a) at position 7")
                .extracting(e -> ((UnfittableDataException) e).field()).isEqualTo("factorisation");
        assertThatThrownBy(() -> Factorisation.parse("P(a|a)")).isInstanceOf(UnfittableDataException.class)
                .hasMessageContaining("position 5").hasMessageContaining("cycle");
    }

    @Test
    void secondFactorForAVariableIsRejectedWithItsPosition() {
        assertThatThrownBy(() -> Factorisation.parse("P(a)P(b|a)P(a)"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("at position 11")
                .hasMessageContaining("second factor")
                .extracting(e -> ((InvalidParameterException) e).field()).isEqualTo("factorisation");
    }

    @Test
    void parentWithoutFactorIsRejectedWithItsPosition() {
        assertThatThrownBy(() -> Factorisation.parse("P(a)P(b|a,z)"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("at position 11").hasMessageContaining("'z'");
    }

    @Test
    void syntaxErrorsPointAtThePosition() {
        assertThatThrownBy(() -> Factorisation.parse("P(a)P(b|a"))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("position 10")
                .hasMessageContaining("ended");
        assertThatThrownBy(() -> Factorisation.parse("P(a)Q(b)"))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("position 5");
        assertThatThrownBy(() -> Factorisation.parse("P(a,b)"))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("exactly one variable");
        assertThatThrownBy(() -> Factorisation.parse("P()"))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("position 3");
        assertThatThrownBy(() -> Factorisation.parse(" "))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> Factorisation.parse("P(a,b) = P(a)"))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("joint");
    }

    @Test
    void parentsMapRejectsCyclesAndUnknownParents() {
        assertThatThrownBy(() -> Dag.of(map("a", List.of("b"), "b", List.of("a"))))
                .isInstanceOf(UnfittableDataException.class).hasMessageContaining("a -> b -> a");
        assertThatThrownBy(() -> Dag.of(map("a", List.of("a"))))
                .isInstanceOf(UnfittableDataException.class).hasMessageContaining("its own parent");
        assertThatThrownBy(() -> Dag.of(map("a", List.of("q"))))
                .isInstanceOf(InvalidParameterException.class)
                .extracting(e -> ((InvalidParameterException) e).field()).isEqualTo("parents.a");
    }

    private static Map<String, List<String>> map(Object... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> v = (List<String>) kv[i + 1];
            m.put((String) kv[i], v);
        }
        return m;
    }
}
