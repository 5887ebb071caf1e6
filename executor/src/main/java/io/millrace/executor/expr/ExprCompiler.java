package io.millrace.executor.expr;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.batch.BoolColumn;
import io.millrace.executor.batch.Column;
import io.millrace.executor.batch.ColumnBuilder;
import io.millrace.executor.batch.DoubleColumn;
import io.millrace.executor.batch.LongColumn;
import io.millrace.executor.batch.ObjectColumn;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.TypeKind;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns an {@link Expr} tree into a tree of vectorised kernels. Each kernel is chosen once, for
 * its operand types, and then runs as a loop over a whole column; nothing is decided per row.
 */
public final class ExprCompiler {
    private final ZoneId zone;
    private final SequenceFunctions sequences;

    /**
     * @param zone the session time zone, for casts between timestamp and timestamptz
     * @param sequences what the sequence functions act on: the session's
     */
    public ExprCompiler(ZoneId zone, SequenceFunctions sequences) {
        this.zone = zone;
        this.sequences = sequences;
    }

    /** A compiler for expressions that call no sequence function. */
    public ExprCompiler(ZoneId zone) {
        this(zone, SequenceFunctions.NONE);
    }

    public Kernel compile(Expr expr) {
        if (expr instanceof Expr.ColumnRef ref) {
            int index = ref.index();
            return in -> in.column(index);
        }
        if (expr instanceof Expr.Literal lit) {
            DataType type = lit.type();
            Object value = lit.value();
            return in -> Column.constant(type, value, in.rowCount());
        }
        if (expr instanceof Expr.Cast cast) {
            return compileCast(cast);
        }
        if (expr instanceof Expr.Case c) {
            return compileCase(c);
        }
        return compileCall((Expr.Call) expr);
    }

    // ---- casts --------------------------------------------------------------------------------

    private Kernel compileCast(Expr.Cast cast) {
        Kernel input = compile(cast.input());
        DataType from = cast.input().type();
        DataType to = cast.type();
        if (from.equals(to) && to.kind() != TypeKind.CHAR) {
            return input;
        }
        if (from.physical() == to.physical() && from.kind().isInteger() && to.kind().isInteger()) {
            TypeKind target = to.kind();
            return in -> {
                LongColumn c = (LongColumn) input.eval(in);
                int n = c.size();
                long[] out = new long[n];
                long[] v = c.values();
                for (int i = 0; i < n; i++) {
                    if (!c.isNull(i)) {
                        out[i] = Scalars.checkRange(v[i], target);
                    }
                }
                return new LongColumn(to, out, c.nulls(), n);
            };
        }
        if (from.kind().isInteger() && to.kind() == TypeKind.DOUBLE) {
            return in -> {
                LongColumn c = (LongColumn) input.eval(in);
                int n = c.size();
                double[] out = new double[n];
                long[] v = c.values();
                for (int i = 0; i < n; i++) {
                    out[i] = v[i];
                }
                return new DoubleColumn(to, out, c.nulls(), n);
            };
        }
        Casts.Converter converter = Casts.converter(from, to, zone);
        return in -> map(input.eval(in), to, converter);
    }

    /** Applies a per-value conversion to the non-null values of a column. */
    static Column map(Column c, DataType to, Casts.Converter f) {
        int n = c.size();
        ColumnBuilder out = new ColumnBuilder(to, n);
        for (int i = 0; i < n; i++) {
            Object v = c.get(i);
            out.append(v == null ? null : f.convert(v));
        }
        return out.build();
    }

    // ---- CASE, COALESCE ------------------------------------------------------------------------

