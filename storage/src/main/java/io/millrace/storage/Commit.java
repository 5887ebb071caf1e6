package io.millrace.storage;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Every durable effect of one logical timestamp: table changes, view deltas, operator state and
 * catalog changes, applied together by {@link Store#write(Commit)}.
 */
public final class Commit implements AutoCloseable {
    private final WriteBatch batch = new WriteBatch();
    private int operations;

    Commit() {
    }

    WriteBatch batch() {
        return batch;
    }

    public void put(byte[] key, byte[] value) {
        try {
            batch.put(key, value);
            operations++;
        } catch (RocksDBException e) {
            throw new MillraceException(SqlState.IO_ERROR, "write batch put failed: " + e.getMessage(), e);
        }
    }

    public void delete(byte[] key) {
        try {
            batch.delete(key);
            operations++;
        } catch (RocksDBException e) {
            throw new MillraceException(SqlState.IO_ERROR, "write batch delete failed: " + e.getMessage(), e);
        }
    }

    /** Deletes every key starting with {@code prefix} with one range deletion (see {@link Store#deletePrefix}). */
    void deleteRange(byte[] prefix) {
        byte[] end = OrderedBytes.prefixEnd(prefix);
        if (end == null) {
            throw new IllegalArgumentException("cannot delete the whole key space");
        }
        try {
            batch.deleteRange(prefix, end);
            operations++;
        } catch (RocksDBException e) {
            throw new MillraceException(SqlState.IO_ERROR, "write batch delete failed: " + e.getMessage(), e);
        }
    }

    /** Number of operations added so far. */
    public int size() {
        return operations;
    }

    @Override
    public void close() {
        batch.close();
    }
}
