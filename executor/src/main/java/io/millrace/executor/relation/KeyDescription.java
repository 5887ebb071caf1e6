package io.millrace.executor.relation;

import io.millrace.common.PgArrayText;
import io.millrace.executor.expr.Casts;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.RowSchema;
import java.time.ZoneId;
import java.util.List;

/**
 * A key's value as PostgreSQL describes it in the DETAIL of a 23505: {@code Key (a, b)=(1, x)},
 * each value in its type's text output, unquoted, a NULL as {@code null}.
 */
final class KeyDescription {
    private KeyDescription() {
    }

    /** Columns {@code columns} of {@code schema} with their values in {@code row}; timestamptz in {@code zone}. */
    static String of(RowSchema schema, List<Integer> columns, Object[] row, ZoneId zone) {
        StringBuilder names = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (int c : columns) {
            if (names.length() > 0) {
                names.append(", ");
                values.append(", ");
            }
            names.append(schema.field(c).name());
            Object v = row[c];
            values.append(text(schema.type(c), v, zone));
        }
        return "Key (" + names + ")=(" + values + ")";
    }

    /** A value as its type's output function prints it: the text a cast gives, but booleans as t and f. */
    private static String text(DataType type, Object v, ZoneId zone) {
        if (v == null) {
            return "null";
        }
        return switch (type.kind()) {
            case BOOLEAN -> (Boolean) v ? "t" : "f";
            case ARRAY -> PgArrayText.format(((List<?>) v).stream()
                    .map(e -> e == null ? null : text(type.element(), e, zone)).toList());
            default -> Casts.toText(type, zone).convert(v).toString();
        };
    }
}
