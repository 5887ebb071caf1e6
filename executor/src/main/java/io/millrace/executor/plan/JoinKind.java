package io.millrace.executor.plan;

/** How a join treats rows without a match. SEMI and ANTI output the left row only. */
public enum JoinKind {
    INNER, LEFT, FULL, SEMI, ANTI;

    /** Whether left rows without a match appear, padded with NULLs. */
    public boolean keepsUnmatchedLeft() {
        return this == LEFT || this == FULL;
    }

    public boolean keepsUnmatchedRight() {
        return this == FULL;
    }

    /** Whether the output has the right side's columns. */
    public boolean outputsRight() {
        return this != SEMI && this != ANTI;
    }
}
