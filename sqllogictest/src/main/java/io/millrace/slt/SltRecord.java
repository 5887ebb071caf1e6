package io.millrace.slt;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One record of a sqllogictest script. Every record knows the line it starts on and the
 * {@code skipif}/{@code onlyif} conditions written in front of it.
 */
public sealed interface SltRecord
        permits SltRecord.Statement, SltRecord.Query, SltRecord.HashThreshold, SltRecord.Halt {

    /** 1-based line of the record's header (after any condition lines). */
    int line();

    List<Condition> conditions();

    /** True when every condition of this record lets it run on {@code engine}. */
    default boolean appliesTo(String engine) {
        for (Condition c : conditions()) {
            if (!c.allows(engine)) {
                return false;
            }
        }
        return true;
    }

    /** A {@code skipif ENGINE} ({@code only == false}) or {@code onlyif ENGINE} line. */
    record Condition(boolean only, String engine) {
        public Condition {
            requireNonNull(engine, "engine is null");
        }

        public boolean allows(String label) {
            boolean same = engine.equalsIgnoreCase(label);
            return only == same;
        }
    }

    /**
     * {@code statement ok} or {@code statement error [pattern]}. The pattern (from the header line
     * or from lines after a {@code ----} separator) is kept for reports but not enforced.
     */
    record Statement(int line, List<Condition> conditions, String sql, boolean expectError, String errorPattern)
            implements SltRecord {
        public Statement {
            conditions = List.copyOf(conditions);
            requireNonNull(sql, "sql is null");
            requireNonNull(errorPattern, "errorPattern is null");
        }
    }

    /**
     * {@code query TYPES [SORT] [LABEL]}. {@code expected} holds the lines after {@code ----} as
     * written (one value per line, or one {@code N values hashing to H} line); it is {@code null}
     * when the record has no {@code ----} separator, in which case only success is checked.
     */
    record Query(int line, List<Condition> conditions, String types, SortMode sortMode, String label, String sql,
            List<String> expected) implements SltRecord {
        public Query {
            conditions = List.copyOf(conditions);
            requireNonNull(types, "types is null");
            requireNonNull(sortMode, "sortMode is null");
            requireNonNull(sql, "sql is null");
            expected = expected == null ? null : List.copyOf(expected);
        }

        public int columnCount() {
            return types.length();
        }
    }

    /** {@code hash-threshold N}: results of more than N values are compared by their MD5 hash (0 = never). */
    record HashThreshold(int line, List<Condition> conditions, int threshold) implements SltRecord {
        public HashThreshold {
            conditions = List.copyOf(conditions);
        }
    }

    /** {@code halt}: stop reading the script here (when its conditions apply). */
    record Halt(int line, List<Condition> conditions) implements SltRecord {
        public Halt {
            conditions = List.copyOf(conditions);
        }
    }
}
