package io.millrace.executor.plan;

import static java.util.Objects.requireNonNull;

import io.millrace.executor.type.RowSchema;
import java.util.List;

/**
 * Moves rows between workers so that rows with equal {@code keys} meet on one worker (the hash of
 * the keys picks it). No keys sends every row to worker 0.
 */
public record Exchange(PlanNode input, List<Integer> keys) implements PlanNode {
    public Exchange {
        requireNonNull(input, "input is null");
        keys = List.copyOf(keys);
    }

    @Override
    public RowSchema schema() {
        return input.schema();
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }

    @Override
    public PlanNode withInputs(List<PlanNode> newInputs) {
        return new Exchange(newInputs.get(0), keys);
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitExchange(this);
    }
}