    private Kernel compileCase(Expr.Case c) {
        List<Kernel> conditions = c.conditions().stream().map(this::compile).toList();
        List<Kernel> results = c.results().stream().map(this::compile).toList();
        Kernel otherwise = compile(c.otherwise());
        DataType type = c.type();
        return in -> {
            int n = in.rowCount();
            Object[] out = new Object[n];
            int[] remaining = identity(n);
            int remainingCount = n;
            for (int w = 0; w < conditions.size() && remainingCount > 0; w++) {
                EvalInput sub = subset(in, remaining, remainingCount, n);
                BoolColumn cond = (BoolColumn) conditions.get(w).eval(sub);
                int[] hit = new int[remainingCount];
                int hits = 0;
                int[] miss = new int[remainingCount];
                int misses = 0;
                for (int i = 0; i < remainingCount; i++) {
                    if (cond.isTrue(i)) {
                        hit[hits++] = i;
                    } else {
                        miss[misses++] = remaining[i];
                    }
                }
                if (hits > 0) {
                    Column r = results.get(w).eval(sub.select(hit, hits));
                    for (int i = 0; i < hits; i++) {
                        out[remaining[hit[i]]] = r.get(i);
                    }
                }
                remaining = miss;
                remainingCount = misses;
            }
            if (remainingCount > 0) {
                Column r = otherwise.eval(subset(in, remaining, remainingCount, n));
                for (int i = 0; i < remainingCount; i++) {
                    out[remaining[i]] = r.get(i);
                }
            }
            return fromObjects(type, out);
        };
    }

    /** A sequence function, called once for each row, in row order; NULL arguments give NULL. */
    private Kernel sequenceCall(Function fn, List<Kernel> args, DataType type) {
        return in -> {
            int n = in.rowCount();
            Column[] operands = Kernel.evalAll(args, in);
            ColumnBuilder out = new ColumnBuilder(type, n);
            for (int i = 0; i < n; i++) {
                Object[] a = new Object[operands.length];
                boolean nullArgument = false;
                for (int j = 0; j < a.length; j++) {
                    a[j] = operands[j].get(i);
                    nullArgument |= a[j] == null;
                }
                if (nullArgument) {
                    out.append(null);
                    continue;
                }
                out.append(switch (fn) {
                    case NEXTVAL -> sequences.nextval((Long) a[0]);
                    case CURRVAL -> sequences.currval((Long) a[0]);
                    case SETVAL -> sequences.setval((Long) a[0], (Long) a[1], a.length < 3 || (Boolean) a[2]);
                    default -> sequences.lastval();
                });
            }
            return out.build();
        };
    }

