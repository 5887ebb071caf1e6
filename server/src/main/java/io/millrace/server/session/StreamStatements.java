package io.millrace.server.session;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.batch.BatchBuilder;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.Field;
import io.millrace.executor.type.RowSchema;
import io.millrace.parser.MillraceParser;
import io.millrace.parser.ddl.SqlCopy;
import io.millrace.parser.ddl.SqlDeclareCursor;
import io.millrace.parser.ddl.SqlFetch;
import io.millrace.parser.ddl.SqlOption;
import io.millrace.parser.ddl.SqlSubscribe;
import io.millrace.pgwire.PgPreparedStatement;
import io.millrace.pgwire.PgResult;
import io.millrace.pgwire.PgType;
import io.millrace.pgwire.ResultColumn;
import io.millrace.planner.PlanPurpose;
import io.millrace.planner.PreparedQuery;
import io.millrace.planner.QueryPlan;
import io.millrace.server.catalog.CatalogEntry;
import io.millrace.server.engine.QueryResult;
import io.millrace.server.engine.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlNode;

/** SUBSCRIBE, cursors (DECLARE, FETCH) and COPY. */
final class StreamStatements {
    private final Session session;

    StreamStatements(Session session) {
        this.session = session;
    }

    /** The query a SUBSCRIBE runs: its own, or every column of the named relation. */
    static String subscribeQuery(SqlSubscribe sub) {
        if (sub.target() != null) {
            StringBuilder sb = new StringBuilder("SELECT * FROM ");
            List<String> names = sub.target().names;
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    sb.append('.');
                }
                sb.append('"').append(names.get(i).replace("\"", "\"\"")).append('"');
            }
            return sb.toString();
        }
        return sub.queryText();
    }

    private record SubscribeOptions(boolean snapshot, boolean progress) {
    }

    private static SubscribeOptions options(SqlSubscribe sub) {
        boolean snapshot = true;
        boolean progress = false;
        for (SqlOption o : sub.options()) {
            switch (o.name().toLowerCase(Locale.ROOT)) {
                case "snapshot" -> snapshot = o.booleanValue();
                case "progress" -> progress = o.booleanValue();
                default -> throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE,
                        "unrecognized SUBSCRIBE option \"" + o.name() + "\"; known options are SNAPSHOT and PROGRESS");
            }
        }
        return new SubscribeOptions(snapshot, progress);
    }

    /** Plans a subscription; it starts when {@link Started#start()} is called. */
    private record Started(RowSchema schema, QueryPlan plan, SubscribeOptions options) {
    }

    private Started plan(SqlSubscribe sub) {
        SubscribeOptions opts = options(sub);
        String sql = subscribeQuery(sub);
        SqlNode query = sub.target() != null ? MillraceParser.parseQuery(sql) : sub.query();
        PreparedQuery q = session.planner().prepareQuery(sql, query, List.of());
        QueryPlan plan = q.plan(List.of(), PlanPurpose.MAINTAINED);
        return new Started(SubscriptionRows.schema(plan.outputSchema(), opts.progress()), plan, opts);
    }

    private Subscription start(Started s) {
        return session.server.coordinator().subscribe(s.plan(), s.options().snapshot(), s.options().progress(),
                session.zone());
    }

    /** A bare SUBSCRIBE streams its rows like COPY ... TO STDOUT until cancelled. */
    PgPreparedStatement subscribe(SqlSubscribe sub) {
        Started s = plan(sub);
        return PreparedStatementImpl.of(List.of(), () -> streamCopy(s, PgResult.CopyFormat.TEXT));
    }

    private Outcome streamCopy(Started s, PgResult.CopyFormat format) {
        Subscription subscription = start(s);
        SubscriptionRows rows = new SubscriptionRows(subscription);
        List<ResultColumn> columns = PgTypes.columns(s.schema());
        PgResult.CopyRowSource source = new PgResult.CopyRowSource() {
            private long sent;

            @Override
            public List<Object[]> next() {
                try {
                    List<Object[]> batch = new ArrayList<>();
                    while (batch.isEmpty()) {
                        batch = rows.take(1024, 1000, session.cancel);
                    }
                    sent += batch.size();
                    return batch;
                } catch (RuntimeException e) {
                    subscription.close();
                    throw e;
                }
            }

            @Override
            public String commandTag() {
                return "COPY " + sent;
            }
        };
        return new Outcome.Copy(new PgResult.CopyOut(columns, format, source, List.of()));
    }

    /**
     * DECLARE: a query cursor's query is analysed now, so its parameters ($1 ...) are the
     * statement's, bound through the extended protocol as for the query alone; it runs when the
     * DECLARE is executed, over the transaction's own writes.
     */
    PgPreparedStatement declare(SqlDeclareCursor d, String sql, List<PgType> hints) {
        if (d.isSubscribe()) {
            return PreparedStatementImpl.of(List.of(), () -> {
                requireBlock(d);
                Started s = plan((SqlSubscribe) d.query());
                Subscription sub = start(s);
                session.cursors.add(d.cursorName(), new Cursors.SubscribeCursor(PgTypes.columns(s.schema()), sub), sql,
                        d.withHold());
                return Outcome.command("DECLARE CURSOR");
            });
        }
        PreparedQuery q = session.planner().prepareQuery(d.queryText(), d.query(), QueryStatements.hintTypes(hints));
        List<PgType> parameterTypes = q.parameterTypes().stream().map(PgTypes::pgType).toList();
        return new PreparedStatementImpl(parameterTypes, List.of(), params -> {
            List<Object> internal = QueryStatements.internalParameters(params, q.parameterTypes());
            return new StatementPortal(List.of(), () -> {
                requireBlock(d);
                QueryResult result = session.queries().result(q, internal);
                session.cursors.add(d.cursorName(),
                        new Cursors.QueryCursor(PgTypes.columns(result.schema()), QueryStatements.toWire(result)), sql,
                        d.withHold());
                return Outcome.command("DECLARE CURSOR");
            });
        });
    }

    private void requireBlock(SqlDeclareCursor d) {
        if (!session.transaction.isOpen() && !d.withHold()) {
            throw new MillraceException(SqlState.NO_ACTIVE_SQL_TRANSACTION,
                    "DECLARE CURSOR can only be used in transaction blocks");
        }
    }

    PgPreparedStatement fetch(SqlFetch f) {
        Cursors.Cursor cursor = session.cursors.get(f.cursorName());
        long timeout = -1;
        SqlOption t = f.option("timeout");
        if (t != null) {
            timeout = parseTimeout(t.stringValue());
        }
        for (SqlOption o : f.options()) {
            if (!o.name().equalsIgnoreCase("timeout")) {
                throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE,
                        "unrecognized FETCH option \"" + o.name() + "\"");
            }
        }
        long wait = timeout;
        long count = f.all() ? -1 : f.count();
        return PreparedStatementImpl.of(cursor.columns(),
                () -> new Outcome.Rows(cursor.fetch(count, wait, session.cancel), "FETCH", List.of()));
    }

    private static long parseTimeout(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.matches("\\d+(\\.\\d+)?")) {
                return (long) (Double.parseDouble(s) * 1000);
            }
            return SessionSettings.parseDurationMillis("timeout", s.replace(" ", ""));
        } catch (MillraceException e) {
            throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE, "invalid FETCH timeout: " + text);
        }
    }

    // ---- COPY ------------------------------------------------------------------------------------

    PgPreparedStatement copy(SqlCopy c, String sql) {
        PgResult.CopyFormat format = copyFormat(c);
        if (c.direction() == SqlCopy.Direction.TO_STDOUT) {
            if (c.query() instanceof SqlSubscribe sub) {
                Started s = plan(sub);
                return PreparedStatementImpl.of(List.of(), () -> streamCopy(s, format));
            }
            String querySql;
            SqlNode query;
            if (c.query() != null) {
                querySql = c.queryText();
                query = c.query();
            } else {
                CatalogEntry e = session.queries().lookupRelation(c.table().names);
                List<String> cols = c.columnNames() == null || c.columnNames().isEmpty() ? e.columns().names()
                        : c.columnNames();
                querySql = "SELECT " + String.join(", ", cols.stream().map(StreamStatements::quote).toList())
                        + " FROM " + quote(e.name());
                query = MillraceParser.parseQuery(querySql);
            }
            PreparedQuery q = session.planner().prepareQuery(querySql, query, List.of());
            return PreparedStatementImpl.of(List.of(), () -> {
                QueryResult result = session.server.coordinator().query(q.plan(List.of(), PlanPurpose.ONE_SHOT),
                        session.zone(), session.sequences, session.cancel);
                List<Object[]> rows = QueryStatements.toWire(result);
                PgResult.CopyRowSource source = new PgResult.CopyRowSource() {
                    private boolean done;

                    @Override
                    public List<Object[]> next() {
                        if (done) {
                            return null;
                        }
                        done = true;
                        return rows;
                    }

                    @Override
                    public String commandTag() {
                        return "COPY " + rows.size();
                    }
                };
                return new Outcome.Copy(new PgResult.CopyOut(PgTypes.columns(result.schema()), format, source,
                        List.of()));
            });
        }
        return copyIn(c, format);
    }

    private PgPreparedStatement copyIn(SqlCopy c, PgResult.CopyFormat format) {
        CatalogEntry table = session.queries().lookupRelation(c.table().names);
        if (table.kind() != io.millrace.server.catalog.ObjectKind.TABLE) {
            throw new MillraceException(SqlState.WRONG_OBJECT_TYPE,
                    "cannot copy to " + table.kind().sqlName() + " \"" + table.name() + "\"");
        }
        List<String> names = c.columnNames() == null || c.columnNames().isEmpty() ? table.columns().names()
                : c.columnNames();
        List<Integer> positions = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        for (String n : names) {
            int idx = table.columns().names().indexOf(n);
            if (idx < 0) {
                throw new MillraceException(SqlState.UNDEFINED_COLUMN,
                        "column \"" + n + "\" of relation \"" + table.name() + "\" does not exist");
            }
            positions.add(idx);
            fields.add(table.columns().field(idx));
        }
        List<ResultColumn> columns = PgTypes.columns(new RowSchema(fields));
        // The columns COPY leaves out that have a default get it, computed for every row by one query.
        List<Integer> defaulted = new ArrayList<>();
        List<String> defaultExpressions = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            if (!positions.contains(i) && !table.columnDefault(i).isNone()) {
                defaulted.add(i);
                defaultExpressions.add(table.columnDefault(i).expression());
            }
        }
        String defaultsSql = "SELECT " + String.join(", ", defaultExpressions) + " FROM generate_series(1, $1)";
        PreparedQuery defaults = defaulted.isEmpty() ? null : session.planner().prepareQuery(defaultsSql,
                MillraceParser.parseQuery(defaultsSql), List.of(DataType.BIGINT));
        return PreparedStatementImpl.of(List.of(), () -> {
            if (session.transaction.isOpen()) {
                throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                        "COPY FROM STDIN inside a transaction block is not supported yet");
            }
            List<Object[]> received = new ArrayList<>();
            PgResult.CopyRowSink sink = new PgResult.CopyRowSink() {
                @Override
                public void accept(List<Object[]> rows) {
                    received.addAll(rows);
                }

                @Override
                public String finish() {
                    RowSchema all = table.columns();
                    long n = session.server.coordinator().write(ctx -> {
                        BatchBuilder b = new BatchBuilder(all, Math.max(4, received.size()));
                        List<Object[]> defaultRows = defaults == null ? List.of() : ctx.query(defaults.plan(
                                List.of((long) received.size()), PlanPurpose.ONE_SHOT), session.zone(),
                                session.sequences, session.cancel).rows();
                        for (int r = 0; r < received.size(); r++) {
                            Object[] wire = received.get(r);
                            Object[] row = new Object[all.size()];
                            for (int i = 0; i < positions.size(); i++) {
                                DataType t = fields.get(i).type();
                                row[positions.get(i)] = PgTypes.toInternal(wire[i], t);
                            }
                            for (int i = 0; i < defaulted.size(); i++) {
                                row[defaulted.get(i)] = defaultRows.get(r)[i];
                            }
                            for (int i = 0; i < row.length; i++) {
                                DataType from = defaulted.contains(i) ? defaults.columns().type(defaulted.indexOf(i))
                                        : all.type(i);
                                row[i] = WriteStatements.assign(row[i], from, all.field(i), table.name());
                            }
                            b.addRow(row, 1);
                        }
                        ctx.changeTable(table.id(), List.of(b.build(ctx.allocator())), session.zone());
                        return (long) received.size();
                    });
                    received.clear();
                    return "COPY " + n;
                }

                @Override
                public void abort() {
                    received.clear();
                }
            };
            return new Outcome.Copy(new PgResult.CopyIn(table.name(), columns, format, sink, List.of()));
        });
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static PgResult.CopyFormat copyFormat(SqlCopy c) {
        boolean csv = false;
        Character delimiter = null;
        String nullString = null;
        boolean header = false;
        char quote = '"';
        Character escape = null;
        for (SqlOption o : c.options()) {
            switch (o.name().toLowerCase(Locale.ROOT)) {
                case "format" -> {
                    String f = o.stringValue().toLowerCase(Locale.ROOT);
                    if (f.equals("csv")) {
                        csv = true;
                    } else if (!f.equals("text")) {
                        throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "COPY format \"" + f
                                + "\" is not supported; use text or csv");
                    }
                }
                case "csv" -> csv = true;
                case "header" -> header = o.value() == null || o.booleanValue();
                case "delimiter" -> delimiter = singleChar("DELIMITER", o.stringValue());
                case "null" -> nullString = o.stringValue();
                case "quote" -> quote = singleChar("QUOTE", o.stringValue());
                case "escape" -> escape = singleChar("ESCAPE", o.stringValue());
                default -> throw new MillraceException(SqlState.SYNTAX_ERROR,
                        "option \"" + o.name().toLowerCase(Locale.ROOT) + "\" not recognized");
            }
        }
        if (csv) {
            return new PgResult.CopyFormat(true, delimiter == null ? ',' : delimiter,
                    nullString == null ? "" : nullString, header, quote, escape == null ? quote : escape);
        }
        if (header) {
            throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "COPY HEADER available only in CSV mode");
        }
        return new PgResult.CopyFormat(false, delimiter == null ? '\t' : delimiter,
                nullString == null ? "\\N" : nullString, false, '"', '"');
    }

    private static char singleChar(String option, String value) {
        if (value == null || value.length() != 1) {
            throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                    "COPY " + option + " must be a single one-byte character");
        }
        return value.charAt(0);
    }

}
