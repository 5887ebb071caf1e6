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
