package io.millrace.parser.ddl;

import static java.util.Objects.requireNonNull;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * One {@code name [=] value} option of SUBSCRIBE, FETCH, COPY or EXPLAIN. The name is in lower
 * case (option names are case-insensitive); the value is a {@link SqlLiteral}, an
 * {@link SqlIdentifier} for a bare word ({@code csv}, {@code on}), or {@code null} when only the
 * name was written ({@code HEADER}, {@code SNAPSHOT}), which PostgreSQL reads as true. The parser
 * accepts any option name; the planner rejects the ones a statement does not know, pointing at
 * {@link #getParserPosition()}.
 */
public final class SqlOption extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("OPTION", SqlKind.OTHER);

    private final String name;
    private final SqlNode value;

    public SqlOption(SqlParserPos pos, String name, SqlNode value) {
        super(pos);
        this.name = requireNonNull(name, "name is null").toLowerCase(Locale.ROOT);
        this.value = value;
    }

    public String name() {
        return name;
    }

    /** The value as written, or {@code null} when the option has none. */
    public SqlNode value() {
        return value;
    }

    /**
     * The value as a string: a string literal's text, a number as written, {@code true} or
     * {@code false}, a bare word, or {@code null} when there is no value.
     */
    public String stringValue() {
        return valueText(value);
    }

    /**
     * The value as a boolean, read the way PostgreSQL reads boolean options: no value, true, on,
     * yes, 1 are true; false, off, no, 0 are false.
     *
     * @throws MillraceException (22023) for anything else
     */
    public boolean booleanValue() {
        if (value == null) {
            return true;
        }
        if (value instanceof SqlLiteral literal && literal.getValue() instanceof Boolean b) {
            return b;
        }
        final String text = stringValue().toLowerCase(Locale.ROOT);
        switch (text) {
            case "true": case "on": case "yes": case "1": case "t": case "y":
                return true;
            case "false": case "off": case "no": case "0": case "f": case "n":
                return false;
            default:
                throw MillraceException.of(SqlState.INVALID_PARAMETER_VALUE,
                        "%s requires a Boolean value", name);
        }
    }

    /** A literal's or bare word's text; {@code null} for {@code null}. */
    public static String valueText(SqlNode node) {
        if (node == null) {
            return null;
        }
        if (node instanceof SqlIdentifier id) {
            return id.isSimple() ? id.getSimple() : String.join(".", id.names);
        }
        if (node instanceof SqlLiteral literal) {
            if (literal.getValue() == null) {
                return null;
            }
            if (literal.getValue() instanceof Boolean b) {
                return b.toString();
            }
            if (literal.getTypeName().getFamily() == org.apache.calcite.sql.type.SqlTypeFamily.CHARACTER) {
                return literal.getValueAs(String.class);
            }
            return literal.toValue();
        }
        return node.toString();
    }

    /** The options with a given name, in order, or an empty list. */
    public static List<SqlOption> named(List<SqlOption> options, String name) {
        final List<SqlOption> found = new ArrayList<>();
        for (SqlOption option : options) {
            if (option.name.equals(name)) {
                found.add(option);
            }
        }
        return Collections.unmodifiableList(found);
    }

    /** The option with a given name, or {@code null}; the last one if it was given twice. */
    public static SqlOption find(List<SqlOption> options, String name) {
        SqlOption found = null;
        for (SqlOption option : options) {
            if (option.name.equals(name)) {
                found = option;
            }
        }
        return found;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return value == null ? List.of() : List.of(value);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.identifier(name, false);
        if (value != null) {
            value.unparse(writer, 0, 0);
        }
    }

    /** Writes {@code (a 1, b 'x')}; nothing for an empty list. */
    static void unparseList(SqlWriter writer, List<SqlOption> options) {
        if (options.isEmpty()) {
            return;
        }
        final SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlOption option : options) {
            writer.sep(",");
            option.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }
}
