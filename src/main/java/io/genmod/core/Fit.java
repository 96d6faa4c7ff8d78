package io.genmod.core;

/** A fitted model together with the diagnostics of the fit that produced it. */
public record Fit<M>(M model, Diagnostics diagnostics) {
}