    private static EvalInput subset(EvalInput in, int[] positions, int count, int total) {
        return count == total ? in : in.select(positions, count);
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    static Column fromObjects(DataType type, Object[] values) {
        ColumnBuilder b = new ColumnBuilder(type, values.length);
        for (Object v : values) {
            b.append(v);
        }
        return b.build();
    }

    /** COALESCE: each later argument is evaluated only for the rows still NULL. */
    private Kernel compileCoalesce(List<Kernel> args, DataType type) {
        return in -> {
            int n = in.rowCount();
            Object[] out = new Object[n];
            int[] remaining = identity(n);
            int remainingCount = n;
            for (int a = 0; a < args.size() && remainingCount > 0; a++) {
                Column c = args.get(a).eval(subset(in, remaining, remainingCount, n));
                int[] still = new int[remainingCount];
                int stillCount = 0;
                for (int i = 0; i < remainingCount; i++) {
                    Object v = c.get(i);
                    if (v == null) {
                        still[stillCount++] = remaining[i];
                    } else {
                        out[remaining[i]] = v;
                    }
                }
                remaining = still;
                remainingCount = stillCount;
            }
            return fromObjects(type, out);
        };
    }

    // ---- calls ---------------------------------------------------------------------------------

    private Kernel compileCall(Expr.Call call) {
        List<Kernel> args = new ArrayList<>(call.args().size());
        for (Expr a : call.args()) {
            args.add(compile(a));
        }
        DataType type = call.type();
        Function fn = call.function();
        return switch (fn) {
            case AND -> logic(args, true);
            case OR -> logic(args, false);
            case NOT -> not(args.get(0));
            case IS_NULL, IS_NOT_NULL -> isNull(args.get(0), fn == Function.IS_NULL);
            case IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE -> truthTest(args.get(0), fn);
            case EQ, NE, LT, LE, GT, GE -> compare(fn, args.get(0), args.get(1), call.args().get(0).type());
            case IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM -> distinctFrom(args.get(0), args.get(1),
                    call.args().get(0).type(), fn == Function.IS_NOT_DISTINCT_FROM);
            case PLUS, MINUS, TIMES, DIVIDE, MOD -> arithmetic(fn, args.get(0), args.get(1), type);
            case NEGATE -> negate(args.get(0), type);
            case COALESCE -> compileCoalesce(args, type);
            case NULLIF -> nullIf(args.get(0), args.get(1), call.args().get(0).type(), type);
            case GREATEST, LEAST -> extreme(args, type, fn == Function.GREATEST);
            case ARRAY -> ArrayKernels.constructor(args, type);
            case RECORD_TEXT -> in -> {
                Column[] fields = Kernel.evalAll(args, in);
                io.millrace.executor.batch.ColumnBuilder out = new io.millrace.executor.batch.ColumnBuilder(type,
                        in.rowCount());
                for (int i = 0; i < in.rowCount(); i++) {
                    StringBuilder sb = new StringBuilder("(");
                    for (int f = 0; f < fields.length; f++) {
                        sb.append(f == 0 ? "" : ",");
                        String v = (String) fields[f].get(i);
                        if (v != null) {
                            boolean quote = v.isEmpty() || v.chars().anyMatch(c -> "\"\\,()".indexOf(c) >= 0
                                    || Character.isWhitespace(c));
                            sb.append(quote ? "\"" + v.replace("\\", "\\\\").replace("\"", "\"\"") + "\"" : v);
                        }
                    }
                    out.append(sb.append(')').toString());
                }
                return out.build();
            };
            case GEN_RANDOM_UUID -> in -> {
                io.millrace.executor.batch.ColumnBuilder out = new io.millrace.executor.batch.ColumnBuilder(type,
                        in.rowCount());
                for (int i = 0; i < in.rowCount(); i++) {
                    out.append(java.util.UUID.randomUUID().toString());
                }
                return out.build();
            };
            case NEXTVAL, CURRVAL, SETVAL, LASTVAL -> sequenceCall(fn, args, type);
            case JSON_BUILD_OBJECT, JSON_BUILD_ARRAY -> JsonFunctions.build(fn, args, call.args(), type, zone);
            case ARRAY_APPEND, ARRAY_PREPEND, ARRAY_CAT, ARRAY_REMOVE, ARRAY_POSITION ->
                    ArrayKernels.edit(fn, args, call.args().get(0).type(), type);
            case ANY, ALL -> ArrayKernels.quantified(Function.valueOf((String) ((Expr.Literal) call.args().get(0)).value()),
                    args.get(1), args.get(2), call.args().get(1).type(), fn == Function.ANY);
            default -> ScalarFunctions.compile(fn, args, call.args(), type, zone);
        };
    }

    /** AND / OR with SQL's three-valued logic; later operands only run on undecided rows. */
    private static Kernel logic(List<Kernel> args, boolean isAnd) {
        return in -> {
            int n = in.rowCount();
            boolean[] value = new boolean[n];
            boolean[] isNull = new boolean[n];
            java.util.Arrays.fill(value, isAnd);
            int[] undecided = identity(n);
            int undecidedCount = n;
            for (Kernel arg : args) {
                if (undecidedCount == 0) {
                    break;
                }
                BoolColumn c = (BoolColumn) arg.eval(subset(in, undecided, undecidedCount, n));
                int[] next = new int[undecidedCount];
                int nextCount = 0;
                for (int i = 0; i < undecidedCount; i++) {
                    int row = undecided[i];
                    if (c.isNull(i)) {
                        isNull[row] = true;
                        next[nextCount++] = row;
                    } else if (c.value(i) != isAnd) {
                        // FALSE decides an AND, TRUE decides an OR, whatever came before.
                        value[row] = !isAnd;
                        isNull[row] = false;
                    } else {
                        next[nextCount++] = row;
                    }
                }
                undecided = next;
                undecidedCount = nextCount;
            }
            return new BoolColumn(io.millrace.executor.type.DataType.BOOLEAN, value, isNull, n);
        };
    }

    private static Kernel not(Kernel arg) {
        return in -> {
            BoolColumn c = (BoolColumn) arg.eval(in);
            int n = c.size();
            boolean[] out = new boolean[n];
            for (int i = 0; i < n; i++) {
                out[i] = !c.value(i);
            }
            return new BoolColumn(DataType.BOOLEAN, out, c.nulls(), n);
        };
    }

    private static Kernel isNull(Kernel arg, boolean wantNull) {
        return in -> {
            Column c = arg.eval(in);
            int n = c.size();
            boolean[] out = new boolean[n];
            for (int i = 0; i < n; i++) {
                out[i] = c.isNull(i) == wantNull;
            }
            return new BoolColumn(DataType.BOOLEAN, out, null, n);
        };
    }

    private static Kernel truthTest(Kernel arg, Function fn) {
        return in -> {
            BoolColumn c = (BoolColumn) arg.eval(in);
            int n = c.size();
            boolean[] out = new boolean[n];
            for (int i = 0; i < n; i++) {
                boolean isTrue = c.isTrue(i);
                boolean isFalse = !c.isNull(i) && !c.value(i);
                out[i] = switch (fn) {
                    case IS_TRUE -> isTrue;
                    case IS_NOT_TRUE -> !isTrue;
                    case IS_FALSE -> isFalse;
                    default -> !isFalse;
                };
            }
            return new BoolColumn(DataType.BOOLEAN, out, null, n);
        };
    }

    /** A comparator over internal values of one type, with PostgreSQL's ordering rules. */
    @SuppressWarnings("unchecked")
    public static Comparator<Object> valueComparator(DataType type) {
        return switch (type.physical()) {
            case LONG -> (a, b) -> Long.compare((Long) a, (Long) b);
            case DOUBLE -> (a, b) -> Scalars.compare((Double) a, (Double) b);
            case BOOL -> (a, b) -> Boolean.compare((Boolean) a, (Boolean) b);
            case DECIMAL -> (a, b) -> ((BigDecimal) a).compareTo((BigDecimal) b);
            case STRING -> type.kind() == TypeKind.CHAR
                    ? (a, b) -> stripTrailingSpaces((String) a).compareTo(stripTrailingSpaces((String) b))
                    : type.kind() == TypeKind.INTERVAL ? (a, b) -> io.millrace.common.PgInterval.compareSpans((String) a, (String) b)
                    : (a, b) -> ((String) a).compareTo((String) b);
            case ARRAY -> {
                // Element by element, NULL after any value; a prefix before the longer array.
                Comparator<Object> element = valueComparator(type.element());
                yield (a, b) -> {
                    List<?> x = (List<?>) a;
                    List<?> y = (List<?>) b;
                    for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                        Object p = x.get(i);
                        Object q = y.get(i);
                        int c = p == null ? (q == null ? 0 : 1) : q == null ? -1 : element.compare(p, q);
                        if (c != 0) {
                            return c;
                        }
                    }
                    return Integer.compare(x.size(), y.size());
                };
            }
        };
    }

