package io.millrace.executor.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Places {@link Exchange}s so every stateful operator sees all rows of a key on one worker: joins
 * by their keys, aggregates by their group keys, DISTINCT by the whole row, window functions by
 * their partition keys, top-N on one worker.
 */
public final class Exchanges {
    private Exchanges() {
    }

    public static PlanNode place(PlanNode node) {
        List<PlanNode> inputs = new ArrayList<>();
        for (PlanNode in : node.inputs()) {
            inputs.add(place(in));
        }
        if (node instanceof Join j) {
            return j.withInputs(List.of(exchange(inputs.get(0), j.leftKeys()), exchange(inputs.get(1), j.rightKeys())));
        }
        if (node instanceof Aggregate a) {
            return a.withInputs(List.of(exchange(inputs.get(0), a.groupKeys())));
        }
        if (node instanceof Distinct d) {
            List<Integer> all = IntStream.range(0, d.schema().size()).boxed().toList();
            return d.withInputs(List.of(exchange(inputs.get(0), all)));
        }
        if (node instanceof TopN t) {
            return t.withInputs(List.of(exchange(inputs.get(0), List.of())));
        }
        if (node instanceof Window w) {
            return w.withInputs(List.of(exchange(inputs.get(0), w.partitionKeys())));
        }
        return node.inputs().isEmpty() ? node : node.withInputs(inputs);
    }

    private static PlanNode exchange(PlanNode input, List<Integer> keys) {
        if (input instanceof Exchange e && e.keys().equals(keys)) {
            return input;
        }
        return new Exchange(input, keys);
    }
}
