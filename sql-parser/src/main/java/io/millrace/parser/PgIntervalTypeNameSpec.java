package io.millrace.parser;

import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.util.Litmus;

/**
 * PostgreSQL's {@code interval} type: months, days and time in one value. Calcite has no such
 * type, so to the validator it is Calcite's {@code INTERVAL DAY TO SECOND} ({@link #type}); the
 * engine holds its values with all three fields.
 */
public final class PgIntervalTypeNameSpec extends SqlTypeNameSpec {
    public PgIntervalTypeNameSpec(SqlParserPos pos) {
        super(new SqlIdentifier("interval", pos), pos);
    }

    /** The Calcite type every PostgreSQL interval has. */
    public static RelDataType type(RelDataTypeFactory factory) {
        return factory.createSqlIntervalType(new SqlIntervalQualifier(TimeUnit.DAY, TimeUnit.SECOND, SqlParserPos.ZERO));
    }

    @Override
    public RelDataType deriveType(SqlValidator validator) {
        return type(validator.getTypeFactory());
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("interval");
    }

    @Override
    public boolean equalsDeep(SqlTypeNameSpec spec, Litmus litmus) {
        return spec instanceof PgIntervalTypeNameSpec ? litmus.succeed() : litmus.fail("{} != {}", this, spec);
    }
}
