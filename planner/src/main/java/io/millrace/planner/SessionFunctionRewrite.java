package io.millrace.planner;

import io.millrace.common.MillraceException;
import io.millrace.common.PgText;
import io.millrace.common.SqlState;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * PostgreSQL's session and catalog information functions ({@code current_user}, {@code version()},
 * {@code pg_table_is_visible(oid)}, {@code format_type(oid, int)}, ...). Each call becomes an
 * ordinary expression over what {@link SessionFunctions} says when the statement is planned: a
 * constant, or a CASE over the oids the catalog holds.
 */
final class SessionFunctionRewrite {
    private SessionFunctionRewrite() {
    }

    private static SqlFunction function(String name, org.apache.calcite.sql.type.SqlReturnTypeInference type,
            org.apache.calcite.sql.type.SqlOperandTypeChecker operands) {
        return new SqlFunction(name, SqlKind.OTHER_FUNCTION, type, null, operands, SqlFunctionCategory.SYSTEM);
    }

    private static final org.apache.calcite.sql.type.SqlReturnTypeInference TEXT =
            ReturnTypes.explicit(SqlTypeName.VARCHAR);
    private static final org.apache.calcite.sql.type.SqlReturnTypeInference NULLABLE_TEXT =
            ReturnTypes.explicit(SqlTypeName.VARCHAR).andThen(org.apache.calcite.sql.type.SqlTypeTransforms.FORCE_NULLABLE);
    private static final org.apache.calcite.sql.type.SqlReturnTypeInference NULLABLE_BOOLEAN =
            ReturnTypes.explicit(SqlTypeName.BOOLEAN).andThen(org.apache.calcite.sql.type.SqlTypeTransforms.FORCE_NULLABLE);

