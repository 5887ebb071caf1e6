package io.millrace.server.session;

import io.millrace.executor.type.RowSchema;
import io.millrace.parser.ddl.SqlReturning;
import io.millrace.planner.PlanPurpose;
import io.millrace.planner.PreparedQuery;
import io.millrace.planner.RelationInfo;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * The RETURNING items of a write: planned as {@code SELECT items FROM table}, and run over the rows
 * the write inserted, updated (their new values) or deleted instead of over the table.
 */
final class Returning {
    private final Session session;
    private final PreparedQuery query;
    private final RelationInfo target;

    private Returning(Session session, PreparedQuery query, RelationInfo target) {
        this.session = session;
        this.query = query;
        this.target = target;
    }

    static Returning prepare(Session session, String sql, SqlReturning r, RelationInfo target) {
        SqlParserPos pos = r.getParserPosition();
        SqlSelect select = new SqlSelect(pos, null, SqlNodeList.of(pos, r.items().getList()),
                new SqlIdentifier(List.of(target.schemaName(), target.name()), pos), null, null, null, null, null,
                null, null, null);
        return new Returning(session, session.planner().prepareQuery(sql, select, List.of()), target);
    }

    RowSchema schema() {
        return query.columns();
    }

    /** The items computed over {@code rows}, in wire form. */
    List<Object[]> compute(List<Object[]> rows) {
        var result = session.server.coordinator().queryOver(query.plan(List.of(), PlanPurpose.ONE_SHOT), target.id(),
                target.columns(), rows, session.zone(), session.sequences, session.cancel);
        List<Object[]> out = new ArrayList<>(result.rows().size());
        for (Object[] row : result.rows()) {
            out.add(PgTypes.toWire(row, result.schema()));
        }
        return out;
    }
}
