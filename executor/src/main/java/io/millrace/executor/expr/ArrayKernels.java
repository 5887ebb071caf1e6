package io.millrace.executor.expr;

import io.millrace.executor.batch.BoolColumn;
import io.millrace.executor.batch.Column;
import io.millrace.executor.batch.ColumnBuilder;
import io.millrace.executor.type.DataType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** Kernels of the array calls that are not strict: the constructor and {@code ANY}/{@code ALL}. */
final class ArrayKernels {
    private ArrayKernels() {
    }

    /** {@code ARRAY[a, b, ...]}: NULL arguments become NULL elements. */
    static Kernel constructor(List<Kernel> args, DataType type) {
        return in -> {
            int n = in.rowCount();
            Column[] cols = new Column[args.size()];
            for (int a = 0; a < cols.length; a++) {
                cols[a] = args.get(a).eval(in);
            }
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
     * {@code x op ANY (array)} ({@code any} true) or {@code x op ALL (array)}, with SQL's
     * three-valued logic: an empty array gives false (ANY) or true (ALL) even for a NULL
     * {@code x}; otherwise a NULL that could decide the answer makes it unknown.
     */
    static Kernel quantified(String op, Kernel left, Kernel right, DataType operandType, boolean any) {
        Comparator<Object> cmp = ExprCompiler.valueComparator(operandType);
        Function comparison = java.util.stream.Stream.of(Function.EQ, Function.NE, Function.LT, Function.LE,
                Function.GT, Function.GE).filter(f -> f.displayName().equals(op)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a comparison: " + op));
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
