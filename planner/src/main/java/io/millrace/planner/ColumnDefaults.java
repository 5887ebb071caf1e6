package io.millrace.planner;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.parser.MillraceParser;
import io.millrace.parser.ParserSupport;
import io.millrace.parser.ddl.IdentityGeneration;
import io.millrace.parser.ddl.InsertOverriding;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Column defaults in INSERT and UPDATE, applied as PostgreSQL applies them: a column an INSERT
 * leaves out, or gives {@code DEFAULT} (in VALUES, or every column with DEFAULT VALUES), gets its
 * default expression, and so does UPDATE's {@code SET c = DEFAULT}; {@code DEFAULT} for a column
 * without one is NULL. The statement is rewritten before it is validated, so the defaults are
 * planned with it: now() is the statement's time, gen_random_uuid() and nextval() are per row.
 * Identity columns are checked here too: GENERATED ALWAYS takes an explicit value only with
 * OVERRIDING SYSTEM VALUE, and OVERRIDING USER VALUE replaces explicit values by generated ones.
 */
public final class ColumnDefaults {
    private ColumnDefaults() {
    }

    /**
     * {@code dml} with the defaults of {@code target} filled in (changed in place where it can be).
     * {@code sourceWidth} gives the number of columns an INSERT's query yields, asked only when the
     * query must be wrapped.
     */
    static SqlNode apply(SqlNode dml, RelationInfo target, IntSupplier sourceWidth) {
        if (dml instanceof SqlInsert insert) {
            return insert(insert, target, sourceWidth);
        }
        if (dml instanceof SqlUpdate update) {
            update(update, target);
        }
        return dml;
    }

    /**
     * The expression column {@code column}'s default stands for, parsed afresh (nodes are changed in
     * place later), or NULL of the column's type.
     */
    private static SqlNode expression(RelationInfo table, int column, SqlParserPos pos) {
        ColumnDefault d = table.columnDefault(column);
        io.millrace.executor.type.TypeKind kind = table.columns().type(column).kind();
        if (d.isNone() && (kind == io.millrace.executor.type.TypeKind.JSON
                || kind == io.millrace.executor.type.TypeKind.JSONB)) {
            return SqlLiteral.createNull(pos);
        }
        if (d.isNone()) {
            return SqlStdOperatorTable.CAST.createCall(pos, SqlLiteral.createNull(pos), new SqlDataTypeSpec(
                    Planner.typeNameSpec(table.columns().type(column), pos), pos));
        }
        return MillraceParser.parseExpression(d.expression());
    }

