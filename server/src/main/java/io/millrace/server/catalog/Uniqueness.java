package io.millrace.server.catalog;

/** What an index requires of its table's rows. */
public enum Uniqueness {
    /** Nothing: the index is a catalog entry only. */
    NONE,
    /** Its columns' values are unique among rows without a NULL in them (CREATE UNIQUE INDEX). */
    UNIQUE_INDEX,
    /** As UNIQUE_INDEX, for the UNIQUE constraint of the same name (CREATE TABLE ... UNIQUE). */
    UNIQUE_CONSTRAINT;

    public boolean isUnique() {
        return this != NONE;
    }
}
