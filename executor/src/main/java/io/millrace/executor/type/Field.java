package io.millrace.executor.type;

import static java.util.Objects.requireNonNull;

/** A named, typed column of a relation or of a plan node's output. */
public record Field(String name, DataType type, boolean nullable) {
    public Field {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }

    public Field withName(String newName) {
        return new Field(newName, type, nullable);
    }
}
