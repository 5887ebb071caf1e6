package io.millrace.server.session;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.pgwire.ResultColumn;
import io.millrace.server.catalog.SystemCatalog;
import io.millrace.server.engine.CancelToken;
import io.millrace.server.engine.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A session's open cursors (DECLARE ... CURSOR FOR a query or a SUBSCRIBE). */
final class Cursors {
    private final Map<String, Cursor> open = new LinkedHashMap<>();
    private final Map<String, SystemCatalog.Cursor> described = new LinkedHashMap<>();

    /** A named position in a result. */
    interface Cursor {
        List<ResultColumn> columns();

        /** Up to {@code count} rows (all when {@code count} < 0), in wire form. */
        List<Object[]> fetch(long count, long timeoutMillis, CancelToken cancel);

        void close();
    }

    /** Opens {@code cursor}, declared by {@code statement} (as pg_cursors shows it). */
    void add(String name, Cursor cursor, String statement, boolean holdable) {
        if (open.containsKey(name)) {
            cursor.close();
            throw new MillraceException(SqlState.DUPLICATE_CURSOR, "cursor \"" + name + "\" already exists");
        }
        open.put(name, cursor);
        described.put(name, new SystemCatalog.Cursor(name, statement, holdable, Instant.now()));
    }

    /** The open cursor {@code name}, or null. */
    Cursor find(String name) {
        return open.get(name);
    }

    Cursor get(String name) {
        Cursor c = open.get(name);
        if (c == null) {
            throw new MillraceException(SqlState.INVALID_CURSOR_NAME, "cursor \"" + name + "\" does not exist");
        }
        return c;
    }

    /** The open cursors, in the order they were declared. */
    List<SystemCatalog.Cursor> describe() {
        return List.copyOf(described.values());
    }

    void close(String name) {
        get(name).close();
        open.remove(name);
        described.remove(name);
    }

    void closeAll() {
        for (Cursor c : open.values()) {
            c.close();
        }
        open.clear();
        described.clear();
    }

    /** A cursor over a query result computed when declared. */
    static final class QueryCursor implements Cursor {
        private final List<ResultColumn> columns;
        private final List<Object[]> rows;
        private int position;

        QueryCursor(List<ResultColumn> columns, List<Object[]> rows) {
            this.columns = columns;
            this.rows = rows;
        }

        @Override
        public List<ResultColumn> columns() {
            return columns;
        }

        @Override
        public List<Object[]> fetch(long count, long timeoutMillis, CancelToken cancel) {
            int end = count < 0 ? rows.size() : (int) Math.min(rows.size(), position + count);
            List<Object[]> out = new ArrayList<>(rows.subList(position, end));
            position = end;
            return out;
        }

        @Override
        public void close() {
        }
    }

    /**
     * A cursor over a subscription. FETCH waits until at least one row is there (or the timeout
     * passes), then returns what is there without waiting more.
     */
    static final class SubscribeCursor implements Cursor {
        private final List<ResultColumn> columns;
        private final Subscription subscription;
        private final SubscriptionRows rows;

        SubscribeCursor(List<ResultColumn> columns, Subscription subscription) {
            this.columns = columns;
            this.subscription = subscription;
            this.rows = new SubscriptionRows(subscription);
        }

        @Override
        public List<ResultColumn> columns() {
            return columns;
        }

        @Override
        public List<Object[]> fetch(long count, long timeoutMillis, CancelToken cancel) {
            return rows.take(count < 0 ? Long.MAX_VALUE : count, timeoutMillis, cancel);
        }

        @Override
        public void close() {
            subscription.close();
        }
    }
}
