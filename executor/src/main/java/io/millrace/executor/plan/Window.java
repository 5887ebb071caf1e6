package io.millrace.executor.plan;

import static java.util.Objects.requireNonNull;

import io.millrace.executor.type.DataType;
import io.millrace.executor.type.Field;
import io.millrace.executor.type.RowSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Window functions over one window: the input rows, split into partitions by
 * {@code partitionKeys} and ordered by {@code ordering} within each; every input row comes out
 * once per copy, followed by one column per call.
 */
public record Window(PlanNode input, List<Integer> partitionKeys, List<SortKey> ordering, List<Call> calls,
        List<String> callNames) implements PlanNode {

    /** The window functions there are. */
    public enum Function {
        ROW_NUMBER, RANK, DENSE_RANK, LAG, LEAD, FIRST_VALUE, LAST_VALUE, COUNT_STAR, COUNT, SUM, AVG, MIN, MAX;

        /** Whether the function reads the rows of the call's frame (the others look at positions). */
        public boolean usesFrame() {
            return switch (this) {
                case ROW_NUMBER, RANK, DENSE_RANK, LAG, LEAD -> false;
                default -> true;
            };
        }
    }

    /**
     * Which rows around the current one a call reads. {@code rows}: bounds count rows; otherwise
     * they count peer groups (rows equal in the ordering), and only UNBOUNDED and CURRENT ROW exist.
     * A bound is {@link #UNBOUNDED_PRECEDING}, {@link #UNBOUNDED_FOLLOWING}, 0 (current row), or
     * -n / +n for n preceding / following.
     */
    public record Frame(boolean rows, long lower, long upper) {
        public static final long UNBOUNDED_PRECEDING = Long.MIN_VALUE;
        public static final long UNBOUNDED_FOLLOWING = Long.MAX_VALUE;

        /** The default with an ORDER BY: from the partition's start to the current row's last peer. */
        public static final Frame TO_CURRENT_PEERS = new Frame(false, UNBOUNDED_PRECEDING, 0);
        /** The default without one: the whole partition. */
        public static final Frame WHOLE_PARTITION = new Frame(false, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING);
    }

    /**
     * One call: {@code arguments} are input columns; {@code offset} and {@code fallback} are LAG's
     * and LEAD's (1 and NULL unless written).
     */
    public record Call(Function function, List<Integer> arguments, Frame frame, long offset, Object fallback,
            DataType type) {
        public Call {
            requireNonNull(function, "function is null");
            arguments = List.copyOf(arguments);
            requireNonNull(frame, "frame is null");
            requireNonNull(type, "type is null");
        }
    }

    public Window {
        requireNonNull(input, "input is null");
        partitionKeys = List.copyOf(partitionKeys);
        ordering = List.copyOf(ordering);
        calls = List.copyOf(calls);
        callNames = Collections.unmodifiableList(new ArrayList<>(callNames));
        if (callNames.size() != calls.size()) {
            throw new IllegalArgumentException("one name per call");
        }
    }

    @Override
    public RowSchema schema() {
        List<Field> fields = new ArrayList<>(input.schema().fields());
        for (int i = 0; i < calls.size(); i++) {
            fields.add(new Field(callNames.get(i), calls.get(i).type(), true));
        }
        return new RowSchema(fields);
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }

    @Override
    public PlanNode withInputs(List<PlanNode> newInputs) {
        return new Window(newInputs.get(0), partitionKeys, ordering, calls, callNames);
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitWindow(this);
    }
}
