package io.millrace.server.session;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.batch.Consolidation;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.Field;
import io.millrace.executor.type.RowSchema;
import io.millrace.server.engine.CancelToken;
import io.millrace.server.engine.Subscription;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A subscription's updates as rows a client reads: {@code mr_timestamp}, {@code mr_progressed}
 * (with PROGRESS), {@code mr_diff}, then the query's columns, in wire form.
 */
final class SubscriptionRows {
    private static final long POLL_MILLIS = 100;

    private final Subscription subscription;
    private final Deque<Object[]> buffered = new ArrayDeque<>();

    SubscriptionRows(Subscription subscription) {
        this.subscription = subscription;
    }

    static RowSchema schema(RowSchema query, boolean progress) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("mr_timestamp", DataType.BIGINT, false));
        if (progress) {
            fields.add(new Field("mr_progressed", DataType.BOOLEAN, false));
        }
        fields.add(new Field("mr_diff", DataType.BIGINT, true));
        for (Field f : query.fields()) {
            fields.add(new Field(f.name(), f.type(), true));
        }
        return new RowSchema(fields);
    }

    /**
     * Up to {@code max} rows: waits for the first (at most {@code timeoutMillis}, or without limit
     * when negative), then takes only what is already there.
     */
    List<Object[]> take(long max, long timeoutMillis, CancelToken cancel) {
        long deadline = timeoutMillis < 0 ? Long.MAX_VALUE : System.currentTimeMillis() + timeoutMillis;
        List<Object[]> out = new ArrayList<>();
        try {
            while (buffered.isEmpty()) {
                cancel.check();
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return out;
                }
                Subscription.Update u = subscription.poll(Math.min(POLL_MILLIS, left));
                if (u != null) {
                    buffer(u);
                }
            }
            Subscription.Update u;
            while (buffered.size() < max && (u = subscription.pollNow()) != null) {
                buffer(u);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MillraceException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
        while (!buffered.isEmpty() && out.size() < max) {
            out.add(buffered.poll());
        }
        return out;
    }

    private void buffer(Subscription.Update u) {
        RowSchema q = subscription.schema();
        boolean progress = subscription.emitsProgress();
        int width = q.size() + (progress ? 3 : 2);
        if (u.progress()) {
            Object[] row = new Object[width];
            row[0] = u.timestamp();
            row[1] = true;
            buffered.add(row);
            return;
        }
        for (Consolidation.WeightedRow w : u.rows()) {
            Object[] row = new Object[width];
            int i = 0;
            row[i++] = u.timestamp();
            if (progress) {
                row[i++] = false;
            }
            row[i++] = w.weight();
            Object[] wire = PgTypes.toWire(w.values(), q);
            System.arraycopy(wire, 0, row, i, wire.length);
            buffered.add(row);
        }
    }
}
