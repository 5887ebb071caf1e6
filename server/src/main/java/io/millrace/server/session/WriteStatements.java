package io.millrace.server.session;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.batch.BatchBuilder;
import io.millrace.executor.expr.Casts;
import io.millrace.executor.expr.Scalars;
import io.millrace.executor.relation.StoredRelation;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.Field;
import io.millrace.executor.type.RowSchema;
import io.millrace.executor.type.TypeKind;
import io.millrace.pgwire.PgPreparedStatement;
import io.millrace.pgwire.PgType;
import io.millrace.planner.PlanPurpose;
import io.millrace.planner.PreparedModify;
import io.millrace.planner.QueryPlan;
import io.millrace.planner.RelationInfo;
import io.millrace.server.engine.QueryResult;
import io.millrace.server.engine.WriteContext;
import io.millrace.storage.OrderedBytes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import io.millrace.parser.ddl.SqlReturning;
import io.millrace.pgwire.ResultColumn;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;

/**
 * INSERT, UPDATE and DELETE. Each runs its source query over the current rows under the
 * coordinator's lock, turns the result into table changes (new rows at +1, removed rows at -1, an
 * update as both), and commits them with their effects on every view. In a transaction block the
 * statements are kept and run again together at COMMIT.
 */
final class WriteStatements {
    private final Session session;

    /** A prepared INSERT, UPDATE or DELETE. */
    interface Write {
        List<DataType> parameterTypes();

        String tag(long rows);

        /** The table written to. */
        RelationInfo target();

        /** Whether it only inserts rows (which do not depend on when it is applied). */
        boolean inserts();

        /**
         * Computes the statement's table changes (recording them unless {@code record} is false);
         * returns the rows inserted, the new values of rows updated, or the rows deleted.
         */
        List<Object[]> apply(WriteContext ctx, List<Object> wireParameters, Session session, boolean record);
    }

    /** A write waiting for its transaction to commit. */
    record PendingWrite(Write write, List<Object> wireParameters) {
    }

    WriteStatements(Session session) {
        this.session = session;
    }

    PgPreparedStatement prepare(String sql, SqlNode node, List<PgType> hints) {
        SqlNode dml = node instanceof SqlReturning r ? r.dml() : node;
        List<DataType> hintTypes = QueryStatements.hintTypes(hints);
        Write write = dml instanceof SqlInsert insert
                ? ValuesInsert.tryCreate(insert, session.server.catalog().current(), session.searchPath(), hintTypes) : null;
        if (write == null) {
            write = new PlannedWrite(session.planner().prepareModify(sql, dml, hintTypes));
        }
        Write w = write;
        Returning returning = node instanceof SqlReturning r ? Returning.prepare(session, sql, r, w.target()) : null;
        List<PgType> paramTypes = w.parameterTypes().stream().map(PgTypes::pgType).toList();
        List<ResultColumn> resultColumns = returning == null ? List.of() : PgTypes.columns(returning.schema());
        return new PreparedStatementImpl(paramTypes, resultColumns, params -> new StatementPortal(resultColumns, () -> {
            List<Object[]> rows;
            if (session.transaction.isOpen()) {
                // Computed now over the block's own earlier writes, kept in its overlay; applied at COMMIT.
                var coordinator = session.server.coordinator();
                rows = coordinator.dryRunOver(session.transaction.overlay(coordinator::newOverlay),
                        ctx -> w.apply(ctx, params, session, true));
                // Inserted rows are kept as computed, so COMMIT stores what RETURNING showed: their
                // defaults (nextval, gen_random_uuid(), now()) are not drawn again.
                session.transaction.writes().add(w.inserts() ? new PendingWrite(new InsertedRows(w.target(), rows),
                        List.of()) : new PendingWrite(w, params));
            } else {
                rows = session.server.coordinator().write(ctx -> w.apply(ctx, params, session, true));
            }
            if (returning == null) {
                return Outcome.command(w.tag(rows.size()));
            }
            String tag = w.tag(0);
            return new Outcome.Rows(returning.compute(rows), tag.substring(0, tag.lastIndexOf(' ')), List.of());
        }));
    }

    /** Applies the writes held by the session's transaction, at one timestamp. */
    void commitTransaction() {
        List<PendingWrite> pending = List.copyOf(session.transaction.writes());
        if (pending.isEmpty()) {
            return;
        }
        session.server.coordinator().write(ctx -> {
            for (PendingWrite w : pending) {
                w.write().apply(ctx, w.wireParameters(), session, true);
            }
            return null;
        });
    }

    /** Rows an INSERT in a transaction block computed, applied as they are at COMMIT. */
    private record InsertedRows(RelationInfo target, List<Object[]> rows) implements Write {
        @Override
        public List<DataType> parameterTypes() {
            return List.of();
        }

        @Override
        public String tag(long n) {
            return "INSERT 0 " + n;
        }

        @Override
        public boolean inserts() {
            return true;
        }

        @Override
        public List<Object[]> apply(WriteContext ctx, List<Object> wireParameters, Session session, boolean record) {
            BatchBuilder batch = new BatchBuilder(target.columns(), Math.max(1, rows.size()));
            for (Object[] row : rows) {
                batch.addRow(row, 1);
            }
            if (record) {
                ctx.changeTable(target.id(), List.of(batch.build(ctx.allocator())), session.zone());
            }
            return rows;
        }
    }