    static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    static boolean test(Function fn, int cmp) {
        return switch (fn) {
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            case GT -> cmp > 0;
            default -> cmp >= 0;
        };
    }

    private static Kernel compare(Function fn, Kernel left, Kernel right, DataType operandType) {
        if (operandType.physical() == TypeKind.Physical.LONG) {
            return in -> {
                LongColumn a = (LongColumn) left.eval(in);
                LongColumn b = (LongColumn) right.eval(in);
                int n = a.size();
                boolean[] nulls = unionNulls(a, b);
                boolean[] out = new boolean[n];
                long[] x = a.values();
                long[] y = b.values();
                switch (fn) {
                    case EQ -> {
                        for (int i = 0; i < n; i++) {
                            out[i] = x[i] == y[i];
                        }
                    }
                    case NE -> {
                        for (int i = 0; i < n; i++) {
                            out[i] = x[i] != y[i];
                        }
                    }
                    case LT -> {
                        for (int i = 0; i < n; i++) {
                            out[i] = x[i] < y[i];
                        }
                    }
                    case LE -> {
                        for (int i = 0; i < n; i++) {
                            out[i] = x[i] <= y[i];
                        }
                    }
                    case GT -> {
                        for (int i = 0; i < n; i++) {
                            out[i] = x[i] > y[i];
                        }
                    }
                    default -> {
                        for (int i = 0; i < n; i++) {
                            out[i] = x[i] >= y[i];
                        }
                    }
                }
                return new BoolColumn(DataType.BOOLEAN, out, nulls, n);
            };
        }
        Comparator<Object> cmp = valueComparator(operandType);
        return in -> {
            Column a = left.eval(in);
            Column b = right.eval(in);
            int n = a.size();
            boolean[] out = new boolean[n];
            boolean[] nulls = null;
            for (int i = 0; i < n; i++) {
                Object x = a.get(i);
                Object y = b.get(i);
                if (x == null || y == null) {
                    if (nulls == null) {
                        nulls = new boolean[n];
                    }
                    nulls[i] = true;
                } else {
                    out[i] = test(fn, cmp.compare(x, y));
                }
            }
            return new BoolColumn(DataType.BOOLEAN, out, nulls, n);
        };
    }

