package io.millrace.server.session;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.type.Field;
import io.millrace.executor.type.RowSchema;
import io.millrace.executor.type.TypeKind;
import io.millrace.parser.ddl.SqlCreateIndex;
import io.millrace.parser.ddl.SqlCreateTable;
import io.millrace.parser.ddl.SqlUniqueKey;
import io.millrace.server.catalog.CatalogEntry;
import io.millrace.server.catalog.ObjectKind;
import io.millrace.server.catalog.Uniqueness;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/**
 * What the indexes a statement defines consist of, as PostgreSQL reads them: the UNIQUE
 * constraints of CREATE TABLE, the columns of CREATE INDEX, and their catalog entries.
 */
final class IndexDefinitions {
    private IndexDefinitions() {
    }

    /** The positions of a key's columns in {@code columns}; 42703 for one the table does not have. */
    static List<Integer> keyColumns(List<String> names, RowSchema columns) {
        List<Integer> positions = new ArrayList<>();
        for (String n : names) {
            int position = columns.names().indexOf(n);
            if (position < 0) {
                throw new MillraceException(SqlState.UNDEFINED_COLUMN,
                        "column \"" + n + "\" named in key does not exist");
            }
            positions.add(position);
        }
        return positions;
    }

    /** A UNIQUE constraint of a new table: the name it was given (null: to be chosen) and its columns' positions. */
    record UniqueConstraint(String name, List<Integer> columns) {
    }

    /**
     * The UNIQUE constraints of a new table as PostgreSQL keeps them: one per list of columns (in
     * the first one's place, with the first name any of them was given), and none on the primary
     * key's columns (the primary key is unique already).
     */
    static List<UniqueConstraint> uniqueConstraints(SqlCreateTable c, RowSchema columns, List<Integer> pk) {
        List<UniqueConstraint> out = new ArrayList<>();
        for (SqlUniqueKey key : c.uniqueKeys()) {
            List<Integer> positions = keyColumns(key.columnNames(), columns);
            for (int p : positions) {
                checkIndexable(columns.field(p));
            }
            if (positions.equals(pk)) {
                continue;
            }
            int same = out.stream().map(UniqueConstraint::columns).toList().indexOf(positions);
            if (same < 0) {
                out.add(new UniqueConstraint(key.constraintName(), positions));
            } else if (out.get(same).name() == null) {
                out.set(same, new UniqueConstraint(key.constraintName(), positions));
            }
        }
        return out;
    }

    /**
     * The table's columns an index names directly, in order (42703 for one it does not have). An
     * expression is recorded as nothing, except in a unique index, which cannot enforce it (0A000).
     */
    static RowSchema indexedColumns(SqlCreateIndex c, CatalogEntry table) {
        List<Field> fields = new ArrayList<>();
        for (SqlNode item : c.items()) {
            SqlNode e = indexed(item);
            if (!(e instanceof SqlIdentifier id && id.isSimple())) {
                if (c.unique()) {
                    throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                            "unique indexes on expressions are not supported yet");
                }
                continue;
            }
            int position = table.columns().names().indexOf(id.getSimple());
            if (position < 0) {
                throw new MillraceException(SqlState.UNDEFINED_COLUMN,
                        "column \"" + id.getSimple() + "\" does not exist");
            }
            checkIndexable(table.columns().field(position));
            fields.add(table.columns().field(position));
        }
        return new RowSchema(fields);
    }

    /** The names PostgreSQL builds an unnamed index's name of: a column's, a function's, else "expr". */
    static List<String> nameParts(SqlCreateIndex c) {
        List<String> names = new ArrayList<>();
        for (SqlNode item : c.items()) {
            SqlNode e = indexed(item);
            names.add(e instanceof SqlIdentifier id ? id.names.get(id.names.size() - 1)
                    : e instanceof SqlCall call && call.getOperator() instanceof SqlFunction f
                            ? f.getName().toLowerCase(Locale.ROOT) : "expr");
        }
        return names;
    }

    /**
     * A new index's catalog entry; {@code sql} is the statement that made it, or null for a
     * constraint's index (which gets the statement pg_get_indexdef prints).
     */
    static CatalogEntry entry(long id, String name, CatalogEntry table, RowSchema indexed, String sql,
            Uniqueness uniqueness) {
        String createSql = sql != null ? sql : "CREATE UNIQUE INDEX " + name + " ON " + table.schemaName() + "."
                + table.name() + " USING btree (" + String.join(", ", indexed.names()) + ")";
        return new CatalogEntry(id, ObjectKind.INDEX, table.schemaName(), name, indexed, List.of(), createSql, null,
                Set.of(table.id()), table.id(), null, List.of(), uniqueness);
    }

    /** An index item without its DESC / NULLS FIRST / NULLS LAST (which change no index's uniqueness). */
    private static SqlNode indexed(SqlNode item) {
        while (item instanceof SqlCall call && (call.getKind() == SqlKind.DESCENDING
                || call.getKind() == SqlKind.NULLS_FIRST || call.getKind() == SqlKind.NULLS_LAST)) {
            item = call.operand(0);
        }
        return item;
    }

    /** A btree index can hold the column's values: json has no equality, so PostgreSQL refuses it (42704). */
    private static void checkIndexable(Field column) {
        if (column.type().kind() == TypeKind.JSON) {
            throw new MillraceException(SqlState.UNDEFINED_OBJECT,
                    "data type json has no default operator class for access method \"btree\"", 0, null,
                    "You must specify an operator class for the index or define a default operator class for the "
                            + "data type.", null);
        }
    }
}
