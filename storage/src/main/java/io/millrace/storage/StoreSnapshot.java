package io.millrace.storage;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Snapshot;

/**
 * A consistent view of the store as of one commit. Because each timestamp commits in a single
 * write batch, a snapshot never shows half of a timestamp.
 */
public final class StoreSnapshot implements AutoCloseable {
    private final RocksDB db;
    private final Snapshot snapshot;
    private final ReadOptions readOptions;

    StoreSnapshot(RocksDB db) {
        this.db = db;
        this.snapshot = db.getSnapshot();
        this.readOptions = new ReadOptions().setSnapshot(snapshot);
    }

    public byte[] get(byte[] key) {
        try {
            return db.get(readOptions, key);
        } catch (RocksDBException e) {
            throw new MillraceException(SqlState.IO_ERROR, "read from storage failed: " + e.getMessage(), e);
        }
    }

    public KeyValueIterator scan(byte[] prefix) {
        return new KeyValueIterator(db, snapshot, prefix);
    }

    @Override
    public void close() {
        readOptions.close();
        db.releaseSnapshot(snapshot);
    }
}
