package io.millrace.server.catalog;

import static java.util.Objects.requireNonNull;

import io.millrace.executor.type.DataType;

/**
 * What CREATE SEQUENCE (or a serial or identity column) defines: the type of the values, the first
 * value, the step, the bounds, how many values a session takes at once ({@code cache}), whether the
 * values wrap around at a bound ({@code cycle}), and the column that owns the sequence: its position
 * in the table the entry's {@code onRelation} names (the sequence goes with it), or -1 for none.
 */
public record SequenceDefinition(DataType type, long start, long increment, long minValue, long maxValue, long cache,
        boolean cycle, int ownedColumn) {
    public SequenceDefinition {
        requireNonNull(type, "type is null");
        if (increment == 0 || minValue > maxValue || start < minValue || start > maxValue || cache < 1) {
            throw new IllegalArgumentException("not a valid sequence definition");
        }
    }

    /** The value after {@code value}: a step on, back at the other bound when cycling; null past a bound. */
    public Long after(long value) {
        long next;
        try {
            next = Math.addExact(value, increment);
        } catch (ArithmeticException beyondLong) {
            return cycle ? restart() : null;
        }
        if (next > maxValue || next < minValue) {
            return cycle ? restart() : null;
        }
        return next;
    }

    private long restart() {
        return increment > 0 ? minValue : maxValue;
    }

    /** Whether the sequence belongs to a column of its table, which drops it. */
    public boolean isOwned() {
        return ownedColumn >= 0;
    }

    public SequenceDefinition ownedBy(int column) {
        return new SequenceDefinition(type, start, increment, minValue, maxValue, cache, cycle, column);
    }
}
