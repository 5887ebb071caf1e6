package io.millrace.planner;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.rel.core.TableModify;

/**
 * A validated INSERT, UPDATE or DELETE: the query producing its rows, and the target table.
 * INSERT's source yields full rows in table column order; DELETE's yields the rows to remove;
 * UPDATE's yields each old row followed by the new values of {@code updateColumns}.
 */
public record PreparedModify(PreparedQuery source, Kind kind, RelationInfo target, List<String> updateColumns) {
    /** The kind of change. */
    public enum Kind {
        INSERT, UPDATE, DELETE
    }

    public PreparedModify {
        requireNonNull(source, "source is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(target, "target is null");
        updateColumns = List.copyOf(updateColumns);
    }

    PreparedModify(PreparedQuery source, TableModify.Operation operation, RelationInfo target, List<String> updateColumns) {
        this(source, switch (operation) {
            case INSERT -> Kind.INSERT;
            case UPDATE -> Kind.UPDATE;
            case DELETE -> Kind.DELETE;
            default -> throw new io.millrace.common.MillraceException(io.millrace.common.SqlState.FEATURE_NOT_SUPPORTED,
                    "MERGE is not supported");
        }, target, updateColumns);
    }
}
