package io.millrace.server.engine;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.batch.ChangeBatch;
import io.millrace.executor.batch.Consolidation;
import io.millrace.executor.dataflow.Dataflow;
import io.millrace.executor.type.RowSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * A query kept running for one client: after each commit that changes its inputs, its net output
 * changes are queued with their timestamp. With progress enabled, a marker with no rows says that
 * every change before its timestamp has been queued.
 */
public final class Subscription implements AutoCloseable {
    private final long id;
    private final Dataflow dataflow;
    private final RowSchema schema;
    private final boolean progress;
    private final BlockingDeque<Update> queue = new LinkedBlockingDeque<>();
    private volatile MillraceException failure;
    private volatile boolean closed;

    /** Changes at one timestamp; an empty {@code rows} with {@code progress} is a progress marker. */
    public record Update(long timestamp, List<Consolidation.WeightedRow> rows, boolean progress) {
    }

    Subscription(long id, Dataflow dataflow, RowSchema schema, boolean progress) {
        this.id = id;
        this.dataflow = dataflow;
        this.schema = schema;
        this.progress = progress;
    }

    public long id() {
        return id;
    }

    public RowSchema schema() {
        return schema;
    }

    public boolean emitsProgress() {
        return progress;
    }

    Dataflow dataflow() {
        return dataflow;
    }

    boolean isClosed() {
        return closed;
    }

    /** Queues the first output (the snapshot, if wanted). */
    void emit(long timestamp, List<Consolidation.WeightedRow> rows) {
        if (!rows.isEmpty()) {
            queue.add(new Update(timestamp, rows, false));
        }
    }

    /** Runs the changes of one committed timestamp through the query; called by the coordinator. */
    void advance(long timestamp, Map<Long, List<ChangeBatch>> changes) {
        if (closed || failure != null) {
            return;
        }
        try {
            List<ChangeBatch> out = dataflow.step(changes);
            try {
                emit(timestamp, Consolidation.rows(out));
            } finally {
                out.forEach(ChangeBatch::close);
            }
        } catch (MillraceException e) {
            failure = e;
            queue.add(new Update(timestamp, List.of(), false));
        } catch (RuntimeException e) {
            failure = new MillraceException(SqlState.INTERNAL_ERROR, "subscription failed: " + e, e);
            queue.add(new Update(timestamp, List.of(), false));
        }
    }

    /** Ends the subscription with {@code e}: a view it reads failed on the data. */
    void fail(MillraceException e) {
        if (!closed && failure == null) {
            failure = new MillraceException(e.sqlState(), e.getMessage());
            queue.add(new Update(Long.MAX_VALUE, List.of(), false));
        }
    }

    /**
     * Says that all changes before {@code timestamp} were queued. A marker still waiting behind
     * no newer data is replaced, so an idle reader does not pile up markers.
     */
    void progressed(long timestamp) {
        if (progress && !closed) {
            Update last = queue.peekLast();
            if (last != null && last.progress()) {
                queue.removeLastOccurrence(last);
            }
            queue.add(new Update(timestamp, List.of(), true));
        }
    }

    /** The next update, waiting at most {@code timeoutMillis}; null on timeout. Throws if the query failed. */
    public Update poll(long timeoutMillis) throws InterruptedException {
        Update u = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (failure != null && (u == null || u.rows().isEmpty() && !u.progress())) {
            throw failure;
        }
        return u;
    }

    /** Updates already queued, without waiting. */
    public Update pollNow() {
        Update u = queue.poll();
        if (failure != null && (u == null || u.rows().isEmpty() && !u.progress())) {
            throw failure;
        }
        return u;
    }

    @Override
    public void close() {
        closed = true;
    }
}
