package io.genmod.api;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Registers the test-only model type {@code test-normal} for foundation tests. */
@TestConfiguration
public class TestFamilies {

    @Bean
    DensityFamily unitNormalFamily() {
        return new UnitNormalFamily();
    }
}
