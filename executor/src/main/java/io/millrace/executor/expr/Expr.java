package io.millrace.executor.expr;

import static java.util.Objects.requireNonNull;

import io.millrace.executor.type.DataType;
import java.util.List;

/**
 * A scalar expression over the columns of one input row: an immutable tree the planner builds and
 * {@link ExprCompiler} turns into vectorised kernels. Operands of arithmetic and comparison calls
 * already have the call's operand type (the planner inserts the casts).
 */
public sealed interface Expr permits Expr.ColumnRef, Expr.Literal, Expr.Call, Expr.Cast, Expr.Case {

    DataType type();

    /** Column {@code index} of the input row. */
    record ColumnRef(int index, DataType type) implements Expr {
        public ColumnRef {
            requireNonNull(type, "type is null");
        }

        @Override
        public String toString() {
            return "#" + index;
        }
    }

    /** A constant, held in its internal form (Long, Double, Boolean, BigDecimal, String) or null. */
    record Literal(Object value, DataType type) implements Expr {
        public Literal {
            requireNonNull(type, "type is null");
        }

        @Override
        public String toString() {
            if (value == null) {
                return "NULL";
            }
            if (type.kind() == io.millrace.executor.type.TypeKind.INTERVAL) {
                return "'" + io.millrace.common.PgInterval.fromHeld((String) value) + "'";
            }
            return value instanceof String s ? "'" + s.replace("'", "''") + "'" : String.valueOf(value);
        }
    }

    /** A function or operator applied to arguments. */
    record Call(Function function, List<Expr> args, DataType type) implements Expr {
        public Call {
            requireNonNull(function, "function is null");
            args = List.copyOf(args);
            requireNonNull(type, "type is null");
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(function.displayName()).append('(');
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(args.get(i));
            }
            return sb.append(')').toString();
        }
    }

    /** Conversion to another type, with PostgreSQL's cast rules. */
    record Cast(Expr input, DataType type) implements Expr {
        public Cast {
            requireNonNull(input, "input is null");
            requireNonNull(type, "type is null");
        }

        @Override
        public String toString() {
            return input + "::" + type;
        }
    }

    /**
     * {@code CASE WHEN conditions[i] THEN results[i] ... ELSE otherwise END}. Each result is
     * evaluated only for the rows that reach it, so a guarded division cannot fail.
     */
    record Case(List<Expr> conditions, List<Expr> results, Expr otherwise, DataType type) implements Expr {
        public Case {
            conditions = List.copyOf(conditions);
            results = List.copyOf(results);
            requireNonNull(otherwise, "otherwise is null");
            requireNonNull(type, "type is null");
            if (conditions.size() != results.size() || conditions.isEmpty()) {
                throw new IllegalArgumentException("CASE needs matching, non-empty WHEN and THEN lists");
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("CASE");
            for (int i = 0; i < conditions.size(); i++) {
                sb.append(" WHEN ").append(conditions.get(i)).append(" THEN ").append(results.get(i));
            }
            return sb.append(" ELSE ").append(otherwise).append(" END").toString();
        }
    }
}
