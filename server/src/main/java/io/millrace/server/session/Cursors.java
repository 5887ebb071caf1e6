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
    /** Open cursors by name, in the order they were declared. */
    private final Map<String, Declared> open = new LinkedHashMap<>();
    /** How many cursors the session has declared, open or not. */
    private long declared;

    /** A named position in a result. */
    interface Cursor {
        List<ResultColumn> columns();

        /** Up to {@code count} rows (all when {@code count} < 0), in wire form. */
        List<Object[]> fetch(long count, long timeoutMillis, CancelToken cancel);

        void close();
    }

    /** An open cursor, what pg_cursors shows of it, and how many cursors the session declared before it. */
    private record Declared(Cursor cursor, SystemCatalog.Cursor description, long number) {
    }

    /** Opens {@code cursor}, declared by {@code statement} (as pg_cursors shows it). */
    void add(String name, Cursor cursor, String statement, boolean holdable) {
        if (open.containsKey(name)) {
            cursor.close();
            throw new MillraceException(SqlState.DUPLICATE_CURSOR, "cursor \"" + name + "\" already exists");
        }
        open.put(name, new Declared(cursor, new SystemCatalog.Cursor(name, statement, holdable, Instant.now()),
                declared++));
    }

    /** The open cursor {@code name}, or null. */
    Cursor find(String name) {
        Declared d = open.get(name);
        return d == null ? null : d.cursor();
    }

    Cursor get(String name) {
        Cursor c = find(name);
        if (c == null) {
            throw new MillraceException(SqlState.INVALID_CURSOR_NAME, "cursor \"" + name + "\" does not exist");
        }
        return c;
    }

    /** The open cursors, in the order they were declared. */
    List<SystemCatalog.Cursor> describe() {
        return open.values().stream().map(Declared::description).toList();
    }

    /** How many cursors the session has declared so far (a savepoint remembers it). */
    long declaredCount() {
        return declared;
    }

    void close(String name) {
        get(name).close();
        open.remove(name);
    }

    /** Closes the cursors declared after the first {@code count} (ROLLBACK TO a savepoint, as PostgreSQL does). */
    void closeDeclaredSince(long count) {
        open.values().removeIf(d -> {
            if (d.number() < count) {
                return false;
            }
            d.cursor().close();
            return true;
        });
    }

    void closeAll() {
        closeDeclaredSince(0);
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
