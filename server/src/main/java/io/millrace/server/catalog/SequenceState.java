package io.millrace.server.catalog;

/**
 * Where a sequence stands, as reading it shows ({@code SELECT * FROM s}): the last value handed
 * out (or, not yet {@code called}, the next one), and how many more may be handed out before its
 * stored state must move on ({@code log_cnt}).
 */
public record SequenceState(long lastValue, long logCount, boolean called) {
}
