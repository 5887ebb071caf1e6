package io.millrace.storage;

import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;

/** Keys of one prefix in key order, read from the latest state or from a snapshot. Close it. */
public final class KeyValueIterator implements AutoCloseable {
    private final ReadOptions readOptions;
    private final Slice upperBound;
    private final RocksIterator it;
    private boolean started;

    KeyValueIterator(RocksDB db, Snapshot snapshot, byte[] prefix) {
        this(db, snapshot, prefix, prefix);
    }

    /** Iterates keys starting with {@code prefix}, beginning at the first key at or after {@code from}. */
    KeyValueIterator(RocksDB db, Snapshot snapshot, byte[] prefix, byte[] from) {
        this.readOptions = new ReadOptions();
        if (snapshot != null) {
            readOptions.setSnapshot(snapshot);
        }
        byte[] end = OrderedBytes.prefixEnd(prefix);
        this.upperBound = end == null ? null : new Slice(end);
        if (upperBound != null) {
            readOptions.setIterateUpperBound(upperBound);
        }
        readOptions.setPrefixSameAsStart(false);
        this.it = db.newIterator(readOptions);
        it.seek(from);
    }

    /** Advances to the next entry; false when there is none. */
    public boolean next() {
        if (started) {
            it.next();
        }
        started = true;
        return it.isValid();
    }

    public byte[] key() {
        return it.key();
    }

    public byte[] value() {
        return it.value();
    }

    @Override
    public void close() {
        it.close();
        readOptions.close();
        if (upperBound != null) {
            upperBound.close();
        }
    }
}
