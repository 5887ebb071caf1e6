package io.millrace.storage;

import static java.util.Objects.requireNonNull;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one RocksDB database of a Millrace server. Everything durable lives here under the key
 * layout of {@link Keys}; every change is applied through a {@link Commit}, one atomic and
 * synced write batch per logical timestamp.
 */
public final class Store implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Store.class);

    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final LRUCache blockCache;
    private final Options options;
    private final RocksDB db;
    private final WriteOptions syncWrite;
    private final ReadOptions latestRead;

    private Store(Path dir, long blockCacheBytes) {
        this.dir = dir;
        this.blockCache = new LRUCache(blockCacheBytes);
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(blockCache)
                .setBlockSize(16 * 1024)
                .setCacheIndexAndFilterBlocks(true);
        this.options = new Options()
                .setCreateIfMissing(true)
                .setTableFormatConfig(table)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setMaxBackgroundJobs(2);
        try {
            this.db = RocksDB.open(options, dir.toString());
        } catch (RocksDBException e) {
            blockCache.close();
            options.close();
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("lock") || msg.contains("LOCK")) {
                throw new MillraceException(SqlState.OBJECT_IN_USE,
                        "data directory " + dir.toAbsolutePath()
                                + " is in use by another Millrace server (RocksDB lock held)", e);
            }
            throw new MillraceException(SqlState.IO_ERROR, "cannot open data directory " + dir + ": " + msg, e);
        }
        this.syncWrite = new WriteOptions().setSync(true);
        this.latestRead = new ReadOptions();
        LOG.info("opened store at {}", dir.toAbsolutePath());
    }

    /** Opens (creating if needed) the database in {@code dir}. */
    public static Store open(Path dir, long blockCacheBytes) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new MillraceException(SqlState.IO_ERROR, "cannot create data directory " + dir + ": " + e, e);
        }
        return new Store(dir, blockCacheBytes);
    }

    public Path directory() {
        return dir;
    }

    /** A new, empty write batch. */
    public Commit newCommit() {
        return new Commit();
    }

    /** Applies the batch atomically and waits until it is durable on disk. */
    public void write(Commit commit) {
        requireNonNull(commit, "commit is null");
        try {
            db.write(syncWrite, commit.batch());
        } catch (RocksDBException e) {
            throw new MillraceException(SqlState.IO_ERROR, "write to storage failed: " + e.getMessage(), e);
        }
    }

    /**
     * Adds to {@code commit} the deletion of every key starting with {@code prefix}. Few keys are
     * deleted one by one: a range deletion would leave a tombstone that every later iterator has
     * to consider, and thousands of dropped views would make each read slower.
     */
    public void deletePrefix(Commit commit, byte[] prefix) {
        List<byte[]> keys = new ArrayList<>();
        try (KeyValueIterator it = scan(prefix)) {
            while (it.next()) {
                if (keys.size() == POINT_DELETE_LIMIT) {
                    commit.deleteRange(prefix);
                    return;
                }
                keys.add(it.key());
            }
        }
        for (byte[] k : keys) {
            commit.delete(k);
        }
    }

    private static final int POINT_DELETE_LIMIT = 10_000;

    /**
     * About how many bytes the keys starting with {@code prefix} take, in files and in memory
     * (RocksDB's estimate, from file index blocks: cheap, and approximate).
     */
    public long approximateSize(byte[] prefix) {
        byte[] end = OrderedBytes.prefixEnd(prefix);
        if (end == null) {
            throw new IllegalArgumentException("a prefix of the whole key space");
        }
        try (org.rocksdb.Slice from = new org.rocksdb.Slice(prefix); org.rocksdb.Slice to = new org.rocksdb.Slice(end)) {
            return db.getApproximateSizes(List.of(new org.rocksdb.Range(from, to)),
                    org.rocksdb.SizeApproximationFlag.INCLUDE_FILES, org.rocksdb.SizeApproximationFlag.INCLUDE_MEMTABLES)[0];
        }
    }

    /** The latest committed value of {@code key}, or null. */
    public byte[] get(byte[] key) {
        try {
            return db.get(latestRead, key);
        } catch (RocksDBException e) {
            throw new MillraceException(SqlState.IO_ERROR, "read from storage failed: " + e.getMessage(), e);
        }
    }

    /** Iterates the latest committed keys starting with {@code prefix}, in key order. */
    public KeyValueIterator scan(byte[] prefix) {
        return new KeyValueIterator(db, null, prefix);
    }

    /** A consistent read view of everything committed so far. */
    public StoreSnapshot snapshot() {
        return new StoreSnapshot(db);
    }

    @Override
    public void close() {
        latestRead.close();
        syncWrite.close();
        try {
            db.syncWal();
        } catch (RocksDBException e) {
            LOG.warn("WAL sync at close failed: {}", e.getMessage());
        }
        db.close();
        options.close();
        blockCache.close();
        LOG.info("closed store at {}", dir.toAbsolutePath());
    }
}
