package io.millrace.server.session;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.batch.BatchBuilder;
import io.millrace.executor.expr.Casts;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.RowSchema;
import io.millrace.parser.MillraceParser;
import io.millrace.parser.ddl.InsertOverriding;
import io.millrace.planner.ColumnDefault;
import io.millrace.planner.ColumnDefaults;
import io.millrace.planner.RelationInfo;
import io.millrace.planner.RelationKind;
import io.millrace.server.catalog.Catalog;
import io.millrace.server.catalog.CatalogEntry;
import io.millrace.server.engine.WriteContext;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code INSERT INTO t [(cols)] VALUES (...), ...} whose values are constants or parameters: each
 * value is converted straight to its column's type, as PostgreSQL resolves an untyped literal
 * by the column it goes into. This is the bulk-load path; it needs no query planning, so a
 * prepared INSERT costs only the conversion and the commit. A column left out (or given DEFAULT)
 * gets its default when that is a constant or a sequence's next value (a serial or identity
 * column); anything else goes through the planner.
 */
final class ValuesInsert implements WriteStatements.Write {
    /**
     * One value of a VALUES row: a constant (internal form, of {@code type}), a parameter, or the
     * next value of the sequence whose oid is {@code sequence}.
     */
    private record Value(Object constant, DataType type, int parameter, long sequence) {
        static Value constant(Object value, DataType type) {
            return new Value(value, type, -1, 0);
        }
    }

    private final RelationInfo table;
    private final int[] targets;
    private final List<List<Value>> rows;
    /** The columns no item gives a value, with the default each gets (NULL defaults left out). */
    private final int[] omitted;
    private final List<Value> omittedValues;
    private final List<DataType> parameterTypes;

    private ValuesInsert(RelationInfo table, int[] targets, List<List<Value>> rows, int[] omitted,
            List<Value> omittedValues, List<DataType> parameterTypes) {
        this.table = table;
        this.targets = targets;
        this.rows = rows;
        this.omitted = omitted;
        this.omittedValues = omittedValues;
        this.parameterTypes = parameterTypes;
    }

