package io.millrace.planner;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.parser.PgTypeNameSpec;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;

/**
 * {@code 'orders'::regclass} and its kin: an object's name, written where its oid is wanted, is
 * looked up when the statement is planned and replaced by the oid, as PostgreSQL does. A
 * {@code regproc} stays a name.
 */
final class ObjectNameLiterals {
    private static final Set<String> REG_TYPES = Set.of("regclass", "regtype", "regnamespace", "regrole", "regproc",
            "regprocedure");

    private ObjectNameLiterals() {
    }

    /** The object types whose values print as names. */
    private static final Set<String> NAMED_TYPES = Set.of("regclass", "regtype", "regnamespace", "regrole");

    /**
     * A regclass (regtype, regnamespace, regrole) value prints as its object's name, as in
     * PostgreSQL ({@code SELECT indrelid::regclass} shows the table's name): in the statement's
     * own select list and where one is cast to text, the cast becomes
     * {@link SessionFunctionRewrite#OBJECT_NAME} of it. Elsewhere (comparisons, joins) it stays
     * the oid it is.
     */
    static void nameOutputs(SqlNode statement) {
        SqlTreeRewriter.replaceAll(statement, n -> {
            if (n.getKind() == SqlKind.CAST && ((SqlCall) n).operand(1) instanceof SqlDataTypeSpec spec
                    && isText(spec) && namedType(((SqlCall) n).operand(0)) != null) {
                SqlCall inner = ((SqlCall) n).operand(0);
                return named(inner, namedType(inner));
            }
            return null;
        });
        for (org.apache.calcite.sql.SqlSelect select : topSelects(statement)) {
            org.apache.calcite.sql.SqlNodeList items = select.getSelectList();
            for (int i = 0; i < items.size(); i++) {
                SqlNode item = items.get(i);
                SqlCall as = item.getKind() == SqlKind.AS ? (SqlCall) item : null;
                SqlNode value = as != null ? as.operand(0) : item;
                String type = namedType(value);
                if (type == null) {
                    continue;
                }
                if (as != null) {
                    as.setOperand(0, named((SqlCall) value, type));
                } else {
                    items.set(i, named((SqlCall) value, type));
                }
            }
        }
    }

    /** The SELECTs whose items are the statement's result: the query's, or each branch of a set operation's. */
    private static java.util.List<org.apache.calcite.sql.SqlSelect> topSelects(SqlNode node) {
        if (node instanceof org.apache.calcite.sql.SqlSelect select) {
            return java.util.List.of(select);
        }
        if (node instanceof org.apache.calcite.sql.SqlOrderBy orderBy) {
            return topSelects(orderBy.query);
        }
        if (node instanceof SqlCall call && (node.getKind() == SqlKind.UNION || node.getKind() == SqlKind.INTERSECT
                || node.getKind() == SqlKind.EXCEPT)) {
            java.util.List<org.apache.calcite.sql.SqlSelect> out = new java.util.ArrayList<>();
            for (SqlNode operand : call.getOperandList()) {
                out.addAll(topSelects(operand));
            }
            return out;
        }
        return java.util.List.of();
    }

    /** The reg* type {@code node} casts to, if it is a cast to one that prints as a name; else null. */
    private static String namedType(SqlNode node) {
        if (node.getKind() == SqlKind.CAST && ((SqlCall) node).operand(1) instanceof SqlDataTypeSpec spec
                && spec.getTypeNameSpec() instanceof PgTypeNameSpec pg && NAMED_TYPES.contains(pg.pgTypeName())) {
            return pg.pgTypeName();
        }
        return null;
    }

    private static boolean isText(SqlDataTypeSpec spec) {
        return spec.getTypeNameSpec() instanceof PgTypeNameSpec pg ? pg.pgTypeName().equals("text")
                : spec.getTypeNameSpec() instanceof org.apache.calcite.sql.SqlBasicTypeNameSpec basic
                        && (basic.getTypeName().getSimple().equalsIgnoreCase("VARCHAR")
                                || basic.getTypeName().getSimple().equalsIgnoreCase("CHAR"));
    }

    private static SqlNode named(SqlCall cast, String type) {
        return SessionFunctionRewrite.OBJECT_NAME.createCall(cast.getParserPosition(), cast,
                SqlLiteral.createCharString(type, cast.getParserPosition()));
    }

    /** Replaces such casts under {@code node}, in place. */
    static void resolve(SqlNode node, SessionFunctions session) {
        SqlTreeRewriter.replaceAll(node, n -> replacement(n, session));
    }

    private static SqlNode replacement(SqlNode node, SessionFunctions session) {
        if (node == null || node.getKind() != SqlKind.CAST) {
            return null;
        }
        SqlCall cast = (SqlCall) node;
        if (!(cast.operand(0) instanceof SqlCharStringLiteral literal)
                || !(cast.operand(1) instanceof SqlDataTypeSpec spec)
                || !(spec.getTypeNameSpec() instanceof PgTypeNameSpec pg) || !REG_TYPES.contains(pg.pgTypeName())) {
            return null;
        }
        String name = literal.getValueAs(String.class);
        String type = pg.pgTypeName();
        if (type.equals("regproc") || type.equals("regprocedure")) {
            // Functions are not catalogued (pg_proc is empty): a function is known by its name, as
            // pg_type's typinput and the like name theirs ('pg_catalog.array_in'::regproc is 'array_in').
            String bare = name.replaceFirst("^pg_catalog\\.", "").replaceFirst("\\(.*$", "").strip();
            return SqlLiteral.createCharString(bare, node.getParserPosition());
        }
        Long oid = name.matches("\\d+") ? Long.valueOf(name) : session == null ? null : session.objectOid(type, name);
        if (oid == null) {
            throw switch (type) {
                case "regclass" -> new MillraceException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
                case "regtype" -> new MillraceException(SqlState.UNDEFINED_OBJECT, "type \"" + name + "\" does not exist");
                case "regnamespace" -> new MillraceException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name + "\" does not exist");
                case "regrole" -> new MillraceException(SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
                default -> new MillraceException(SqlState.UNDEFINED_FUNCTION, "function \"" + name + "\" does not exist");
            };
        }
        return SqlLiteral.createExactNumeric(oid.toString(), node.getParserPosition());
    }
}
