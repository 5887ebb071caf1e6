package io.millrace.parser;

import io.millrace.common.MillraceException;
import io.millrace.common.PgInterval;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * PostgreSQL's interval literals without a qualifier, {@code INTERVAL '1 hour 30 minutes'}: the
 * text cast to {@code interval} ({@link PgIntervalTypeNameSpec}), checked here so that a bad one
 * is reported where it is written. The SQL-standard form with a qualifier
 * ({@code INTERVAL '90' MINUTE}) is Calcite's own and does not come here.
 */
public final class PgIntervals {
    /** Words that start an interval qualifier: {@code INTERVAL '1' DAY} is Calcite's form. */
    private static final Set<String> QUALIFIER_WORDS = Set.of(
            "YEAR", "YEARS", "QUARTER", "QUARTERS", "MONTH", "MONTHS", "WEEK", "WEEKS", "DAY", "DAYS",
            "HOUR", "HOURS", "MINUTE", "MINUTES", "SECOND", "SECONDS", "MILLISECOND", "MILLISECONDS",
            "MICROSECOND", "MICROSECONDS", "NANOSECOND", "NANOSECONDS", "DOW", "DOY", "ISODOW", "ISOYEAR",
            "EPOCH", "DECADE", "CENTURY", "MILLENNIUM");

    private PgIntervals() {}

    /** Whether a token after {@code INTERVAL 'text'} starts a standard interval qualifier. */
    public static boolean isQualifierStart(String image) {
        return image != null && QUALIFIER_WORDS.contains(image.toUpperCase(Locale.ROOT));
    }

    /**
     * {@code INTERVAL [-] 'text'}: the text cast to interval, negated for {@code INTERVAL - '...'}.
     *
     * @param sign -1 for {@code INTERVAL - '...'}, otherwise 1
     */
    public static SqlNode literal(String text, int sign, SqlParserPos pos) {
        try {
            PgInterval.parse(text);
        } catch (MillraceException e) {
            throw new ParseFailure(e.sqlState(), e.getMessage(), pos);
        }
        SqlNode cast = SqlStdOperatorTable.CAST.createCall(pos, SqlLiteral.createCharString(text, pos),
                new SqlDataTypeSpec(new PgIntervalTypeNameSpec(pos), pos));
        return sign < 0 ? SqlStdOperatorTable.UNARY_MINUS.createCall(pos, cast) : cast;
    }
}
