package io.millrace.server.session;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.Field;
import io.millrace.parser.ddl.SqlCreateView;
import io.millrace.parser.ddl.SqlExplainStatement;
import io.millrace.parser.ddl.SqlShow;
import io.millrace.parser.ddl.SqlSubscribe;
import io.millrace.pgwire.PgPreparedStatement;
import io.millrace.pgwire.PgType;
import io.millrace.pgwire.ResultColumn;
import io.millrace.planner.PlanPurpose;
import io.millrace.planner.PreparedQuery;
import io.millrace.planner.QueryPlan;
import io.millrace.server.catalog.Catalog;
import io.millrace.server.catalog.CatalogEntry;
import io.millrace.server.catalog.ObjectKind;
import io.millrace.server.engine.QueryResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/** SELECT and other queries, EXPLAIN and SHOW. */
final class QueryStatements {
    private final Session session;

    QueryStatements(Session session) {
        this.session = session;
    }

    PgPreparedStatement prepare(String sql, SqlNode node, List<PgType> hints) {
        PreparedQuery q = session.planner().prepareQuery(sql, node, hintTypes(hints));
        List<ResultColumn> columns = PgTypes.columns(q.columns());
        List<PgType> paramTypes = q.parameterTypes().stream().map(PgTypes::pgType).toList();
        return new PreparedStatementImpl(paramTypes, columns, params -> {
            List<Object> internal = internalParameters(params, q.parameterTypes());
            return new StatementPortal(columns, () -> run(q, internal));
        });
    }

    static List<DataType> hintTypes(List<PgType> hints) {
        List<DataType> out = new ArrayList<>();
        for (PgType h : hints) {
            out.add(PgTypes.dataType(h));
        }
        return out;
    }

    static List<Object> internalParameters(List<Object> wire, List<DataType> types) {
        List<Object> out = new ArrayList<>(wire.size());
        for (int i = 0; i < wire.size(); i++) {
            out.add(PgTypes.toInternal(wire.get(i), types.get(i)));
        }
        return out;
    }

    private Outcome run(PreparedQuery q, List<Object> params) {
        return new Outcome.Rows(toWire(result(q, params)), "SELECT", List.of());
    }

    /** Runs a query once with these (internal) parameter values. */
    QueryResult result(PreparedQuery q, List<Object> params) {
        QueryPlan plan = q.plan(params, PlanPurpose.ONE_SHOT);
        io.millrace.storage.StateStore own = session.transaction.isOpen() ? session.transaction.writtenOverlay() : null;
        // Inside a block that has written, tables show its own writes (views show them at COMMIT).
        return own == null ? session.server.coordinator().query(plan, session.zone(), session.sequences, session.cancel)
                : session.server.coordinator().dryRunOver(own, ctx -> ctx.query(plan, session.zone(), session.sequences, session.cancel));
    }

    static List<Object[]> toWire(QueryResult result) {
        List<Object[]> rows = new ArrayList<>(result.rows().size());
        for (Object[] r : result.rows()) {
            rows.add(PgTypes.toWire(r, result.schema()));
        }
        return rows;
    }

    // ---- EXPLAIN ---------------------------------------------------------------------------------

