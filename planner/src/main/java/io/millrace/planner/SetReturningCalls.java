package io.millrace.planner;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlRowOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * PostgreSQL's set-returning functions ({@code generate_series}, {@code unnest},
 * {@code information_schema._pg_expandarray}) where Calcite expects other shapes:
 * <ul>
 * <li>A call in a select list runs once per row of the FROM clause, which comes out once per row
 * of the call: it becomes a LATERAL item joined to the FROM clause, and the call a reference to its
 * column ({@code (f(x)).n} to its column n; a bare record-valued call to a ROW of its columns).</li>
 * <li>A function call in FROM may read the items before it without LATERAL, and names its single
 * column after its alias ({@code FROM unnest(a) AS u} has a column u).</li>
 * </ul>
 */
final class SetReturningCalls {
    /** The alias of the FROM item a select list's set-returning call becomes. */
    private static final String ITEM = "mr_srf";

    private SetReturningCalls() {
    }

    /** Rewrites the statement under {@code node}, in place. */
    static void rewrite(SqlNode node) {
        SqlSelect top = topSelect(node);
        rewriteAll(node);
        if (top != null) {
            // A record the statement returns is sent as its text, (a,b), as PostgreSQL sends one.
            SqlTreeRewriter.replaceAll(top.getSelectList(), n -> n instanceof SqlCall c && c.getOperator() instanceof NamedRow
                    ? RECORD_TEXT.createCall(c.getParserPosition(), c.getOperandList()) : null);
        }
    }

    /** The SELECT whose items a statement returns, or null (a set operation, VALUES, ...). */
    private static SqlSelect topSelect(SqlNode node) {
        if (node instanceof SqlSelect select) {
            return select;
        }
        if (node instanceof org.apache.calcite.sql.SqlOrderBy orderBy) {
            return topSelect(orderBy.query);
        }
        if (node instanceof org.apache.calcite.sql.SqlWith with) {
            return topSelect(with.body);
        }
        return null;
    }

    /** A record's text: its fields in parentheses, quoted where they need it, NULL as nothing. */
    static final SqlFunction RECORD_TEXT = new SqlFunction("MR_RECORD_TEXT", SqlKind.OTHER_FUNCTION,
            org.apache.calcite.sql.type.ReturnTypes.explicit(org.apache.calcite.sql.type.SqlTypeName.VARCHAR), null,
            org.apache.calcite.sql.type.OperandTypes.VARIADIC, org.apache.calcite.sql.SqlFunctionCategory.SYSTEM);

    private static void rewriteAll(SqlNode node) {
        if (node instanceof SqlSelect select) {
            rewriteSelect(select);
        }
        if (node instanceof SqlCall call) {
            for (SqlNode operand : call.getOperandList()) {
                if (operand != null) {
                    rewriteAll(operand);
                }
            }
        } else if (node instanceof SqlNodeList list) {
            for (SqlNode n : list) {
                if (n != null) {
                    rewriteAll(n);
                }
            }
        }
    }

