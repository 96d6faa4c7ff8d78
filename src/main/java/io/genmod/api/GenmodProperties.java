package io.genmod.api;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The service's limits.
 *
 * @param maxRequestSize request bodies above this are refused with 413
 * @param registryCapacity models held at once; beyond it creating one answers 507
 * @param jobWorkers training jobs that run at once (each fit uses every core itself)
 * @param retainedJobs training jobs remembered; the oldest finished ones are forgotten first
 * @param fitTimeout the longest a fit may run within a request (training jobs have no limit); checked at every
 *        iteration and between a classifier's classes and a cross-validation's folds
 */
@Validated
@ConfigurationProperties("genmod")
public record GenmodProperties(
        @NotNull @DefaultValue("32MB") DataSize maxRequestSize,
        @Min(1) @DefaultValue("1000") int registryCapacity,
        @Min(1) @DefaultValue("1") int jobWorkers,
        @Min(1) @DefaultValue("1000") int retainedJobs,
        @NotNull @DefaultValue("60s") Duration fitTimeout) {
}
