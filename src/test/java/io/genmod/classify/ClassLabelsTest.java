package io.genmod.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassLabelsTest {

    @Test
    void numbersSortAscendingAndStringsLexicographically() {
        List<Object> numbers = List.of(10L, 9L, 2L, 9L, -1L);
        ClassLabels byValue = ClassLabels.of(numbers);
        assertThat(byValue.classes()).containsExactly(-1L, 2L, 9L, 10L);
        assertThat(byValue.encode(numbers)).containsExactly(3, 2, 1, 2, 0);
        assertThat(byValue.numeric()).isTrue();

        ClassLabels byText = ClassLabels.of(List.of("b", "a9", "B", "a10"));
        assertThat(byText.classes()).containsExactly("B", "a10", "a9", "b");
        assertThat(byText.decode(new int[] {3, 0})).containsExactly("b", "B");
        assertThat(byText.indexOf(2L)).isEqualTo(-1);
    }

    @Test
    void givenClassesMustBeDistinctSortedAndOfOneType() {
        assertThat(ClassLabels.ofSorted(List.of(1L, 5L)).classes()).containsExactly(1L, 5L);
        assertThatThrownBy(() -> ClassLabels.ofSorted(List.of(5L, 1L))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClassLabels.ofSorted(List.of("a", "a"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClassLabels.of(List.of("a", 1L))).isInstanceOf(IllegalArgumentException.class);
    }
}