    static final SqlFunction VERSION = function("VERSION", TEXT, OperandTypes.NILADIC);
    static final SqlFunction CURRENT_DATABASE = function("CURRENT_DATABASE", TEXT, OperandTypes.NILADIC);
    static final SqlFunction CURRENT_SETTING = function("CURRENT_SETTING", TEXT, OperandTypes.CHARACTER);
    static final SqlFunction PG_GET_USERBYID = function("PG_GET_USERBYID", NULLABLE_TEXT, OperandTypes.INTEGER);
    /** {@code MR_OBJECT_NAME(oid, 'regclass')}: the text a regclass (regtype, ...) value prints as. */
    static final SqlFunction OBJECT_NAME = function("MR_OBJECT_NAME", NULLABLE_TEXT,
            OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.CHARACTER));
    static final SqlFunction PG_TABLE_IS_VISIBLE = function("PG_TABLE_IS_VISIBLE", NULLABLE_BOOLEAN,
            OperandTypes.INTEGER);
    static final SqlFunction PG_TYPE_IS_VISIBLE = function("PG_TYPE_IS_VISIBLE", NULLABLE_BOOLEAN,
            OperandTypes.INTEGER);
    static final SqlFunction PG_FUNCTION_IS_VISIBLE = function("PG_FUNCTION_IS_VISIBLE", NULLABLE_BOOLEAN,
            OperandTypes.INTEGER);
    /** Operators, conversions, text search objects, operator classes and collations: built in, visible. */
    static final List<SqlFunction> BUILT_IN_VISIBLE = java.util.stream.Stream.of("PG_OPERATOR_IS_VISIBLE",
            "PG_CONVERSION_IS_VISIBLE", "PG_TS_CONFIG_IS_VISIBLE", "PG_TS_DICT_IS_VISIBLE", "PG_TS_PARSER_IS_VISIBLE",
            "PG_TS_TEMPLATE_IS_VISIBLE", "PG_OPCLASS_IS_VISIBLE", "PG_OPFAMILY_IS_VISIBLE", "PG_COLLATION_IS_VISIBLE")
            .map(n -> function(n, NULLABLE_BOOLEAN, OperandTypes.INTEGER)).toList();
    static final SqlFunction FORMAT_TYPE = function("FORMAT_TYPE", NULLABLE_TEXT,
            OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER));
    static final SqlFunction PG_GET_VIEWDEF = function("PG_GET_VIEWDEF", NULLABLE_TEXT,
            OperandTypes.or(OperandTypes.INTEGER, OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.BOOLEAN)));
    static final SqlFunction PG_ENCODING_TO_CHAR = function("PG_ENCODING_TO_CHAR", NULLABLE_TEXT,
            OperandTypes.INTEGER);
    /** No object has a comment (there is no COMMENT ON yet), so these are always NULL. */
    static final SqlFunction OBJ_DESCRIPTION = function("OBJ_DESCRIPTION", NULLABLE_TEXT,
            OperandTypes.or(OperandTypes.INTEGER, OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.CHARACTER)));
    static final SqlFunction COL_DESCRIPTION = function("COL_DESCRIPTION", NULLABLE_TEXT,
            OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER));
    static final SqlFunction SHOBJ_DESCRIPTION = function("SHOBJ_DESCRIPTION", NULLABLE_TEXT,
            OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.CHARACTER));
    /** A column default's text (pg_attrdef.adbin holds it as pg_get_expr would show it). */
    static final SqlFunction PG_GET_EXPR = function("PG_GET_EXPR", NULLABLE_TEXT,
            OperandTypes.or(OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER),
                    OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER, SqlTypeFamily.BOOLEAN)));
    /** The sequence a serial or identity column owns, by the names of its table and column. */
    static final SqlFunction PG_GET_SERIAL_SEQUENCE = function("PG_GET_SERIAL_SEQUENCE", NULLABLE_TEXT,
            OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER));
    /** The schemas of the search path that exist, pg_catalog first when the argument is true. */
    static final SqlFunction CURRENT_SCHEMAS = function("CURRENT_SCHEMAS", b -> b.getTypeFactory().createArrayType(
            b.getTypeFactory().createSqlType(SqlTypeName.VARCHAR), -1), OperandTypes.BOOLEAN);

    /** There are no publications (logical replication) to publish a relation in. */
    static final SqlFunction PG_RELATION_IS_PUBLISHABLE = function("PG_RELATION_IS_PUBLISHABLE", NULLABLE_BOOLEAN,
            OperandTypes.INTEGER);

    /** pg_proc is empty (functions are built in and not catalogued), so there is no function to describe. */
    static final SqlFunction PG_GET_FUNCTION_RESULT = function("PG_GET_FUNCTION_RESULT", NULLABLE_TEXT,
            OperandTypes.INTEGER);
    static final SqlFunction PG_GET_FUNCTION_ARGUMENTS = function("PG_GET_FUNCTION_ARGUMENTS", NULLABLE_TEXT,
            OperandTypes.INTEGER);

    /** No extended statistics exist (there is no CREATE STATISTICS). */
    static final SqlFunction PG_GET_STATISTICSOBJDEF_COLUMNS = function("PG_GET_STATISTICSOBJDEF_COLUMNS",
            NULLABLE_TEXT, OperandTypes.INTEGER);

    static final SqlFunction PG_GET_INDEXDEF = function("PG_GET_INDEXDEF", NULLABLE_TEXT,
            OperandTypes.or(OperandTypes.INTEGER, OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER,
                    SqlTypeFamily.BOOLEAN)));
    static final SqlFunction PG_GET_CONSTRAINTDEF = function("PG_GET_CONSTRAINTDEF", NULLABLE_TEXT,
            OperandTypes.or(OperandTypes.INTEGER, OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.BOOLEAN)));

    private static final org.apache.calcite.sql.type.SqlReturnTypeInference NULLABLE_BIGINT =
            ReturnTypes.explicit(SqlTypeName.BIGINT).andThen(org.apache.calcite.sql.type.SqlTypeTransforms.FORCE_NULLABLE);

    /** Sizes in bytes of a relation (by oid); the fork name of pg_relation_size(oid, fork) changes nothing. */
    static final SqlFunction PG_RELATION_SIZE = function("PG_RELATION_SIZE", NULLABLE_BIGINT,
            OperandTypes.or(OperandTypes.INTEGER, OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.CHARACTER)));
    static final SqlFunction PG_TABLE_SIZE = function("PG_TABLE_SIZE", NULLABLE_BIGINT, OperandTypes.INTEGER);
    static final SqlFunction PG_TOTAL_RELATION_SIZE = function("PG_TOTAL_RELATION_SIZE", NULLABLE_BIGINT,
            OperandTypes.INTEGER);
    static final SqlFunction PG_INDEXES_SIZE = function("PG_INDEXES_SIZE", NULLABLE_BIGINT, OperandTypes.INTEGER);
    /** The whole database: every relation's rows and state. */
    static final SqlFunction PG_DATABASE_SIZE = function("PG_DATABASE_SIZE", NULLABLE_BIGINT,
            OperandTypes.or(OperandTypes.INTEGER, OperandTypes.CHARACTER));
    /** No table is partitioned. */
    static final SqlFunction PG_GET_PARTKEYDEF = function("PG_GET_PARTKEYDEF", NULLABLE_TEXT, OperandTypes.INTEGER);
    /** Indexes are recorded but not read from yet: none has been scanned. */
    static final SqlFunction PG_STAT_GET_NUMSCANS = function("PG_STAT_GET_NUMSCANS", NULLABLE_BIGINT,
            OperandTypes.INTEGER);
    /** The current transaction id, as the catalogs' xmin count: see SessionFunctions.currentXid. */
    static final SqlFunction TXID_CURRENT = function("TXID_CURRENT", ReturnTypes.BIGINT, OperandTypes.NILADIC);
    /** age(xid): how many transactions ago a transaction id was, as an integer. */
    static final SqlFunction AGE_XID = function("AGE", ReturnTypes.explicit(SqlTypeName.INTEGER)
            .andThen(org.apache.calcite.sql.type.SqlTypeTransforms.TO_NULLABLE), OperandTypes.INTEGER);

    /** Every tablespace is the default one, whose location PostgreSQL gives as the empty string. */
    static final SqlFunction PG_TABLESPACE_LOCATION = function("PG_TABLESPACE_LOCATION", NULLABLE_TEXT,
            OperandTypes.INTEGER);
    /** current_schema() written as a function call (the keyword form is Calcite's CURRENT_SCHEMA). */
    static final SqlFunction CURRENT_SCHEMA_CALL = function("CURRENT_SCHEMA", NULLABLE_TEXT, OperandTypes.NILADIC);
    /** What an index access method can do; btree is the only one, and can do all of these. */
    static final SqlFunction PG_INDEXAM_HAS_PROPERTY = function("PG_INDEXAM_HAS_PROPERTY", NULLABLE_BOOLEAN,
            OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.CHARACTER));
    /** There are no triggers to describe. */
    static final SqlFunction PG_GET_TRIGGERDEF = function("PG_GET_TRIGGERDEF", NULLABLE_TEXT,
            OperandTypes.or(OperandTypes.INTEGER, OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.BOOLEAN)));
    /** When the server started. */
    static final SqlFunction PG_POSTMASTER_START_TIME = function("PG_POSTMASTER_START_TIME",
            ReturnTypes.explicit(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 6), OperandTypes.NILADIC);

    /** A Millrace server is never a standby replaying a primary's log. */
    static final SqlFunction PG_IS_IN_RECOVERY = function("PG_IS_IN_RECOVERY", ReturnTypes.BOOLEAN,
            OperandTypes.NILADIC);

    /** There is no GRANT yet: every role may do everything to every object, so each of these is true. */
    private static final List<SqlFunction> PRIVILEGE_CHECKS = java.util.stream.Stream.of("HAS_DATABASE_PRIVILEGE",
            "HAS_SCHEMA_PRIVILEGE", "HAS_TABLE_PRIVILEGE", "HAS_ANY_COLUMN_PRIVILEGE", "HAS_COLUMN_PRIVILEGE",
            "HAS_SEQUENCE_PRIVILEGE", "HAS_FUNCTION_PRIVILEGE", "HAS_TYPE_PRIVILEGE")
            .map(name -> function(name, NULLABLE_BOOLEAN, OperandTypes.or(OperandTypes.ANY_ANY,
                    OperandTypes.family(SqlTypeFamily.ANY, SqlTypeFamily.ANY, SqlTypeFamily.ANY),
                    OperandTypes.family(SqlTypeFamily.ANY, SqlTypeFamily.ANY, SqlTypeFamily.ANY, SqlTypeFamily.ANY))))
            .toList();

    /** Looked up for every call of every planned statement: built once. */
    private static final List<SqlOperator> FUNCTIONS = List.of(PG_GET_INDEXDEF, PG_GET_CONSTRAINTDEF, VERSION,
            CURRENT_DATABASE, CURRENT_SETTING, PG_GET_USERBYID, PG_TABLE_IS_VISIBLE, PG_TYPE_IS_VISIBLE,
            PG_FUNCTION_IS_VISIBLE, FORMAT_TYPE, PG_GET_VIEWDEF, PG_ENCODING_TO_CHAR, OBJ_DESCRIPTION,
            COL_DESCRIPTION, SHOBJ_DESCRIPTION, PG_GET_EXPR, PG_GET_STATISTICSOBJDEF_COLUMNS, CURRENT_SCHEMAS,
            PG_GET_FUNCTION_RESULT, PG_GET_FUNCTION_ARGUMENTS, PG_RELATION_IS_PUBLISHABLE, PG_RELATION_SIZE,
            PG_TABLE_SIZE, PG_TOTAL_RELATION_SIZE, PG_INDEXES_SIZE, PG_DATABASE_SIZE, PG_GET_PARTKEYDEF,
            PG_STAT_GET_NUMSCANS, PG_IS_IN_RECOVERY, TXID_CURRENT, AGE_XID, PG_TABLESPACE_LOCATION,
            CURRENT_SCHEMA_CALL, PG_INDEXAM_HAS_PROPERTY, PG_POSTMASTER_START_TIME, PG_GET_TRIGGERDEF,
            PG_GET_SERIAL_SEQUENCE, OBJECT_NAME);
    private static final List<SqlOperator> ALL_FUNCTIONS =
            java.util.stream.Stream.of(FUNCTIONS, PRIVILEGE_CHECKS, BUILT_IN_VISIBLE).flatMap(List::stream)
                    .map(f -> (SqlOperator) f).toList();
    private static final java.util.Set<SqlOperator> FUNCTION_SET = java.util.Set.copyOf(ALL_FUNCTIONS);

    static List<SqlOperator> functions() {
        return ALL_FUNCTIONS;
    }

    /** {@code rel} with every session function call replaced; {@code session} may be null outside a session. */
    static RelNode apply(RelNode rel, SessionFunctions session) {
        return CallRewriter.apply(rel, (call, rex) -> replace(call, session, rex));
    }

    private static RexNode replace(RexCall call, SessionFunctions session, RexBuilder rex) {
        SqlOperator op = call.getOperator();
        if (SequenceCalls.FUNCTIONS.contains(op) && session != null) {
            return sequenceByName(call, session, rex);
        }
        boolean ours = FUNCTION_SET.contains(op);
        boolean context = op == SqlStdOperatorTable.CURRENT_USER || op == SqlStdOperatorTable.SESSION_USER
                || op == SqlStdOperatorTable.USER || op == SqlStdOperatorTable.CURRENT_SCHEMA
                || op == SqlStdOperatorTable.CURRENT_CATALOG || op == SqlStdOperatorTable.CURRENT_ROLE;
        if (!ours && !context) {
            return null;
        }
        if (session == null) {
            throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "function "
                    + op.getName().toLowerCase(Locale.ROOT) + " can only be used in a session's queries");
        }
        List<RexNode> args = call.getOperands();
        if (context) {
            if (op == SqlStdOperatorTable.CURRENT_SCHEMA) {
                return text(rex, session.currentSchema());
            }
            return text(rex, op == SqlStdOperatorTable.CURRENT_CATALOG ? session.currentDatabase() : session.currentUser());
        }
        if (op == VERSION) {
            return text(rex, session.version());
        }
        if (op == CURRENT_DATABASE) {
            return text(rex, session.currentDatabase());
        }
        if (op == CURRENT_SCHEMAS) {
            List<String> path = session.searchPath();
            List<String> implicit = new java.util.ArrayList<>();
            if (!path.contains("pg_catalog")) {
                implicit.add("pg_catalog");
            }
            implicit.addAll(path);
            return rex.makeCall(SqlStdOperatorTable.CASE, args.get(0), textArray(rex, implicit, call.getType()),
                    textArray(rex, path, call.getType()));
        }
        if (op == CURRENT_SETTING) {
            return currentSetting(args.get(0), session, rex);
        }
        if (op == OBJECT_NAME) {
            // An oid no object has prints as the number, as in PostgreSQL.
            String type = ((org.apache.calcite.rex.RexLiteral) args.get(1)).getValueAs(String.class);
            return lookup(rex, args.get(0), session.objectNames(type), asText(rex, args.get(0)));
        }
        if (op == PG_GET_USERBYID) {
            RexNode unknown = concat(rex, text(rex, "unknown (OID="), asText(rex, args.get(0)), text(rex, ")"));
            return lookup(rex, args.get(0), session.roleNames(), unknown);
        }
        if (op == PG_TABLE_IS_VISIBLE) {
            RexNode x = args.get(0);
            RexNode hidden = session.invisibleRelations().isEmpty() ? rex.makeLiteral(false)
                    : rex.makeIn(x, session.invisibleRelations().stream().map(o -> (RexNode) oid(rex, x, o)).toList());
            return rex.makeCall(SqlStdOperatorTable.CASE, rex.makeCall(SqlStdOperatorTable.IS_NULL, x),
                    rex.makeNullLiteral(call.getType()), rex.makeCall(SqlStdOperatorTable.NOT, hidden));
        }
        if (op == PG_TYPE_IS_VISIBLE || op == PG_FUNCTION_IS_VISIBLE || BUILT_IN_VISIBLE.contains(op)) {
            // Every type, function and operator is built in, in pg_catalog, which is always searched.
            // Typed as the call, so that no cast of nullability alone wraps it (a filter refuses one).
            return rex.makeCall(call.getType(), SqlStdOperatorTable.CASE, List.of(
                    rex.makeCall(SqlStdOperatorTable.IS_NULL, args.get(0)), rex.makeNullLiteral(call.getType()),
                    rex.makeLiteral(true)));
        }
        if (op == PG_RELATION_IS_PUBLISHABLE) {
            return rex.makeCall(SqlStdOperatorTable.CASE, rex.makeCall(SqlStdOperatorTable.IS_NULL, args.get(0)),
                    rex.makeNullLiteral(call.getType()), rex.makeLiteral(false));
        }
        if (op == FORMAT_TYPE) {
            return formatType(args.get(0), args.get(1), session.typeNames(), rex);
        }
        if (op == PG_GET_VIEWDEF) {
            return lookup(rex, args.get(0), session.viewDefinitions(), rex.makeNullLiteral(varchar(rex)));
        }
        if (op == PG_GET_INDEXDEF) {
            if (args.size() == 3) {
                // A column number other than 0 asks for that column of the index only.
                List<RexNode> operands = new ArrayList<>();
                operands.add(rex.makeCall(SqlStdOperatorTable.EQUALS, args.get(1), rex.makeExactLiteral(BigDecimal.ZERO)));
                operands.add(rex.makeCast(varchar(rex), lookup(rex, args.get(0), session.indexDefinitions(),
                        rex.makeNullLiteral(varchar(rex)))));
                for (Map.Entry<Long, List<String>> index : session.indexColumnNames().entrySet()) {
                    for (int i = 0; i < index.getValue().size(); i++) {
                        operands.add(rex.makeCall(SqlStdOperatorTable.AND,
                                rex.makeCall(SqlStdOperatorTable.EQUALS, args.get(0), oid(rex, args.get(0), index.getKey())),
                                rex.makeCall(SqlStdOperatorTable.EQUALS, args.get(1),
                                        rex.makeExactLiteral(BigDecimal.valueOf(i + 1)))));
                        operands.add(text(rex, PgText.quoteIdentifier(index.getValue().get(i))));
                    }
                }
                operands.add(rex.makeNullLiteral(varchar(rex)));
                return rex.makeCall(SqlStdOperatorTable.CASE, operands);
            }
            return lookup(rex, args.get(0), session.indexDefinitions(), rex.makeNullLiteral(varchar(rex)));
        }
        if (op == PG_GET_CONSTRAINTDEF) {
            return lookup(rex, args.get(0), session.constraintDefinitions(), rex.makeNullLiteral(varchar(rex)));
        }
        if (op == PG_RELATION_SIZE || op == PG_TABLE_SIZE || op == PG_TOTAL_RELATION_SIZE || op == PG_INDEXES_SIZE) {
            Map<Long, Long> sizes = session.relationSizes(op == PG_TOTAL_RELATION_SIZE);
            if (op == PG_INDEXES_SIZE) {
                sizes.replaceAll((oid, bytes) -> 0L);
            }
            return lookupBigint(rex, args.get(0), sizes);
        }
        if (op == PG_DATABASE_SIZE) {
            long total = session.relationSizes(true).values().stream().mapToLong(Long::longValue).sum();
            return rex.makeCall(SqlStdOperatorTable.CASE, rex.makeCall(SqlStdOperatorTable.IS_NULL, args.get(0)),
                    rex.makeNullLiteral(call.getType()), rex.makeBigintLiteral(BigDecimal.valueOf(total)));
        }
        if (op == PG_STAT_GET_NUMSCANS) {
            return rex.makeCall(SqlStdOperatorTable.CASE, rex.makeCall(SqlStdOperatorTable.IS_NULL, args.get(0)),
                    rex.makeNullLiteral(call.getType()), rex.makeBigintLiteral(BigDecimal.ZERO));
        }
        if (PRIVILEGE_CHECKS.contains(op)) {
            RexNode anyNull = rex.makeCall(SqlStdOperatorTable.OR, args.stream()
                    .map(a -> rex.makeCall(SqlStdOperatorTable.IS_NULL, a)).toList());
            return rex.makeCall(SqlStdOperatorTable.CASE, anyNull, rex.makeNullLiteral(call.getType()),
                    rex.makeLiteral(true));
        }
        if (op == PG_TABLESPACE_LOCATION) {
            return rex.makeCall(SqlStdOperatorTable.CASE, rex.makeCall(SqlStdOperatorTable.IS_NULL, args.get(0)),
                    rex.makeNullLiteral(call.getType()), text(rex, ""));
        }
        if (op == CURRENT_SCHEMA_CALL) {
            return text(rex, session.currentSchema());
        }
        if (op == PG_INDEXAM_HAS_PROPERTY) {
            // btree (oid 403) can order, be unique, cover several columns, exclude and include.
            RexNode btree = rex.makeCall(SqlStdOperatorTable.EQUALS, args.get(0), oid(rex, args.get(0), 403));
            RexNode known = rex.makeIn(rex.makeCall(SqlStdOperatorTable.LOWER, args.get(1)), List.of(
                    text(rex, "can_order"), text(rex, "can_unique"), text(rex, "can_multi_col"),
                    text(rex, "can_exclude"), text(rex, "can_include")));
            return rex.makeCall(SqlStdOperatorTable.CASE, rex.makeCall(SqlStdOperatorTable.AND, btree, known),
                    rex.makeLiteral(true), rex.makeNullLiteral(call.getType()));
        }
        if (op == PG_POSTMASTER_START_TIME) {
            return rex.makeTimestampWithLocalTimeZoneLiteral(new org.apache.calcite.util.TimestampString(
                    java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", java.util.Locale.ROOT)
                            .format(java.time.LocalDateTime.ofInstant(session.serverStartTime(), java.time.ZoneOffset.UTC))),
                    6);
        }
        if (op == TXID_CURRENT) {
            return rex.makeBigintLiteral(BigDecimal.valueOf(session.currentXid()));
        }
        if (op == AGE_XID) {
            RelDataType integer = rex.getTypeFactory().createTypeWithNullability(
                    rex.getTypeFactory().createSqlType(SqlTypeName.INTEGER), true);
            return rex.makeCast(integer, rex.makeCall(SqlStdOperatorTable.MINUS,
                    rex.makeBigintLiteral(BigDecimal.valueOf(session.currentXid())), args.get(0)));
        }
        if (op == PG_IS_IN_RECOVERY) {
            return rex.makeLiteral(false);
        }
        if (op == PG_ENCODING_TO_CHAR) {
            return lookup(rex, args.get(0), Map.of(6L, "UTF8"), text(rex, ""));
        }
        if (op == PG_GET_SERIAL_SEQUENCE) {
            if (!(args.get(0) instanceof org.apache.calcite.rex.RexLiteral table)
                    || !(args.get(1) instanceof org.apache.calcite.rex.RexLiteral column)) {
                throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                        "pg_get_serial_sequence takes only constant arguments here");
            }
            String sequence = session.serialSequence(table.getValueAs(String.class), column.getValueAs(String.class));
            return sequence == null ? rex.makeNullLiteral(call.getType()) : text(rex, sequence);
        }
        if (op == PG_GET_EXPR) {
            // pg_attrdef.adbin already holds a default's text, as pg_get_expr would deparse it.
            return rex.makeCast(call.getType(), args.get(0), true, false);
        }
        // obj_description, col_description, shobj_description,
        // pg_get_statisticsobjdef_columns, pg_get_function_result/arguments: nothing stored to describe.
        return rex.makeNullLiteral(call.getType());
    }

    /**
     * A sequence function whose sequence is a name computed when the statement is planned
     * ({@code setval(pg_get_serial_sequence('t', 'id'), ...)}), with the name looked up as a
     * regclass; null for any other call of one.
     */
    private static RexNode sequenceByName(RexCall call, SessionFunctions session, RexBuilder rex) {
        if (call.getOperands().isEmpty()) {
            return null;
        }
        RexNode name = call.getOperands().get(0);
        while (name.isA(SqlKind.CAST)) {
            name = ((RexCall) name).getOperands().get(0);
        }
        if (!(name instanceof org.apache.calcite.rex.RexLiteral literal)
                || literal.getTypeName().getFamily() != SqlTypeFamily.CHARACTER) {
            return null;
        }
        String text = literal.getValueAs(String.class);
        Long oid = session.objectOid("regclass", text);
        if (oid == null) {
            throw new MillraceException(SqlState.UNDEFINED_TABLE, "relation \"" + text + "\" does not exist");
        }
        List<RexNode> operands = new ArrayList<>(call.getOperands());
        operands.set(0, rex.makeLiteral(oid, call.getOperands().get(0).getType(), false));
        return call.clone(call.getType(), operands);
    }

    private static RexNode textArray(RexBuilder rex, List<String> values, RelDataType type) {
        if (values.isEmpty()) {
            return rex.makeCast(type, rex.makeLiteral("{}"));
        }
        return rex.makeCall(type, SqlStdOperatorTable.ARRAY_VALUE_CONSTRUCTOR,
                values.stream().map(v -> text(rex, v)).toList());
    }

    private static RelDataType varchar(RexBuilder rex) {
        return rex.getTypeFactory().createTypeWithNullability(
                rex.getTypeFactory().createSqlType(SqlTypeName.VARCHAR), true);
    }

    private static RexNode text(RexBuilder rex, String value) {
        return value == null ? rex.makeNullLiteral(varchar(rex)) : rex.makeLiteral(value, varchar(rex), false);
    }

    private static RexNode oid(RexBuilder rex, RexNode like, long value) {
        return rex.makeExactLiteral(BigDecimal.valueOf(value), rex.getTypeFactory().createTypeWithNullability(
                like.getType(), false));
    }

    /** CASE x WHEN k THEN v ... END as bigint: NULL for a NULL x or a key not there. */
    private static RexNode lookupBigint(RexBuilder rex, RexNode x, Map<Long, Long> values) {
        RelDataType bigint = rex.getTypeFactory().createTypeWithNullability(
                rex.getTypeFactory().createSqlType(SqlTypeName.BIGINT), true);
        List<RexNode> operands = new ArrayList<>();
        for (Map.Entry<Long, Long> e : values.entrySet()) {
            operands.add(rex.makeCall(SqlStdOperatorTable.EQUALS, x, oid(rex, x, e.getKey())));
            operands.add(rex.makeExactLiteral(BigDecimal.valueOf(e.getValue()), bigint));
        }
        operands.add(rex.makeNullLiteral(bigint));
        return operands.size() == 1 ? operands.get(0) : rex.makeCall(SqlStdOperatorTable.CASE, operands);
    }

    /** CASE x WHEN k THEN v ... ELSE otherwise END, NULL for a NULL x. */
    private static RexNode lookup(RexBuilder rex, RexNode x, Map<Long, String> values, RexNode otherwise) {
        List<RexNode> operands = new ArrayList<>();
        operands.add(rex.makeCall(SqlStdOperatorTable.IS_NULL, x));
        operands.add(rex.makeNullLiteral(varchar(rex)));
        for (Map.Entry<Long, String> e : values.entrySet()) {
            operands.add(rex.makeCall(SqlStdOperatorTable.EQUALS, x, oid(rex, x, e.getKey())));
            operands.add(text(rex, e.getValue()));
        }
        operands.add(rex.makeCast(varchar(rex), otherwise));
        return rex.makeCall(SqlStdOperatorTable.CASE, operands);
    }

    /**
     * PostgreSQL's current_setting(name): for a constant name its value; for a name computed per
     * row (psql's {@code \\dconfig} reads {@code current_setting(s.name)} over pg_settings), a
     * CASE over every setting, names matched in lower case, NULL for one that does not exist.
     */
    private static RexNode currentSetting(RexNode name, SessionFunctions session, RexBuilder rex) {
        if (!(name instanceof org.apache.calcite.rex.RexLiteral literal)) {
            RexNode lower = rex.makeCall(SqlStdOperatorTable.LOWER, name);
            List<RexNode> operands = new ArrayList<>();
            for (Map.Entry<String, String> e : session.settings().entrySet()) {
                operands.add(rex.makeCall(SqlStdOperatorTable.EQUALS, lower,
                        text(rex, e.getKey().toLowerCase(java.util.Locale.ROOT))));
                operands.add(text(rex, e.getValue()));
            }
            operands.add(rex.makeNullLiteral(varchar(rex)));
            return operands.size() == 1 ? operands.get(0) : rex.makeCall(SqlStdOperatorTable.CASE, operands);
        }
        String n = literal.getValueAs(String.class);
        String value = session.setting(n);
        if (value == null) {
            throw new MillraceException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + n + "\"");
        }
        return text(rex, value);
    }

    /**
     * format_type(oid, typmod): the type's name, with the length of {@code character varying(n)} and
     * {@code character(n)} and the precision and scale of {@code numeric(p,s)} decoded from the type
     * modifier as PostgreSQL encodes them (n + 4; (p &lt;&lt; 16 | s) + 4).
     */
    private static RexNode formatType(RexNode type, RexNode typmod, Map<Long, String> names, RexBuilder rex) {
        RexNode mod = rex.makeCall(SqlStdOperatorTable.MINUS, typmod, rex.makeExactLiteral(BigDecimal.valueOf(4)));
        RexNode hasMod = rex.makeCall(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, typmod,
                rex.makeExactLiteral(BigDecimal.valueOf(4)));
        List<RexNode> operands = new ArrayList<>();
        operands.add(rex.makeCall(SqlStdOperatorTable.IS_NULL, type));
        operands.add(rex.makeNullLiteral(varchar(rex)));
        for (Map.Entry<Long, String> e : names.entrySet()) {
            long oid = e.getKey();
            RexNode name = text(rex, e.getValue());
            RexNode withMod;
            if (oid == 1043 || oid == 1042) {
                String base = oid == 1043 ? "character varying" : "character";
                withMod = concat(rex, text(rex, base + "("), asText(rex, mod), text(rex, ")"));
            } else if (oid == 1700) {
                RexNode sixteen = rex.makeExactLiteral(BigDecimal.valueOf(65536));
                RexNode precision = rex.makeCall(SqlStdOperatorTable.DIVIDE, mod, sixteen);
                RexNode scale = rex.makeCall(SqlStdOperatorTable.MOD, mod, sixteen);
                withMod = concat(rex, text(rex, "numeric("), asText(rex, precision), text(rex, ","), asText(rex, scale),
                        text(rex, ")"));
            } else {
                withMod = null;
            }
            operands.add(rex.makeCall(SqlStdOperatorTable.EQUALS, type, oid(rex, type, oid)));
            operands.add(withMod == null ? name
                    : rex.makeCall(SqlStdOperatorTable.CASE, hasMod, rex.makeCast(varchar(rex), withMod),
                            oid == 1042 ? text(rex, "bpchar") : name));
        }
        operands.add(text(rex, "???"));
        return rex.makeCall(SqlStdOperatorTable.CASE, operands);
    }

    private static RexNode asText(RexBuilder rex, RexNode n) {
        return rex.makeCast(varchar(rex), n);
    }

    private static RexNode concat(RexBuilder rex, RexNode... parts) {
        RexNode out = parts[0];
        for (int i = 1; i < parts.length; i++) {
            out = rex.makeCall(SqlStdOperatorTable.CONCAT, out, parts[i]);
        }
        return out;
    }
}
