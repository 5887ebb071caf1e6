package io.millrace.server.session;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.batch.BatchBuilder;
import io.millrace.executor.batch.ChangeBatch;
import io.millrace.executor.expr.Casts;
import io.millrace.executor.expr.Scalars;
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
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlNode;

/**
 * INSERT, UPDATE and DELETE. Each runs its source query over the current rows under the
 * coordinator's lock, turns the result into table changes (new rows at +1, removed rows at -1, an
 * update as both), and commits them with their effects on every view. In a transaction block the
 * statements are kept and run again together at COMMIT.
 */
final class WriteStatements {
    private final Session session;

    /** A write waiting for its transaction to commit. */
    record PendingWrite(String sql, List<PgType> hints, List<Object> wireParameters) {
    }

    WriteStatements(Session session) {
        this.session = session;
    }

    PgPreparedStatement prepare(String sql, SqlNode node, List<PgType> hints) {
        PreparedModify m = session.planner().prepareModify(sql, node, QueryStatements.hintTypes(hints));
        List<PgType> paramTypes = m.source().parameterTypes().stream().map(PgTypes::pgType).toList();
        return new PreparedStatementImpl(paramTypes, List.of(), params -> new StatementPortal(List.of(), () -> {
            if (session.transaction.isOpen()) {
                // Counted now against committed data; applied at COMMIT.
                long n = session.server.coordinator().dryRun(ctx -> apply(ctx, m, params, false));
                session.transaction.writes().add(new PendingWrite(sql, paramTypes, params));
                return Outcome.command(tag(m, n));
            }
            long n = session.server.coordinator().write(ctx -> apply(ctx, m, params, true));
            return Outcome.command(tag(m, n));
        }));
    }

    private static String tag(PreparedModify m, long n) {
        return switch (m.kind()) {
            case INSERT -> "INSERT 0 " + n;
            case UPDATE -> "UPDATE " + n;
            case DELETE -> "DELETE " + n;
        };
    }

    /** Applies the writes held by the session's transaction, at one timestamp. */
    void commitTransaction() {
        List<PendingWrite> pending = List.copyOf(session.transaction.writes());
        if (pending.isEmpty()) {
            return;
        }
        session.server.coordinator().write(ctx -> {
            for (PendingWrite w : pending) {
                SqlNode node = io.millrace.parser.MillraceParser.parseStatements(w.sql()).get(0).node();
                PreparedModify m = session.planner().prepareModify(w.sql(), node, QueryStatements.hintTypes(w.hints()));
                apply(ctx, m, w.wireParameters(), true);
            }
            return null;
        });
    }

    /** Computes and records the table changes of one statement; returns the row count. */
    long apply(WriteContext ctx, PreparedModify m, List<Object> wireParams, boolean record) {
        List<Object> params = QueryStatements.internalParameters(wireParams, m.source().parameterTypes());
        QueryPlan plan = m.source().plan(params, PlanPurpose.ONE_SHOT);
        QueryResult source = ctx.query(plan, session.zone(), session.cancel);
        RelationInfo target = m.target();
        RowSchema columns = target.columns();
        RowSchema produced = source.schema();
        BatchBuilder changes = new BatchBuilder(columns, Math.max(4, source.rows().size()));
        long count = 0;
        switch (m.kind()) {
            case INSERT -> {
                for (Object[] row : source.rows()) {
                    Object[] r = new Object[columns.size()];
                    for (int i = 0; i < r.length; i++) {
                        r[i] = assign(row[i], produced.type(i), columns.field(i), target.name());
                    }
                    changes.addRow(r, 1);
                    count++;
                }
            }
            case DELETE -> {
                for (Object[] row : source.rows()) {
                    changes.addRow(sameTypes(row, produced, columns), -1);
                    count++;
                }
            }
            case UPDATE -> {
                List<Integer> updated = new ArrayList<>();
                for (String name : m.updateColumns()) {
                    updated.add(columns.names().indexOf(name));
                }
                for (Object[] row : source.rows()) {
                    Object[] old = sameTypes(row, produced, columns);
                    Object[] next = old.clone();
                    for (int j = 0; j < updated.size(); j++) {
                        int c = updated.get(j);
                        int src = columns.size() + j;
                        next[c] = assign(row[src], produced.type(src), columns.field(c), target.name());
                    }
                    changes.addRow(old, -1);
                    changes.addRow(next, 1);
                    count++;
                }
            }
        }
        if (record) {
            ChangeBatch batch = changes.build(ctx.allocator());
            ctx.changeTable(target.id(), List.of(batch));
        }
        return count;
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