    /**
     * The table positions an INSERT names (its column list, else the first {@code width} columns),
     * failing as PostgreSQL does on an unknown or repeated column or a count that does not match.
     */
    public static int[] targets(SqlInsert insert, RelationInfo table, int width) {
        SqlNodeList list = insert.getTargetColumnList();
        if (list == null) {
            if (width > table.columns().size()) {
                throw new MillraceException(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns");
            }
            int[] targets = new int[width];
            for (int i = 0; i < width; i++) {
                targets[i] = i;
            }
            return targets;
        }
        int[] targets = new int[list.size()];
        for (int i = 0; i < targets.length; i++) {
            String col = ((SqlIdentifier) list.get(i)).getSimple();
            targets[i] = table.columns().names().indexOf(col);
            if (targets[i] < 0) {
                throw new MillraceException(SqlState.UNDEFINED_COLUMN, "column \"" + col + "\" of relation \""
                        + table.name() + "\" does not exist");
            }
            for (int j = 0; j < i; j++) {
                if (targets[j] == targets[i]) {
                    throw new MillraceException(SqlState.DUPLICATE_COLUMN, "column \"" + col + "\" specified more than once");
                }
            }
        }
        if (width >= 0 && width > targets.length) {
            throw new MillraceException(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns");
        }
        if (width >= 0 && width < targets.length) {
            throw new MillraceException(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions");
        }
        return targets;
    }

    /**
     * Whether an INSERT's value for column {@code column} is replaced by the column's default: it
     * is an identity column and the INSERT says OVERRIDING USER VALUE. An explicit value for a
     * GENERATED ALWAYS column without OVERRIDING SYSTEM VALUE is 428C9.
     */
    public static boolean overridden(RelationInfo table, int column, InsertOverriding overriding) {
        IdentityGeneration identity = table.columnDefault(column).identity();
        if (identity == null) {
            return false;
        }
        if (overriding == InsertOverriding.USER_VALUE) {
            return true;
        }
        if (identity == IdentityGeneration.ALWAYS && overriding != InsertOverriding.SYSTEM_VALUE) {
            String name = table.columns().field(column).name();
            throw new MillraceException(SqlState.GENERATED_ALWAYS, "cannot insert a non-DEFAULT value into column \""
                    + name + "\"", 0, "Column \"" + name + "\" is an identity column defined as GENERATED ALWAYS.",
                    "Use OVERRIDING SYSTEM VALUE to override.", null);
        }
        return false;
    }

    private static boolean isDefault(SqlNode item) {
        return item.getKind() == SqlKind.DEFAULT;
    }

    private static SqlNode insert(SqlInsert insert, RelationInfo table, IntSupplier sourceWidth) {
        InsertOverriding overriding = InsertOverriding.of(insert);
        SqlNode source = insert.getSource();
        SqlParserPos pos = source.getParserPosition();
        int columns = table.columns().size();
        if (source.getKind() == SqlKind.VALUES) {
            List<SqlNode> rows = ((SqlCall) source).getOperandList();
            boolean defaultValues = ParserSupport.isDefaultValues(source);
            int width = defaultValues ? 0 : ((SqlCall) rows.get(0)).operandCount();
            for (SqlNode row : rows) {
                if (((SqlCall) row).operandCount() != width) {
                    throw new MillraceException(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length");
                }
            }
            int[] targets = targets(insert, table, width);
            // The columns written: those named, those with a default, and with DEFAULT VALUES all.
            boolean[] written = new boolean[columns];
            boolean changed = defaultValues;
            for (int c = 0; c < columns; c++) {
                written[c] = defaultValues || !table.columnDefault(c).isNone();
                changed |= written[c];
            }
            for (int t : targets) {
                written[t] = true;
            }
            // Each row gives every column written a value: its own, or the column's default.
            List<SqlNode> filled = new ArrayList<>();
            for (SqlNode row : rows) {
                SqlNode[] items = new SqlNode[columns];
                for (int i = 0; i < targets.length; i++) {
                    SqlNode item = ((SqlCall) row).operand(i);
                    boolean byDefault = isDefault(item) || overridden(table, targets[i], overriding);
                    items[targets[i]] = byDefault ? null : item;
                    changed |= byDefault;
                }
                List<SqlNode> values = new ArrayList<>();
                for (int c = 0; c < columns; c++) {
                    if (written[c]) {
                        values.add(items[c] != null ? items[c] : expression(table, c, pos));
                    }
                }
                filled.add(SqlStdOperatorTable.ROW.createCall(row.getParserPosition(), values));
            }
            if (!changed) {
                return insert;
            }
            insert.setOperand(2, SqlStdOperatorTable.VALUES.createCall(pos, filled));
            insert.setOperand(3, columnList(table, written, pos));
            return insert;
        }
        // A query: its columns go where the column list says, the other columns get their defaults.
        if (table.defaults().stream().allMatch(ColumnDefault::isNone)) {
            return insert;
        }
        int[] targets = insert.getTargetColumnList() == null ? null : targets(insert, table, -1);
        if (targets != null && !needsWrapping(table, targets, overriding)) {
            return insert;
        }
        // Only wrapping needs the query's width (a second validation of it), or one without a column list.
        int width = sourceWidth.getAsInt();
        targets = targets(insert, table, width);
        if (!needsWrapping(table, targets, overriding)) {
            return insert;
        }
        SqlIdentifier alias = new SqlIdentifier("mr_source", pos);
        List<SqlNode> asOperands = new ArrayList<>(List.of(source, alias));
        for (int i = 0; i < width; i++) {
            asOperands.add(new SqlIdentifier("mr_" + (i + 1), pos));
        }
        SqlNode[] items = new SqlNode[columns];
        for (int i = 0; i < targets.length; i++) {
            items[targets[i]] = overridden(table, targets[i], overriding) ? null
                    : new SqlIdentifier(List.of("mr_source", "mr_" + (i + 1)), pos);
        }
        for (int c = 0; c < columns; c++) {
            if (items[c] == null) {
                items[c] = expression(table, c, pos);
            }
        }
        SqlSelect select = new SqlSelect(pos, null, new SqlNodeList(List.of(items), pos),
                SqlStdOperatorTable.AS.createCall(pos, asOperands), null, null, null, null, null, null, null, null, null);
        insert.setOperand(2, select);
        boolean[] all = new boolean[columns];
        java.util.Arrays.fill(all, true);
        insert.setOperand(3, columnList(table, all, pos));
        return insert;
    }

    /**
     * Whether a query's rows, going to {@code targets}, need wrapping: a column it leaves out has a
     * default, or an identity column's value it gives is replaced (OVERRIDING USER VALUE).
     */
    private static boolean needsWrapping(RelationInfo table, int[] targets, InsertOverriding overriding) {
        boolean[] given = new boolean[table.columns().size()];
        boolean wrap = false;
        for (int t : targets) {
            given[t] = true;
            wrap |= overridden(table, t, overriding);
        }
        for (int c = 0; c < given.length; c++) {
            wrap |= !given[c] && !table.columnDefault(c).isNone();
        }
        return wrap;
    }

    /** The names of the columns marked in {@code written}, in table order. */
    private static SqlNodeList columnList(RelationInfo table, boolean[] written, SqlParserPos pos) {
        List<SqlNode> names = new ArrayList<>();
        for (int c = 0; c < written.length; c++) {
            if (written[c]) {
                names.add(new SqlIdentifier(table.columns().field(c).name(), pos));
            }
        }
        return new SqlNodeList(names, pos);
    }

    private static void update(SqlUpdate update, RelationInfo table) {
        SqlNodeList columns = update.getTargetColumnList();
        SqlNodeList values = update.getSourceExpressionList();
        for (int i = 0; i < columns.size(); i++) {
            int column = table.columns().names().indexOf(((SqlIdentifier) columns.get(i)).getSimple());
            if (column < 0) {
                continue;
            }
            ColumnDefault d = table.columnDefault(column);
            if (isDefault(values.get(i))) {
                values.set(i, expression(table, column, values.get(i).getParserPosition()));
            } else if (d.identity() == IdentityGeneration.ALWAYS) {
                String name = table.columns().field(column).name();
                throw new MillraceException(SqlState.GENERATED_ALWAYS, "column \"" + name
                        + "\" can only be updated to DEFAULT", 0,
                        "Column \"" + name + "\" is an identity column defined as GENERATED ALWAYS.", null, null);
            }
        }
    }
}
