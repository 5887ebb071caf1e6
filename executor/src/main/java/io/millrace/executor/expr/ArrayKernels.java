package io.millrace.executor.expr;

import io.millrace.executor.batch.BoolColumn;
import io.millrace.executor.batch.Column;
import io.millrace.executor.batch.ColumnBuilder;
import io.millrace.executor.type.DataType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Kernels of the array calls that are not strict: the constructor, {@code ANY}/{@code ALL}, and
 * the functions that add, remove or find elements (a NULL array or element is a value to them).
 */
final class ArrayKernels {
    private ArrayKernels() {
    }

    /** {@code ARRAY[a, b, ...]}: NULL arguments become NULL elements. */
    static Kernel constructor(List<Kernel> args, DataType type) {
        return in -> {
            int n = in.rowCount();
            Column[] cols = Kernel.evalAll(args, in);
            ColumnBuilder out = new ColumnBuilder(type, n);
            for (int i = 0; i < n; i++) {
                List<Object> elements = new ArrayList<>(cols.length);
                for (Column c : cols) {
                    elements.add(c.get(i));
                }
                out.append(Collections.unmodifiableList(elements));
            }
            return out.build();
        };
    }

    /**
     * array_append(a, e), array_prepend(e, a), array_cat(a, b), array_remove(a, e),
     * array_position(a, e), as PostgreSQL computes them with NULLs: appending to or concatenating
     * with a NULL array treats it as empty; NULL elements are appended, removed and found like any.
     */
    static Kernel edit(Function fn, List<Kernel> args, DataType firstType, DataType type) {
        Comparator<Object> cmp = ExprCompiler.valueComparator(fn == Function.ARRAY_PREPEND ? type.element()
                : firstType.element());
        return in -> {
            int n = in.rowCount();
            Column a = args.get(0).eval(in);
            Column b = args.get(1).eval(in);
            ColumnBuilder out = new ColumnBuilder(type, n);
            for (int i = 0; i < n; i++) {
                Object x = a.get(i);
                Object y = b.get(i);
                out.append(switch (fn) {
                    case ARRAY_APPEND -> concat(x == null ? List.of() : (List<?>) x, java.util.Collections.singletonList(y));
                    case ARRAY_PREPEND -> concat(java.util.Collections.singletonList(x), y == null ? List.of() : (List<?>) y);
                    case ARRAY_CAT -> x == null && y == null ? null
                            : concat(x == null ? List.of() : (List<?>) x, y == null ? List.of() : (List<?>) y);
                    case ARRAY_REMOVE -> x == null ? null : remove((List<?>) x, y, cmp);
                    default -> x == null ? null : position((List<?>) x, y, cmp);
                });
            }
            return out.build();
        };
    }

    private static List<Object> concat(List<?> x, List<?> y) {
        List<Object> out = new ArrayList<>(x.size() + y.size());
        out.addAll(x);
        out.addAll(y);
        return Collections.unmodifiableList(out);
    }

    private static List<Object> remove(List<?> array, Object value, Comparator<Object> cmp) {
        List<Object> out = new ArrayList<>(array.size());
        for (Object e : array) {
            if (!(e == null ? value == null : value != null && cmp.compare(e, value) == 0)) {
                out.add(e);
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static Long position(List<?> array, Object value, Comparator<Object> cmp) {
        for (int i = 0; i < array.size(); i++) {
            Object e = array.get(i);
            if (e == null ? value == null : value != null && cmp.compare(e, value) == 0) {
                return (long) i + 1;
            }
        }
        return null;
    }

    /**
     * {@code x op ANY (array)} ({@code any} true) or {@code x op ALL (array)}, with SQL's
     * three-valued logic: an empty array gives false (ANY) or true (ALL) even for a NULL
     * {@code x}; otherwise a NULL that could decide the answer makes it unknown.
     */
    static Kernel quantified(Function comparison, Kernel left, Kernel right, DataType operandType, boolean any) {
        Comparator<Object> cmp = ExprCompiler.valueComparator(operandType);
        return in -> {
            Column x = left.eval(in);
            Column arrays = right.eval(in);
            int n = in.rowCount();
            boolean[] value = new boolean[n];
            boolean[] isNull = new boolean[n];
            for (int i = 0; i < n; i++) {
                List<?> array = (List<?>) arrays.get(i);
                if (array == null) {
                    isNull[i] = true;
                    continue;
                }
                Object v = x.get(i);
                boolean sawNull = false;
                boolean decided = false;
                for (Object e : array) {
                    if (e == null || v == null) {
                        sawNull = true;
                    } else if (ExprCompiler.test(comparison, cmp.compare(v, e)) == any) {
                        decided = true;
                        break;
                    }
                }
                if (decided) {
                    value[i] = any;
                } else if (sawNull) {
                    isNull[i] = true;
                } else {
                    value[i] = !any;
                }
            }
            return new BoolColumn(DataType.BOOLEAN, value, isNull, n);
        };
    }
}
