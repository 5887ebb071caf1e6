package io.millrace.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE ROLE|USER name [WITH] option ...}, {@code ALTER ROLE|USER name [WITH] option ...}
 * and {@code DROP ROLE|USER [IF EXISTS] name, ...}. Options are kept by name in lower case
 * ({@code login}, {@code nologin}, {@code superuser}, ...); {@code password} maps to its string,
 * or to {@code null} for {@code PASSWORD NULL}.
 */
public final class SqlRoleStatement extends SqlCall implements MillraceStatement {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("ROLE", SqlKind.OTHER_DDL);

    public enum Action { CREATE, ALTER, DROP }

    private final Action action;
    private final boolean user;
    private final List<String> names;
    private final boolean ifExists;
    private final Map<String, String> options;

    public SqlRoleStatement(SqlParserPos pos, Action action, boolean user, List<String> names, boolean ifExists,
            Map<String, String> options) {
        super(pos);
        this.action = requireNonNull(action, "action is null");
        this.user = user;
        this.names = List.copyOf(names);
        this.ifExists = ifExists;
        this.options = new LinkedHashMap<>(options);
    }

    /** Options from the parser's alternating list of names and values. */
    public static Map<String, String> options(List<Object> namesAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.size(); i += 2) {
            out.put((String) namesAndValues.get(i), (String) namesAndValues.get(i + 1));
        }
        return out;
    }

    /** Names as the parser collects them. */
    public static List<String> names(List<Object> names) {
        return names.stream().map(String.class::cast).toList();
    }

    @Override
    public StatementKind statementKind() {
        return StatementKind.ROLE;
    }

    public Action action() {
        return action;
    }

    /** Written as USER (CREATE USER implies LOGIN). */
    public boolean user() {
        return user;
    }

    public List<String> names() {
        return names;
    }

    public boolean ifExists() {
        return ifExists;
    }

    /** Options by lower-case name; PASSWORD's value may be null. */
    public Map<String, String> options() {
        return java.util.Collections.unmodifiableMap(options);
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return new ArrayList<>();
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(action.name());
        writer.keyword(user ? "USER" : "ROLE");
        if (ifExists) {
            writer.keyword("IF EXISTS");
        }
        writer.literal(String.join(", ", names));
        for (Map.Entry<String, String> o : options.entrySet()) {
            writer.keyword(o.getKey().toUpperCase(java.util.Locale.ROOT));
            if (o.getKey().equals("password")) {
                writer.literal(o.getValue() == null ? "NULL" : "'********'");
            }
        }
    }
}