    PgPreparedStatement explain(SqlExplainStatement explain) {
        List<ResultColumn> columns = List.of(ResultColumn.of("QUERY PLAN", PgType.TEXT));
        return PreparedStatementImpl.of(columns, () -> {
            SqlNode stmt = explain.statement();
            String sql;
            SqlNode query;
            PlanPurpose purpose = PlanPurpose.ONE_SHOT;
            if (stmt instanceof SqlCreateView cv) {
                sql = cv.queryText();
                query = cv.query();
                purpose = cv.materialized() ? PlanPurpose.MAINTAINED : PlanPurpose.ONE_SHOT;
            } else if (stmt instanceof SqlSubscribe sub) {
                sql = StreamStatements.subscribeQuery(sub);
                query = io.millrace.parser.MillraceParser.parseQuery(sql);
                purpose = PlanPurpose.MAINTAINED;
            } else if (stmt.getKind().belongsTo(SqlKind.QUERY) || stmt.getKind() == SqlKind.ORDER_BY
                    || stmt.getKind() == SqlKind.WITH) {
                sql = stmt.toString();
                query = stmt;
            } else {
                throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                        "EXPLAIN supports queries, CREATE [MATERIALIZED] VIEW and SUBSCRIBE");
            }
            PreparedQuery q = session.planner().prepareQuery(sql, query, List.of());
            String text = explain.mode() == SqlExplainStatement.Mode.LOGICAL || explain.mode() == SqlExplainStatement.Mode.PLAN
                    ? q.explainLogical() : q.explain(purpose);
            List<Object[]> rows = new ArrayList<>();
            for (String line : text.split("\n")) {
                rows.add(new Object[] {line});
            }
            return new Outcome.Rows(rows, "EXPLAIN", List.of());
        });
    }

    // ---- SHOW ------------------------------------------------------------------------------------

    PgPreparedStatement show(SqlShow show) {
        switch (show.what()) {
            case TABLES:
                return listOf(ObjectKind.TABLE);
            case VIEWS:
                return listOf(ObjectKind.VIEW);
            case MATERIALIZED_VIEWS:
                return listOf(ObjectKind.MATERIALIZED_VIEW);
            case INDEXES:
                return listOf(ObjectKind.INDEX);
            case SOURCES, SINKS:
                return PreparedStatementImpl.of(List.of(ResultColumn.of("name", PgType.TEXT)),
                        () -> new Outcome.Rows(List.of(), "SHOW", List.of()));
            case COLUMNS: {
                List<ResultColumn> cols = List.of(ResultColumn.of("name", PgType.TEXT),
                        ResultColumn.of("nullable", PgType.BOOL), ResultColumn.of("type", PgType.TEXT));
                return PreparedStatementImpl.of(cols, () -> {
                    CatalogEntry e = lookupRelation(show.target().names);
                    List<Object[]> rows = new ArrayList<>();
                    for (Field f : e.columns().fields()) {
                        rows.add(new Object[] {f.name(), f.nullable(), f.type().sqlName()});
                    }
                    return new Outcome.Rows(rows, "SHOW", List.of());
                });
            }
            case CREATE_TABLE, CREATE_VIEW, CREATE_MATERIALIZED_VIEW: {
                List<ResultColumn> cols = List.of(ResultColumn.of("name", PgType.TEXT),
                        ResultColumn.of("create_sql", PgType.TEXT));
                ObjectKind expected = show.what() == SqlShow.Kind.CREATE_TABLE ? ObjectKind.TABLE
                        : show.what() == SqlShow.Kind.CREATE_VIEW ? ObjectKind.VIEW : ObjectKind.MATERIALIZED_VIEW;
                return PreparedStatementImpl.of(cols, () -> {
                    CatalogEntry e = lookupRelation(show.target().names);
                    if (e.kind() != expected) {
                        throw new MillraceException(SqlState.WRONG_OBJECT_TYPE,
                                "\"" + e.name() + "\" is not a " + expected.sqlName());
                    }
                    return new Outcome.Rows(List.<Object[]>of(new Object[] {e.name(), e.createSql()}), "SHOW",
                            List.of());
                });
            }
            case ALL: {
                List<ResultColumn> cols = List.of(ResultColumn.of("name", PgType.TEXT),
                        ResultColumn.of("setting", PgType.TEXT), ResultColumn.of("description", PgType.TEXT));
                return PreparedStatementImpl.of(cols, () -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (String name : SessionSettings.names()) {
                        rows.add(new Object[] {name, session.settings.get(name), SessionSettings.description(name)});
                    }
                    return new Outcome.Rows(rows, "SHOW", List.of());
                });
            }
            default: {
                String name = show.settingName();
                String canonical = name.equalsIgnoreCase("transaction isolation level") ? "transaction_isolation"
                        : SessionSettings.canonicalName(name);
                List<ResultColumn> cols = List.of(ResultColumn.of(canonical, PgType.TEXT));
                return PreparedStatementImpl.of(cols, () -> new Outcome.Rows(
                        List.<Object[]>of(new Object[] {session.settings.get(canonical)}), "SHOW", List.of()));
            }
        }
    }

    private PgPreparedStatement listOf(ObjectKind kind) {
        List<ResultColumn> cols = List.of(ResultColumn.of("name", PgType.TEXT));
        return PreparedStatementImpl.of(cols, () -> {
            List<Object[]> rows = new ArrayList<>();
            session.server.catalog().current().entries().stream().filter(e -> e.kind() == kind)
                    .map(CatalogEntry::name).sorted(Comparator.naturalOrder())
                    .forEach(n -> rows.add(new Object[] {n}));
            return new Outcome.Rows(rows, "SHOW", List.of());
        });
    }

    CatalogEntry lookupRelation(List<String> names) {
        CatalogEntry e = session.server.catalog().current().resolveRelation(names, session.searchPath());
        if (e == null) {
            throw new MillraceException(SqlState.UNDEFINED_TABLE, "relation \"" + String.join(".", names)
                    + "\" does not exist");
        }
        return e;
    }
}
