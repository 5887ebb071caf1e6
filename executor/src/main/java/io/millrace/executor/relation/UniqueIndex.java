package io.millrace.executor.relation;

import static java.util.Objects.requireNonNull;

import io.millrace.common.MillraceException;
import io.millrace.common.PgInterval;
import io.millrace.common.SqlState;
import io.millrace.executor.batch.RowCodec;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.RowSchema;
import io.millrace.executor.type.TypeKind;
import io.millrace.storage.Keys;
import io.millrace.storage.OrderedBytes;
import java.time.ZoneId;
import java.util.List;

/**
 * A unique index of a table, stored beside its rows and changed in the same commits: for every
 * row whose indexed columns are all non-null, key = {@link Keys#uniqueIndex} + the key encoding of
 * those columns, value = the row's storage key. A row with a NULL in them has no entry, so NULLs
 * never conflict, as in PostgreSQL; values PostgreSQL calls equal share a key (1.5 and 1.50, and
 * intervals of one span: '1 day' and '24 hours').
 */
public final class UniqueIndex {
    private final long id;
    private final String name;
    private final RowSchema table;
    private final List<Integer> columns;
    private final byte[] prefix;

    /**
     * @param name the index's name, which a UNIQUE constraint's index shares with the constraint
     * @param table the columns of the table it indexes
     * @param columns the indexed columns' positions in the table, in index order
     */
    public UniqueIndex(long id, String name, RowSchema table, List<Integer> columns) {
        this.id = id;
        this.name = requireNonNull(name, "name is null");
        this.table = requireNonNull(table, "table is null");
        this.columns = List.copyOf(columns);
        this.prefix = Keys.uniqueIndex(id);
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The key prefix of all this index's entries. */
    public byte[] prefix() {
        return prefix;
    }

    /** The entry key of a row of the table (internal values), or null when an indexed column is NULL. */
    byte[] key(Object[] row) {
        OrderedBytes k = new OrderedBytes().writeRaw(prefix);
        for (int c : columns) {
            Object v = row[c];
            if (v == null) {
                return null;
            }
            DataType type = table.type(c);
            if (type.kind() == TypeKind.INTERVAL) {
                k.writeString(PgInterval.heldSpan((String) v));
            } else {
                RowCodec.writeValue(k, type, v, false);
            }
        }
        return k.toArray();
    }

    /** A row being stored meets one already stored under its key. */
    MillraceException alreadyExists(Object[] row, ZoneId zone) {
        return new MillraceException(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint \""
                + name + "\"", 0, KeyDescription.of(table, columns, row, zone) + " already exists.", null, null);
    }

    /** Two stored rows share a key, so the index cannot be created. */
    MillraceException duplicated(Object[] row, ZoneId zone) {
        return new MillraceException(SqlState.UNIQUE_VIOLATION, "could not create unique index \"" + name + "\"", 0,
                KeyDescription.of(table, columns, row, zone) + " is duplicated.", null, null);
    }
}