    private static Kernel distinctFrom(Kernel left, Kernel right, DataType operandType, boolean notDistinct) {
        Comparator<Object> cmp = valueComparator(operandType);
        return in -> {
            Column a = left.eval(in);
            Column b = right.eval(in);
            int n = a.size();
            boolean[] out = new boolean[n];
            for (int i = 0; i < n; i++) {
                Object x = a.get(i);
                Object y = b.get(i);
                boolean same = x == null ? y == null : y != null && cmp.compare(x, y) == 0;
                out[i] = same == notDistinct;
            }
            return new BoolColumn(DataType.BOOLEAN, out, null, n);
        };
    }

    static boolean[] unionNulls(Column a, Column b) {
        boolean[] na = a.nulls();
        boolean[] nb = b.nulls();
        if (a instanceof ObjectColumn || b instanceof ObjectColumn) {
            int n = a.size();
            boolean[] out = null;
            for (int i = 0; i < n; i++) {
                if (a.isNull(i) || b.isNull(i)) {
                    if (out == null) {
                        out = new boolean[n];
                    }
                    out[i] = true;
                }
            }
            return out;
        }
        if (na == null) {
            return nb;
        }
        if (nb == null) {
            return na;
        }
        boolean[] out = new boolean[na.length];
        for (int i = 0; i < a.size(); i++) {
            out[i] = na[i] || nb[i];
        }
        return out;
    }

