package io.millrace.slt;

import static java.util.Objects.requireNonNull;

import io.millrace.slt.ViewPlan.QueryView;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The runtime half of view mode: which script relations exist now, which query views are live, and
 * which must be dropped before a statement (so the script's own DROP, ALTER or CREATE OR REPLACE is
 * not blocked by a view the runner added) and created again once their relations are back.
 *
 * <p>It also tracks, in both modes, the relations a script created, so the runner can drop them
 * when the file ends. It issues no SQL: the runner asks it what to do and reports back.
 */
final class ViewTracker {
    enum State {
        /** The statement the view is due after has not run yet. */
        WAITING,
        /** The view exists on the server. */
        LIVE,
        /** The view was dropped ahead of DDL on a relation it reads; created again when all are back. */
        DROPPED,
        /** When the view was due, a relation it reads did not exist. */
        MISSING,
        /** Creating the view failed; the query will be checked ad hoc and counted as failed. */
        FAILED,
        /** The query was reached and checked. */
        DONE
    }

    private final ViewPlan plan;
    private final Map<Integer, State> states = new HashMap<>();
    private final Map<Integer, String> reasons = new HashMap<>();
    /** Views that wait for their relations (DROPPED or MISSING), by query index. */
    private final TreeMap<Integer, QueryView> waiting = new TreeMap<>();
    /** Script relations that exist now, in creation order, with their kind. */
    private final Map<String, String> existing = new LinkedHashMap<>();
    /** For every existing script relation, the script relations its definition names. */
    private final Map<String, Set<String>> dependencies = new HashMap<>();

    ViewTracker(ViewPlan plan) {
        this.plan = requireNonNull(plan, "plan is null");
    }

    State state(int queryIndex) {
        return states.getOrDefault(queryIndex, State.WAITING);
    }

    /** Why a view is not live ({@code MISSING}, {@code DROPPED}, {@code FAILED}), or {@code null}. */
    String reason(int queryIndex) {
        return reasons.get(queryIndex);
    }

    /**
     * Before the statement at {@code index} runs: the live views that read (directly or through
     * script views) a relation the statement drops, alters or replaces. They are now
     * {@code DROPPED}; the caller drops them on the server.
     */
    List<QueryView> beforeStatement(int index, int line) {
        Set<String> touched = new HashSet<>();
        for (Ddl d : plan.ddl(index)) {
            if (d.action() == Ddl.Action.DROP || d.action() == Ddl.Action.ALTER
                    || d.action() == Ddl.Action.CREATE && d.orReplace()) {
                touched.addAll(d.names());
            }
        }
        if (touched.isEmpty()) {
            return List.of();
        }
        List<QueryView> drop = new ArrayList<>();
        for (Map.Entry<Integer, State> e : new TreeMap<>(states).entrySet()) {
            if (e.getValue() != State.LIVE) {
                continue;
            }
            QueryView v = plan.view(e.getKey());
            Set<String> closure = closure(v.reads());
            closure.retainAll(touched);
            if (!closure.isEmpty()) {
                set(v, State.DROPPED, "dropped before line " + line + ", which changes " + String.join(", ", closure));
                waiting.put(v.recordIndex(), v);
                drop.add(v);
            }
        }
        return drop;
    }

    /**
     * After the statement at {@code index} ran ({@code succeeded} or not): updates which relations
     * exist and returns the views to create now, in query order. The caller reports each back with
     * {@link #created} or {@link #failed}. Views whose relations do not all exist become
     * {@code MISSING}.
     */
    List<QueryView> afterStatement(int index, int line, boolean succeeded) {
        List<Ddl> ddl = plan.ddl(index);
        if (succeeded) {
            for (Ddl d : ddl) {
                switch (d.action()) {
                    case CREATE -> {
                        String name = d.names().get(0);
                        existing.remove(name);
                        existing.put(name, d.kind());
                        Set<String> deps = new HashSet<>();
                        for (String id : d.identifiers()) {
                            if (!id.equals(name) && plan.isCreated(id)) {
                                deps.add(id);
                            }
                        }
                        dependencies.put(name, deps);
                    }
                    case DROP -> dropCascading(d.names());
                    default -> {
                        // ALTER and other statements do not change which relations exist
                    }
                }
            }
        }
        List<QueryView> candidates = new ArrayList<>();
        for (QueryView v : plan.dueAfter(index)) {
            if (state(v.recordIndex()) == State.WAITING) {
                candidates.add(v);
            }
        }
        if (!ddl.isEmpty()) {
            for (QueryView v : waiting.tailMap(index, false).values()) {
                if (!candidates.contains(v)) {
                    candidates.add(v);
                }
            }
        }
        candidates.sort((a, b) -> Integer.compare(a.recordIndex(), b.recordIndex()));
        List<QueryView> create = new ArrayList<>();
        for (QueryView v : candidates) {
            List<String> absent = new ArrayList<>();
            for (String r : v.reads()) {
                if (!existing.containsKey(r)) {
                    absent.add(r);
                }
            }
            if (absent.isEmpty()) {
                create.add(v);
            } else if (state(v.recordIndex()) == State.WAITING) {
                set(v, State.MISSING, "after line " + line + " " + String.join(", ", absent) + " did not exist");
                waiting.put(v.recordIndex(), v);
            }
        }
        return create;
    }

    void created(QueryView v) {
        waiting.remove(v.recordIndex());
        states.put(v.recordIndex(), State.LIVE);
        reasons.remove(v.recordIndex());
    }

    void failed(QueryView v, String error) {
        waiting.remove(v.recordIndex());
        set(v, State.FAILED, error);
    }

    /** The query was reached: its view (if live) is dropped by the caller and never comes back. */
    void done(int queryIndex) {
        waiting.remove(queryIndex);
        states.put(queryIndex, State.DONE);
    }

    /** The views that exist on the server now. */
    List<QueryView> live() {
        List<QueryView> live = new ArrayList<>();
        for (Map.Entry<Integer, State> e : new TreeMap<>(states).entrySet()) {
            if (e.getValue() == State.LIVE) {
                live.add(plan.view(e.getKey()));
            }
        }
        return live;
    }

    /** The script relations that exist now, in creation order, with their DDL kind. */
    Map<String, String> existingRelations() {
        return new LinkedHashMap<>(existing);
    }

    private void set(QueryView v, State state, String reason) {
        states.put(v.recordIndex(), state);
        reasons.put(v.recordIndex(), reason);
    }

    private Set<String> closure(Collection<String> names) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(names);
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (seen.add(n)) {
                todo.addAll(dependencies.getOrDefault(n, Set.of()));
            }
        }
        return seen;
    }

    /** Removes dropped relations and every existing relation that depends on one (CASCADE). */
    private void dropCascading(List<String> names) {
        Set<String> gone = new HashSet<>(names);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String name : List.copyOf(existing.keySet())) {
                if (!gone.contains(name) && !Collections.disjoint(dependencies.getOrDefault(name, Set.of()), gone)) {
                    gone.add(name);
                    changed = true;
                }
            }
        }
        for (String name : gone) {
            existing.remove(name);
            dependencies.remove(name);
        }
    }
}
