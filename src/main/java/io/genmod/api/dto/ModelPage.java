package io.genmod.api.dto;

import java.util.List;

/** A page of model summaries, newest first. */
public record ModelPage(List<ModelSummary> items, int page, int size, long total) {
}
