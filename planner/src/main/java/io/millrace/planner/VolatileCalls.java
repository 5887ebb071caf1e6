package io.millrace.planner;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.TimestampString;

/**
 * Calls whose value the data does not fix. The current time: {@code now()},
 * {@code current_timestamp}, {@code transaction_timestamp()}, {@code statement_timestamp()},
 * {@code clock_timestamp()}, {@code current_date}, {@code localtimestamp}, {@code current_time},
 * {@code localtime}; a query reads the time its statement started, as one constant, in whichever
 * of these forms (the date and local times in the session's time zone). And
 * {@code gen_random_uuid()}, a new random (version 4) uuid for each row, and the sequence functions
 * ({@link SequenceCalls}). A materialized view or
 * subscription can read none of them: its result would change with the clock or by chance, not
 * with the data.
 */
final class VolatileCalls {
    private VolatileCalls() {
    }

    private static SqlFunction function(String name) {
        return new SqlFunction(name, SqlKind.OTHER_FUNCTION,
                ReturnTypes.explicit(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 6), null, OperandTypes.NILADIC,
                SqlFunctionCategory.TIMEDATE);
    }

    /** A new random uuid for each row (not folded into one constant: Calcite leaves non-deterministic calls). */
    static final SqlFunction GEN_RANDOM_UUID = new SqlFunction("GEN_RANDOM_UUID", SqlKind.OTHER_FUNCTION,
            ReturnTypes.explicit(SqlTypeName.UUID), null, OperandTypes.NILADIC, SqlFunctionCategory.SYSTEM) {
        @Override
        public boolean isDeterministic() {
            return false;
        }
    };

    static final List<SqlOperator> FUNCTIONS = List.of(function("NOW"), function("TRANSACTION_TIMESTAMP"),
            function("STATEMENT_TIMESTAMP"), function("CLOCK_TIMESTAMP"), GEN_RANDOM_UUID);

    /**
     * {@code current_timestamp} is a timestamptz in PostgreSQL (Calcite's is a timestamp): read as
     * {@code now()}. Its column keeps its name (names are given before this runs).
     */
    static void rewrite(org.apache.calcite.sql.SqlNode node) {
        SqlTreeRewriter.replaceAll(node, n -> isCurrentTimestamp(n) ? now(n) : null);
    }

    /** Whether a node is the keyword current_timestamp (PostgreSQL names its column so). */
    static boolean isCurrentTimestamp(org.apache.calcite.sql.SqlNode n) {
        return n instanceof org.apache.calcite.sql.SqlIdentifier id && id.isSimple()
                && id.getSimple().equalsIgnoreCase("current_timestamp");
    }

    private static org.apache.calcite.sql.SqlNode now(org.apache.calcite.sql.SqlNode at) {
        return FUNCTIONS.get(0).createCall(at.getParserPosition());
    }

    private static final Set<SqlOperator> STANDARD = Set.of(SqlStdOperatorTable.CURRENT_TIMESTAMP,
            SqlStdOperatorTable.LOCALTIMESTAMP, SqlStdOperatorTable.CURRENT_DATE, SqlStdOperatorTable.CURRENT_TIME,
            SqlStdOperatorTable.LOCALTIME);

    private static boolean isCurrentTime(RexNode n) {
        return n instanceof RexCall c && c.getOperator() != GEN_RANDOM_UUID
                && (FUNCTIONS.contains(c.getOperator()) || STANDARD.contains(c.getOperator()));
    }

    private static boolean isVolatile(RexNode n) {
        return n instanceof RexCall c && (FUNCTIONS.contains(c.getOperator()) || STANDARD.contains(c.getOperator()))
                || SequenceCalls.isSequenceCall(n);
    }

    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS",
            Locale.ROOT);

    /** {@code rel} with the current time as of {@code now}; a volatile call in a maintained plan is 0A000. */
    static RelNode apply(RelNode rel, Instant now, boolean maintained) {
        if (!uses(rel)) {
            return rel;
        }
        if (maintained) {
            throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "now(), current_timestamp, the other "
                    + "current-time functions, gen_random_uuid() and the sequence functions cannot be used in a "
                    + "materialized view or subscription yet: its result would change with the clock or by "
                    + "chance, not with the data");
        }
        TimestampString text = new TimestampString(TEXT.format(LocalDateTime.ofInstant(now, ZoneOffset.UTC)));
        return CallRewriter.apply(rel, (call, rex) -> {
            if (!isCurrentTime(call)) {
                return null;
            }
            RexNode instant = rex.makeTimestampWithLocalTimeZoneLiteral(text, 6);
            // Other forms are read from the instant in the session's time zone when the plan runs.
            return call.getType().getSqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE ? instant
                    : rex.makeAbstractCast(call.getType(), instant);
        });
    }

    private static boolean uses(RelNode rel) {
        boolean[] found = {false};
        rel.accept(new PlanRewriter() {
            @Override
            protected RexNode rewriteCall(RexCall call) {
                found[0] |= isVolatile(call);
                return null;
            }
        });
        return found[0];
    }
}