    /** The fast path for {@code insert}, or null when it needs the planner. */
    static ValuesInsert tryCreate(SqlInsert insert, Catalog.Version catalog, List<String> searchPath,
            List<DataType> hints) {
        if (insert.getSource().getKind() != SqlKind.VALUES || !(insert.getTargetTable() instanceof SqlIdentifier id)) {
            return null;
        }
        CatalogEntry entry = catalog.resolveRelation(id.names, searchPath);
        if (entry == null) {
            return null;
        }
        RelationInfo table = Catalog.relationInfo(entry);
        if (table.kind() != RelationKind.TABLE) {
            return null;
        }
        InsertOverriding overriding = InsertOverriding.of(insert);
        RowSchema columns = table.columns();
        int[] targets;
        if (insert.getTargetColumnList() != null) {
            targets = new int[insert.getTargetColumnList().size()];
            for (int i = 0; i < targets.length; i++) {
                String col = ((SqlIdentifier) insert.getTargetColumnList().get(i)).getSimple();
                targets[i] = columns.names().indexOf(col);
                if (targets[i] < 0) {
                    throw new MillraceException(SqlState.UNDEFINED_COLUMN, "column \"" + col + "\" of relation \""
                            + table.name() + "\" does not exist");
                }
                for (int j = 0; j < i; j++) {
                    if (targets[j] == targets[i]) {
                        throw new MillraceException(SqlState.DUPLICATE_COLUMN,
                                "column \"" + col + "\" specified more than once");
                    }
                }
            }
        } else {
            targets = null;
        }
        List<List<Value>> rows = new ArrayList<>();
        List<DataType> params = new ArrayList<>();
        int width = -1;
        for (SqlNode rowNode : ((SqlCall) insert.getSource()).getOperandList()) {
            if (rowNode.getKind() != SqlKind.ROW) {
                return null;
            }
            List<SqlNode> items = ((SqlCall) rowNode).getOperandList();
            if (width >= 0 && items.size() != width) {
                throw new MillraceException(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length");
            }
            width = items.size();
            int max = targets == null ? columns.size() : targets.length;
            if (items.size() > max) {
                throw new MillraceException(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns");
            }
            if (targets != null && items.size() < targets.length) {
                throw new MillraceException(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions");
            }
            List<Value> row = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                int column = targets == null ? i : targets[i];
                boolean byDefault = items.get(i).getKind() == SqlKind.DEFAULT
                        || ColumnDefaults.overridden(table, column, overriding);
                Value v = byDefault ? defaultValue(table, column) : value(items.get(i), columns.type(column), hints, params);
                if (v == null) {
                    return null;
                }
                row.add(v);
            }
            rows.add(row);
        }
        if (targets == null) {
            targets = new int[width];
            for (int i = 0; i < width; i++) {
                targets[i] = i;
            }
        }
        List<Integer> omitted = new ArrayList<>();
        List<Value> omittedValues = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            final int column = c;
            if (table.columnDefault(c).isNone() || java.util.stream.IntStream.of(targets).anyMatch(t -> t == column)) {
                continue;
            }
            Value v = defaultValue(table, c);
            if (v == null) {
                return null;
            }
            omitted.add(c);
            omittedValues.add(v);
        }
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i) == null) {
                params.set(i, DataType.TEXT);
            }
        }
        return new ValuesInsert(table, targets, rows, omitted.stream().mapToInt(Integer::intValue).toArray(),
                omittedValues, params);
    }

    /**
     * Column {@code column}'s default as a value of this path: NULL, a constant written as one, or
     * a sequence's next value; null when it is any other expression (the planner computes those).
     */
    private static Value defaultValue(RelationInfo table, int column) {
        ColumnDefault d = table.columnDefault(column);
        DataType type = table.columns().type(column);
        if (d.isNone()) {
            return Value.constant(null, type);
        }
        SqlNode e = MillraceParser.parseExpression(d.expression());
        if (e instanceof SqlCall call && call.getOperator().getName().equalsIgnoreCase("nextval")
                && call.operandCount() == 1 && call.operand(0).getKind() == SqlKind.CAST
                && ((SqlCall) call.operand(0)).operand(0) instanceof SqlLiteral oid
                && oid.getValueAs(String.class).matches("\\d+")) {
            return new Value(null, DataType.BIGINT, -1, Long.parseLong(oid.getValueAs(String.class)));
        }
        return value(e, type, List.of(), new ArrayList<>());
    }

    private static Value value(SqlNode item, DataType columnType, List<DataType> hints, List<DataType> params) {
        SqlNode n = item;
        boolean negate = false;
        if (n.getKind() == SqlKind.MINUS_PREFIX && ((SqlCall) n).operand(0) instanceof SqlNumericLiteral) {
            negate = true;
            n = ((SqlCall) n).operand(0);
        }
        if (n instanceof SqlDynamicParam p) {
            int index = p.getIndex();
            while (params.size() <= index) {
                params.add(null);
            }
            DataType hint = index < hints.size() ? hints.get(index) : null;
            if (params.get(index) == null) {
                params.set(index, hint != null ? hint : columnType);
            }
            return new Value(null, params.get(index), index, 0);
        }
        if (!(n instanceof SqlLiteral lit)) {
            return null;
        }
        if (lit.getTypeName() == SqlTypeName.NULL) {
            return Value.constant(null, columnType);
        }
        if (lit instanceof SqlNumericLiteral num) {
            BigDecimal d = num.getValueAs(BigDecimal.class);
            if (negate) {
                d = d.negate();
            }
            if (!num.isExact()) {
                return Value.constant(d.doubleValue(), DataType.DOUBLE);
            }
            if (d.scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
                long l = d.longValueExact();
                return Value.constant(l, l == (int) l ? DataType.INTEGER : DataType.BIGINT);
            }
            return Value.constant(d.scale() < 0 ? d.setScale(0) : d, DataType.NUMERIC);
        }
        if (lit.getTypeName() == SqlTypeName.BOOLEAN) {
            return Value.constant(lit.booleanValue(), DataType.BOOLEAN);
        }
        if (lit.getTypeName() == SqlTypeName.CHAR) {
            // An untyped literal: read by the column type's input rules.
            return Value.constant(lit.getValueAs(String.class), DataType.UNKNOWN);
        }
        return null;
    }

    /** A value in the internal form of type {@code to}; a string for a string column keeps its text, uncut. */
    private static Object internal(Value v, DataType to, List<Object> params, Session session) {
        Object internal = v.parameter() >= 0 ? params.get(v.parameter())
                : v.sequence() != 0 ? Long.valueOf(session.sequences.nextval(v.sequence())) : v.constant();
        DataType from = v.type();
        if (internal != null && from.kind() == io.millrace.executor.type.TypeKind.UNKNOWN) {
            // Strings keep their text here so the store checks varchar(n) as an assignment.
            return to.kind().isString() ? internal : Casts.fromText((String) internal, to, session.zone());
        }
        if (internal != null && !from.equals(to)) {
            // A value for a string column becomes its text, uncut: the store checks varchar(n).
            return Casts.converter(from, to.kind().isString() ? DataType.TEXT : to, ZoneOffset.UTC).convert(internal);
        }
        return internal;
    }

    @Override
    public List<DataType> parameterTypes() {
        return parameterTypes;
    }

    @Override
    public String tag(long rows) {
        return "INSERT 0 " + rows;
    }

    @Override
    public RelationInfo target() {
        return table;
    }

    @Override
    public boolean inserts() {
        return true;
    }

    @Override
    public List<Object[]> apply(WriteContext ctx, List<Object> wireParameters, Session session, boolean record) {
        List<Object> params = QueryStatements.internalParameters(wireParameters, parameterTypes);
        RowSchema columns = table.columns();
        BatchBuilder batch = new BatchBuilder(columns, rows.size());
        List<Object[]> written = new java.util.ArrayList<>(rows.size());
        for (List<Value> row : rows) {
            Object[] values = new Object[columns.size()];
            Arrays.fill(values, null);
            for (int i = 0; i < row.size(); i++) {
                values[targets[i]] = internal(row.get(i), columns.type(targets[i]), params, session);
            }
            for (int i = 0; i < omitted.length; i++) {
                values[omitted[i]] = internal(omittedValues.get(i), columns.type(omitted[i]), params, session);
            }
            for (int c = 0; c < values.length; c++) {
                values[c] = WriteStatements.assign(values[c], columns.type(c), columns.field(c), table.name());
            }
            batch.addRow(values, 1);
            written.add(values);
        }
        if (record) {
            ctx.changeTable(table.id(), List.of(batch.build(ctx.allocator())), session.zone());
        }
        return written;
    }
}