    private static void rewriteSelect(SqlSelect select) {
        if (select.getFrom() != null) {
            select.setFrom(fromItems(select.getFrom()));
        }
        List<SqlCall> calls = new ArrayList<>();
        for (SqlNode item : select.getSelectList()) {
            collectCalls(item, calls);
        }
        if (calls.isEmpty()) {
            return;
        }
        String text = calls.get(0).toString();
        for (SqlCall c : calls) {
            if (!c.toString().equals(text)) {
                throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                        "more than one set-returning function in a select list is not supported yet");
            }
        }
        if (select.getGroup() != null || select.getHaving() != null) {
            throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                    "set-returning functions in a select list with GROUP BY are not supported yet");
        }
        SqlCall call = calls.get(0);
        SqlParserPos pos = call.getParserPosition();
        List<String> columns = columnsOf(call);
        List<SqlNode> alias = new ArrayList<>();
        alias.add(itemOf(call));
        alias.add(new SqlIdentifier(ITEM, pos));
        for (String c : columns) {
            alias.add(new SqlIdentifier(c, pos));
        }
        SqlNode item = SqlStdOperatorTable.AS.createCall(pos, alias);
        select.setFrom(select.getFrom() == null ? item : new SqlJoin(pos, select.getFrom(),
                SqlLiteral.createBoolean(false, pos), JoinType.COMMA.symbol(pos),
                SqlStdOperatorTable.LATERAL.createCall(pos, item), JoinConditionType.NONE.symbol(pos), null));
        SqlTreeRewriter.replaceAll(select.getSelectList(), n -> {
            if (n.getKind() == SqlKind.DOT && ((SqlCall) n).operand(0) instanceof SqlCall inner && isSetReturning(inner)) {
                SqlIdentifier field = ((SqlCall) n).operand(1);
                return new SqlIdentifier(List.of(ITEM, field.getSimple()), n.getParserPosition());
            }
            if (n instanceof SqlCall c && isSetReturning(c)) {
                List<SqlNode> refs = columns.stream()
                        .<SqlNode>map(col -> new SqlIdentifier(List.of(ITEM, col), n.getParserPosition())).toList();
                return refs.size() == 1 ? refs.get(0) : new NamedRow(columns).createCall(n.getParserPosition(), refs);
            }
            return null;
        });
    }

    /** ROW(...) whose fields have names, as the record a function returns has: (r).x reads field x. */
    private static final class NamedRow extends SqlRowOperator {
        private final List<String> names;

        NamedRow(List<String> names) {
            super("ROW");
            this.names = List.copyOf(names);
        }

        @Override
        public RelDataType inferReturnType(SqlOperatorBinding binding) {
            RelDataTypeFactory.Builder builder = binding.getTypeFactory().builder();
            for (int i = 0; i < binding.getOperandCount(); i++) {
                builder.add(names.get(i), binding.getOperandType(i));
            }
            return builder.build();
        }

        /** Calcite's would look the operator up again by name, finding the unnamed ROW. */
        @Override
        public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
            RelDataTypeFactory.Builder builder = validator.getTypeFactory().builder();
            for (int i = 0; i < call.operandCount(); i++) {
                builder.add(names.get(i), validator.deriveType(scope, call.operand(i)));
            }
            return builder.build();
        }
    }

    /** The set-returning calls in a select item, not looking into subqueries. */
    private static void collectCalls(SqlNode node, List<SqlCall> calls) {
        if (!(node instanceof SqlCall call) || node instanceof SqlSelect || node.getKind() == SqlKind.WITH
                || node.getKind() == SqlKind.UNION) {
            return;
        }
        if (isSetReturning(call)) {
            calls.add(call);
            return;
        }
        for (SqlNode operand : call.getOperandList()) {
            if (operand != null) {
                collectCalls(operand, calls);
            }
        }
    }

    private static boolean isTableFunction(SqlCall call) {
        return name(call).equals("unnest") || PgTableFunction.named(name(call)) != null;
    }

    static boolean isSetReturning(SqlCall call) {
        return call instanceof SqlBasicCall && call.getOperator().getKind() == SqlKind.OTHER_FUNCTION
                && (name(call).equals("unnest") || PgTableFunction.named(name(call)) != null
                        && PgTableFunction.named(name(call)).kind != null);
    }

    private static String name(SqlCall call) {
        return call.getOperator().getName().toLowerCase(Locale.ROOT);
    }

    /** The columns a call's FROM item has: a function of one column one named after it, else the function's. */
    private static List<String> columnsOf(SqlCall call) {
        PgTableFunction function = PgTableFunction.named(name(call));
        return function == null || function.columns.size() == 1 ? List.of(name(call)) : function.columns;
    }

    /** The FROM item calling {@code call}: UNNEST(a) for unnest, else TABLE(f(...)). */
    private static SqlNode itemOf(SqlCall call) {
        SqlParserPos pos = call.getParserPosition();
        if (name(call).equals("unnest")) {
            return SqlStdOperatorTable.UNNEST.createCall(pos, call.getOperandList());
        }
        return SqlStdOperatorTable.COLLECTION_TABLE.createCall(pos, call);
    }

    /** A FROM clause with every function call made LATERAL and named as PostgreSQL names it. */
    private static SqlNode fromItems(SqlNode from) {
        if (from instanceof SqlJoin join) {
            join.setLeft(fromItems(join.getLeft()));
            join.setRight(fromItems(join.getRight()));
            return join;
        }
        SqlParserPos pos = from.getParserPosition();
        SqlNode table = from.getKind() == SqlKind.AS ? ((SqlCall) from).operand(0) : from;
        if (table.getKind() == SqlKind.COLLECTION_TABLE && ((SqlCall) table).operand(0) instanceof SqlCall f
                && name(f).equals("unnest")) {
            // pg_catalog.unnest(a), parsed as a function call, is UNNEST(a).
            table = SqlStdOperatorTable.UNNEST.createCall(f.getParserPosition(), f.getOperandList());
            from = from.getKind() == SqlKind.AS ? withOperand((SqlCall) from, 0, table) : table;
        }
        if (table.getKind() == SqlKind.COLLECTION_TABLE && ((SqlCall) table).operand(0) instanceof SqlCall f
                && !isTableFunction(f)) {
            // A scalar function in FROM is a relation of one row, its value, named after the alias.
            SqlNode value = f;
            String column = from.getKind() == SqlKind.AS
                    ? ((SqlIdentifier) ((SqlCall) from).operand(((SqlCall) from).operandCount() > 2 ? 2 : 1)).getSimple()
                    : name(f);
            SqlSelect one = new SqlSelect(pos, null, SqlNodeList.of(SqlStdOperatorTable.AS.createCall(pos, value,
                    new SqlIdentifier(column, pos))), null, null, null, null, null, null, null, null, null, null);
            SqlNode lateral = SqlStdOperatorTable.LATERAL.createCall(pos, one);
            return SqlStdOperatorTable.AS.createCall(pos, lateral, from.getKind() == SqlKind.AS
                    ? ((SqlCall) from).operand(1) : new SqlIdentifier(column, pos));
        }
        boolean function = table.getKind() == SqlKind.COLLECTION_TABLE;
        boolean unnest = table.getKind() == SqlKind.UNNEST;
        if (!function && !unnest) {
            return from;
        }
        SqlNode lateral = function ? SqlStdOperatorTable.LATERAL.createCall(pos, table) : table;
        String name = function ? ((SqlCall) ((SqlCall) table).operand(0)).getOperator().getName()
                .toLowerCase(Locale.ROOT) : "unnest";
        boolean ordinality = table.getKind() == SqlKind.UNNEST
                && ((SqlCall) table).getOperator() == SqlStdOperatorTable.UNNEST_WITH_ORDINALITY;
        if (from.getKind() != SqlKind.AS) {
            // A call without an alias: its column is named after the function.
            if (!unnest || ((SqlCall) table).operandCount() != 1) {
                return lateral;
            }
            from = SqlStdOperatorTable.AS.createCall(pos, lateral, new SqlIdentifier(name, pos));
        }
        SqlCall as = (SqlCall) from;
        List<SqlNode> operands = new ArrayList<>(as.getOperandList());
        operands.set(0, lateral);
        if (operands.size() == 2 && singleColumn(table)) {
            // FROM f(...) AS s: the one column is named s too, as PostgreSQL does for a scalar function.
            operands.add(operands.get(1));
            if (ordinality) {
                operands.add(new SqlIdentifier("ordinality", pos));
            }
        }
        return SqlStdOperatorTable.AS.createCall(as.getParserPosition(), operands);
    }

    private static SqlCall withOperand(SqlCall call, int i, SqlNode operand) {
        call.setOperand(i, operand);
        return call;
    }

    private static boolean singleColumn(SqlNode table) {
        SqlCall call = (SqlCall) table;
        if (call.getKind() == SqlKind.UNNEST) {
            return call.operandCount() == 1;
        }
        return call.operand(0) instanceof SqlCall f && (name(f).equals("unnest")
                || PgTableFunction.named(name(f)) != null && PgTableFunction.named(name(f)).columns.size() == 1);
    }
}