    /** A write the planner planned: its source query gives the rows to add, remove or change. */
    private static final class PlannedWrite implements Write {
        private final PreparedModify modify;

        PlannedWrite(PreparedModify modify) {
            this.modify = modify;
        }

        @Override
        public List<DataType> parameterTypes() {
            return modify.source().parameterTypes();
        }

        @Override
        public RelationInfo target() {
            return modify.target();
        }

        @Override
        public boolean inserts() {
            return modify.kind() == PreparedModify.Kind.INSERT;
        }

        @Override
        public String tag(long n) {
            return switch (modify.kind()) {
                case INSERT -> "INSERT 0 " + n;
                case UPDATE -> "UPDATE " + n;
                case DELETE -> "DELETE " + n;
            };
        }

        @Override
        public List<Object[]> apply(WriteContext ctx, List<Object> wireParams, Session session, boolean record) {
            return WriteStatements.apply(ctx, modify, wireParams, session, record);
        }
    }

    /** Computes and records the table changes of one planned statement; returns the rows it wrote (see Write). */
    static List<Object[]> apply(WriteContext ctx, PreparedModify m, List<Object> wireParams, Session session,
            boolean record) {
        PreparedModify mm = m;
        List<Object> params = QueryStatements.internalParameters(wireParams, m.source().parameterTypes());
        QueryPlan plan = m.source().plan(params, PlanPurpose.ONE_SHOT);
        QueryResult source = ctx.query(plan, session.zone(), session.sequences, session.cancel);
        RelationInfo target = mm.target();
        RowSchema columns = target.columns();
        RowSchema produced = source.schema();
        BatchBuilder changes = new BatchBuilder(columns, Math.max(4, source.rows().size()));
        List<Object[]> written = new ArrayList<>(source.rows().size());
        switch (mm.kind()) {
            case INSERT -> {
                for (Object[] row : source.rows()) {
                    Object[] r = new Object[columns.size()];
                    for (int i = 0; i < r.length; i++) {
                        r[i] = assign(row[i], produced.type(i), columns.field(i), target.name());
                    }
                    changes.addRow(r, 1);
                    written.add(r);
                }
            }
            case DELETE -> {
                for (Object[] row : source.rows()) {
                    Object[] old = sameTypes(row, produced, columns);
                    changes.addRow(old, -1);
                    written.add(old);
                }
            }
            case UPDATE -> {
                List<Integer> updated = new ArrayList<>();
                for (String name : mm.updateColumns()) {
                    updated.add(columns.names().indexOf(name));
                }
                // Each row's keys are checked as it is updated, as PostgreSQL does, so the order
                // matters: rows go in the order they are stored in (PostgreSQL's is the order it
                // reads them, usually insertion order), not the query's, which varies with workers.
                StoredRelation stored = ctx.relation(target.id());
                List<Update> updates = new ArrayList<>(source.rows().size());
                for (Object[] row : source.rows()) {
                    Object[] old = sameTypes(row, produced, columns);
                    Object[] next = old.clone();
                    for (int j = 0; j < updated.size(); j++) {
                        int c = updated.get(j);
                        int src = columns.size() + j;
                        next[c] = assign(row[src], produced.type(src), columns.field(c), target.name());
                    }
                    updates.add(new Update(stored.storageKey(old), old, next));
                }
                updates.sort((a, b) -> OrderedBytes.compare(a.storageKey(), b.storageKey()));
                for (Update u : updates) {
                    changes.addRow(u.old(), -1);
                    changes.addRow(u.next(), 1);
                    written.add(u.next());
                }
            }
        }
        if (record) {
            ctx.changeTable(target.id(), List.of(changes.build(ctx.allocator())), session.zone());
        }
        return written;
    }

    /** A row an UPDATE changes: where it is stored, its values, and its new values. */
    private record Update(byte[] storageKey, Object[] old, Object[] next) {
    }

    /** The stored row values of a row the source query read from the table (types already match). */
    private static Object[] sameTypes(Object[] row, RowSchema produced, RowSchema columns) {
        Object[] out = new Object[columns.size()];
        for (int i = 0; i < out.length; i++) {
            DataType from = produced.type(i);
            DataType to = columns.type(i);
            out[i] = row[i] == null || from.physical() == to.physical() ? row[i]
                    : Casts.converter(from, to, java.time.ZoneOffset.UTC).convert(row[i]);
        }
        return out;
    }

    /** A value being stored into a column: converted, checked against NOT NULL and the type's limits. */
    static Object assign(Object v, DataType from, Field column, String table) {
        if (v == null) {
            if (!column.nullable()) {
                throw new MillraceException(SqlState.NOT_NULL_VIOLATION, "null value in column \"" + column.name()
                        + "\" of relation \"" + table + "\" violates not-null constraint");
            }
            return null;
        }
        DataType to = column.type();
        Object out = v;
        if (from.kind() != to.kind() && !(from.kind().isString() && to.kind().isString())) {
            out = Casts.converter(from, to, java.time.ZoneOffset.UTC).convert(v);
        }
        if (to.kind() == TypeKind.NUMERIC) {
            return Scalars.applyNumericTypmod((BigDecimal) out, to, true);
        }
        if (to.kind().isString()) {
            return Casts.stringTypmod((String) out, to, false);
        }
        if (to.kind().isInteger()) {
            return Scalars.checkRange((Long) out, to.kind());
        }
        return out;
    }
}
