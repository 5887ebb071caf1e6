package io.millrace.planner;

import io.millrace.executor.plan.TableFunction;
import io.millrace.executor.plan.Values;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.Field;
import io.millrace.executor.type.RowSchema;
import io.millrace.parser.MillraceParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlTableFunction;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A function returning rows, as PostgreSQL's set-returning functions do: the engine's
 * {@link TableFunction} plan node runs it per input row ({@link #kind}), or, for
 * {@code pg_get_keywords()}, it is a constant relation ({@link #keywordRows}). Its columns have
 * fixed names; their types may follow its arguments'.
 */
final class PgTableFunction extends SqlFunction implements SqlTableFunction {
    /** What the TableFunction node computes; null for pg_get_keywords. */
    final TableFunction.Kind kind;
    /** The column names, as PostgreSQL names them. */
    final List<String> columns;
    /** The type a string argument is read as (json or jsonb), or null. */
    final DataType argumentType;
    private final BiFunction<SqlOperatorBinding, RelDataTypeFactory, List<RelDataType>> columnTypes;

    private PgTableFunction(String name, SqlOperandTypeChecker operands, TableFunction.Kind kind, List<String> columns,
            DataType argumentType, BiFunction<SqlOperatorBinding, RelDataTypeFactory, List<RelDataType>> columnTypes) {
        super(name.toUpperCase(Locale.ROOT), SqlKind.OTHER_FUNCTION, ReturnTypes.CURSOR, null, operands,
                SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION);
        this.kind = kind;
        this.columns = List.copyOf(columns);
        this.argumentType = argumentType;
        this.columnTypes = columnTypes;
    }

    @Override
    public SqlReturnTypeInference getRowTypeInference() {
        return binding -> {
            RelDataTypeFactory.Builder builder = binding.getTypeFactory().builder();
            List<RelDataType> types = columnTypes.apply(binding, binding.getTypeFactory());
            for (int i = 0; i < columns.size(); i++) {
                builder.add(columns.get(i), types.get(i));
            }
            return builder.build();
        };
    }

    private static RelDataType type(RelDataTypeFactory f, SqlTypeName name, boolean nullable) {
        return f.createTypeWithNullability(f.createSqlType(name), nullable);
    }

    /**
     * {@code generate_series(start, stop [, step])} over integers: integer when every argument is
     * an integer (or smaller), else bigint.
     */
    static final PgTableFunction GENERATE_SERIES = new PgTableFunction("generate_series",
            OperandTypes.or(OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER),
                    OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER)),
            TableFunction.Kind.GENERATE_SERIES, List.of("generate_series"), null, (b, f) -> {
                boolean big = false;
                for (int i = 0; i < b.getOperandCount(); i++) {
                    big |= b.getOperandType(i).getSqlTypeName() == SqlTypeName.BIGINT;
                }
                return List.of(type(f, big ? SqlTypeName.BIGINT : SqlTypeName.INTEGER, false));
            });

    /**
     * {@code information_schema._pg_expandarray(array)}: one row per element, with the element (x)
     * and its index from 1 (n). JDBC drivers and GUI tools read index keys with it.
     */
    static final PgTableFunction EXPAND_ARRAY = new PgTableFunction("_pg_expandarray", OperandTypes.ARRAY,
            TableFunction.Kind.EXPAND_ARRAY, List.of("x", "n"), null, (b, f) -> List.of(
                    f.createTypeWithNullability(b.getOperandType(0).getComponentType(), true),
                    type(f, SqlTypeName.INTEGER, false)));

    private static final List<String> KEYWORD_COLUMNS = List.of("word", "catcode", "barelabel", "catdesc", "baredesc");

    /**
     * {@code pg_get_keywords()}: the keywords Millrace's SQL grammar has, as PostgreSQL lists its own
     * (catcode R for reserved, U for usable as names), which clients read to highlight SQL.
     */
    static final PgTableFunction PG_GET_KEYWORDS = new PgTableFunction("pg_get_keywords", OperandTypes.NILADIC, null,
            KEYWORD_COLUMNS, null, (b, f) -> KEYWORD_COLUMNS.stream()
                    .map(c -> type(f, c.equals("barelabel") ? SqlTypeName.BOOLEAN : SqlTypeName.VARCHAR, false)).toList());

    /** pg_get_keywords()'s rows, from the grammar's own keyword table. */
    static Values keywordRows() {
        List<List<Object>> rows = new ArrayList<>();
        for (Map.Entry<String, Boolean> k : MillraceParser.keywords().entrySet()) {
            boolean reserved = k.getValue();
            rows.add(List.of(k.getKey(), reserved ? "R" : "U", !reserved, reserved ? "reserved" : "unreserved",
                    reserved ? "requires AS" : "can be bare label"));
        }
        List<Field> fields = new ArrayList<>();
        for (String c : KEYWORD_COLUMNS) {
            fields.add(new Field(c, c.equals("barelabel") ? DataType.BOOLEAN : DataType.TEXT, false));
        }
        return new Values(rows, new RowSchema(fields));
    }

    /**
     * A set-returning json function, {@code jsonb_array_elements} and the like ({@code binary}: the
     * jsonb_ one): its values are json, jsonb or, for the {@code _text} ones, text.
     */
    private static PgTableFunction json(TableFunction.Kind kind, boolean binary) {
        String name = (binary ? "jsonb_" : "json_") + kind.name().substring("JSON_".length()).toLowerCase(Locale.ROOT);
        List<String> columns = switch (kind) {
            case JSON_EACH, JSON_EACH_TEXT -> List.of("key", "value");
            case JSON_OBJECT_KEYS -> List.of(name);
            default -> List.of("value");
        };
        boolean text = kind == TableFunction.Kind.JSON_ARRAY_ELEMENTS_TEXT || kind == TableFunction.Kind.JSON_EACH_TEXT
                || kind == TableFunction.Kind.JSON_OBJECT_KEYS;
        return new PgTableFunction(name, OperandTypes.ANY, kind, columns, binary ? DataType.JSONB : DataType.JSON,
                (b, f) -> {
                    RelDataType value = text ? type(f, SqlTypeName.VARCHAR, true) : TypeMapping.jsonType(f, binary);
                    return columns.size() == 2 ? List.of(type(f, SqlTypeName.VARCHAR, false), value) : List.of(value);
                });
    }

    /** Every one of them. */
    static final List<PgTableFunction> ALL = all();

    private static List<PgTableFunction> all() {
        List<PgTableFunction> out = new ArrayList<>(List.of(GENERATE_SERIES, EXPAND_ARRAY, PG_GET_KEYWORDS));
        for (TableFunction.Kind kind : List.of(TableFunction.Kind.JSON_ARRAY_ELEMENTS,
                TableFunction.Kind.JSON_ARRAY_ELEMENTS_TEXT, TableFunction.Kind.JSON_OBJECT_KEYS,
                TableFunction.Kind.JSON_EACH, TableFunction.Kind.JSON_EACH_TEXT)) {
            out.add(json(kind, true));
            out.add(json(kind, false));
        }
        return List.copyOf(out);
    }

    /** The one named {@code name} (lower case), or null. */
    static PgTableFunction named(String name) {
        for (PgTableFunction f : ALL) {
            if (f.getName().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }
}
