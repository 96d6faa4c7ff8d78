package io.genmod.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryModelRegistryTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:15:30Z"), ZoneOffset.UTC);

    @Test
    void storesFindsListsNewestFirstAndRemoves() {
        InMemoryModelRegistry<String> registry = new InMemoryModelRegistry<>(10, clock);
        var a = registry.add("histogram", "a", "A");
        var b = registry.add("kernel-density", "b", "B");
        var c = registry.add("histogram", null, "C");
        assertThat(registry.find(b.id())).get().extracting(ModelRegistry.Entry::model).isEqualTo("B");
        assertThat(registry.list(null, 0, 10).items()).extracting(ModelRegistry.Entry::id)
                .containsExactly(c.id(), b.id(), a.id());
        assertThat(registry.list("histogram", 0, 1).items()).extracting(ModelRegistry.Entry::id).containsExactly(c.id());
        assertThat(registry.list("histogram", 1, 1).items()).extracting(ModelRegistry.Entry::id).containsExactly(a.id());
        assertThat(registry.list("histogram", 5, 1).items()).isEmpty();
        assertThat(registry.list("histogram", 0, 1).total()).isEqualTo(2);
        assertThat(registry.remove(a.id())).isTrue();
        assertThat(registry.remove(a.id())).isFalse();
        assertThat(registry.find(a.id())).isEmpty();
        assertThat(a.createdAt()).isEqualTo(Instant.parse("2026-11-25T10:15:30Z"));
    }

    @Test
    void refusesBeyondCapacityWithoutStoring() {
        InMemoryModelRegistry<String> registry = new InMemoryModelRegistry<>(2, clock);
        registry.add("t", null, "1");
        var second = registry.add("t", null, "2");
        assertThatThrownBy(() -> registry.add("t", null, "3")).isInstanceOf(RegistryFullException.class);
        assertThat(registry.list(null, 0, 10).total()).isEqualTo(2);
        registry.remove(second.id());
        registry.add("t", null, "3");
        assertThat(registry.list(null, 0, 10).total()).isEqualTo(2);
    }

    @Test
    void concurrentAddsNeverExceedCapacityAndIdsAreUnique() throws Exception {
        int capacity = 500;
        InMemoryModelRegistry<Integer> registry = new InMemoryModelRegistry<>(capacity, clock);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        try {
                            ids.add(registry.add("t", null, i).id());
                        } catch (RegistryFullException e) {
                            refused.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ids).hasSize(capacity);
        assertThat(refused.get()).isEqualTo(800 - capacity);
        assertThat(registry.list(null, 0, 100).total()).isEqualTo(capacity);
    }
}