    private static Kernel arithmetic(Function fn, Kernel left, Kernel right, DataType type) {
        TypeKind kind = type.kind();
        switch (type.physical()) {
            case LONG:
                return in -> {
                    LongColumn a = (LongColumn) left.eval(in);
                    LongColumn b = (LongColumn) right.eval(in);
                    int n = a.size();
                    boolean[] nulls = unionNulls(a, b);
                    long[] x = a.values();
                    long[] y = b.values();
                    long[] out = new long[n];
                    for (int i = 0; i < n; i++) {
                        if (nulls != null && nulls[i]) {
                            continue;
                        }
                        out[i] = switch (fn) {
                            case PLUS -> Scalars.add(x[i], y[i], kind);
                            case MINUS -> Scalars.subtract(x[i], y[i], kind);
                            case TIMES -> Scalars.multiply(x[i], y[i], kind);
                            case DIVIDE -> Scalars.divide(x[i], y[i], kind);
                            default -> Scalars.modulo(x[i], y[i]);
                        };
                    }
                    return new LongColumn(type, out, nulls, n);
                };
            case DOUBLE:
                return in -> {
                    DoubleColumn a = (DoubleColumn) left.eval(in);
                    DoubleColumn b = (DoubleColumn) right.eval(in);
                    int n = a.size();
                    boolean[] nulls = unionNulls(a, b);
                    double[] x = a.values();
                    double[] y = b.values();
                    double[] out = new double[n];
                    for (int i = 0; i < n; i++) {
                        if (nulls != null && nulls[i]) {
                            continue;
                        }
                        out[i] = switch (fn) {
                            case PLUS -> Scalars.checkDouble(x[i] + y[i], x[i], y[i], kind);
                            case MINUS -> Scalars.checkDouble(x[i] - y[i], x[i], y[i], kind);
                            case TIMES -> Scalars.checkDouble(x[i] * y[i], x[i], y[i], kind);
                            case DIVIDE -> Scalars.divide(x[i], y[i], kind);
                            default -> Scalars.modulo(x[i], y[i]);
                        };
                    }
                    return new DoubleColumn(type, out, nulls, n);
                };
            case DECIMAL:
                return in -> {
                    Column a = left.eval(in);
                    Column b = right.eval(in);
                    int n = a.size();
                    Object[] out = new Object[n];
                    for (int i = 0; i < n; i++) {
                        BigDecimal x = (BigDecimal) a.get(i);
                        BigDecimal y = (BigDecimal) b.get(i);
                        if (x == null || y == null) {
                            continue;
                        }
                        out[i] = switch (fn) {
                            case PLUS -> x.add(y);
                            case MINUS -> x.subtract(y);
                            case TIMES -> x.multiply(y);
                            case DIVIDE -> Scalars.divide(x, y);
                            default -> Scalars.modulo(x, y);
                        };
                    }
                    return new ObjectColumn(type, out, null, n);
                };
            default:
                throw new MillraceException(SqlState.UNDEFINED_FUNCTION,
                        "operator does not exist: " + type + " " + fn.displayName() + " " + type);
        }
    }

    private static Kernel negate(Kernel arg, DataType type) {
        TypeKind kind = type.kind();
        return switch (type.physical()) {
            case LONG -> in -> {
                LongColumn a = (LongColumn) arg.eval(in);
                int n = a.size();
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    if (!a.isNull(i)) {
                        out[i] = Scalars.negate(a.value(i), kind);
                    }
                }
                return new LongColumn(type, out, a.nulls(), n);
            };
            case DOUBLE -> in -> {
                DoubleColumn a = (DoubleColumn) arg.eval(in);
                int n = a.size();
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = -a.value(i);
                }
                return new DoubleColumn(type, out, a.nulls(), n);
            };
            case DECIMAL -> in -> map(arg.eval(in), type, v -> ((BigDecimal) v).negate());
            default -> throw new MillraceException(SqlState.UNDEFINED_FUNCTION,
                    "operator does not exist: - " + type);
        };
    }

    private static Kernel nullIf(Kernel left, Kernel right, DataType operandType, DataType type) {
        Comparator<Object> cmp = valueComparator(operandType);
        return in -> {
            Column a = left.eval(in);
            Column b = right.eval(in);
            int n = a.size();
            Object[] out = new Object[n];
            for (int i = 0; i < n; i++) {
                Object x = a.get(i);
                Object y = b.get(i);
                out[i] = x != null && y != null && cmp.compare(x, y) == 0 ? null : x;
            }
            return fromObjects(type, out);
        };
    }

    private static Kernel extreme(List<Kernel> args, DataType type, boolean greatest) {
        Comparator<Object> cmp = valueComparator(type);
        return in -> {
            int n = in.rowCount();
            Object[] out = new Object[n];
            for (Kernel k : args) {
                Column c = k.eval(in);
                for (int i = 0; i < n; i++) {
                    Object v = c.get(i);
                    if (v != null && (out[i] == null || (cmp.compare(v, out[i]) > 0) == greatest
                            && cmp.compare(v, out[i]) != 0)) {
                        out[i] = v;
                    }
                }
            }
            return fromObjects(type, out);
        };
    }
}
