package io.millrace.slt;

import static java.util.Objects.requireNonNull;

import io.millrace.slt.SqlTokenizer.Token;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The static half of view mode: which relations a script creates, which of them each query reads,
 * and after which statement each query's view is due.
 *
 * <p>No SQL parser is involved. A query "reads" a relation when the relation's name appears in it as
 * an identifier token and an earlier statement of the script creates a relation of that name. Its
 * view is due right after the last statement before the query that (re)creates one of the relations
 * it reads; a query that reads none of the script's relations, or that is not a plain query
 * ({@code SELECT}, {@code WITH}, {@code VALUES}, {@code TABLE}), runs ad hoc.
 */
final class ViewPlan {
    /**
     * A query that becomes a view.
     *
     * @param recordIndex index of the query among the active records
     * @param query the record
     * @param reads the script relations it reads
     * @param dueAfter index of the statement after which the view is created
     */
    record QueryView(int recordIndex, SltRecord.Query query, Set<String> reads, int dueAfter) {
        QueryView {
            requireNonNull(query, "query is null");
            reads = Collections.unmodifiableSet(new LinkedHashSet<>(reads));
        }
    }

    private final Map<Integer, List<Ddl>> ddl;
    private final Map<String, String> createdKinds;
    private final Map<Integer, QueryView> views;
    private final Map<Integer, List<QueryView>> dueAfter;

    private ViewPlan(Map<Integer, List<Ddl>> ddl, Map<String, String> createdKinds, Map<Integer, QueryView> views,
            Map<Integer, List<QueryView>> dueAfter) {
        this.ddl = ddl;
        this.createdKinds = createdKinds;
        this.views = views;
        this.dueAfter = dueAfter;
    }

    static ViewPlan of(List<SltRecord> records) {
        Map<Integer, List<Ddl>> ddl = new HashMap<>();
        Map<String, String> createdKinds = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i) instanceof SltRecord.Statement s) {
                List<Ddl> statements = Ddl.classifyAll(s.sql());
                ddl.put(i, statements);
                for (Ddl d : statements) {
                    if (d.action() == Ddl.Action.CREATE) {
                        createdKinds.putIfAbsent(d.names().get(0), d.kind());
                    }
                }
            }
        }
        Map<String, Integer> lastCreation = new HashMap<>();
        Map<Integer, QueryView> views = new HashMap<>();
        Map<Integer, List<QueryView>> dueAfter = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            SltRecord r = records.get(i);
            if (r instanceof SltRecord.Statement) {
                for (Ddl d : ddl.get(i)) {
                    if (d.action() == Ddl.Action.CREATE) {
                        lastCreation.put(d.names().get(0), i);
                    }
                }
            } else if (r instanceof SltRecord.Query q) {
                List<Token> tokens = SqlTokenizer.tokenize(q.sql());
                if (!isPlainQuery(tokens)) {
                    continue;
                }
                Set<String> reads = new LinkedHashSet<>();
                int due = -1;
                for (Token t : tokens) {
                    if (t.isIdentifier() && lastCreation.containsKey(t.text())) {
                        reads.add(t.text());
                        due = Math.max(due, lastCreation.get(t.text()));
                    }
                }
                if (!reads.isEmpty()) {
                    QueryView v = new QueryView(i, q, reads, due);
                    views.put(i, v);
                    dueAfter.computeIfAbsent(due, k -> new ArrayList<>()).add(v);
                }
            }
        }
        return new ViewPlan(ddl, createdKinds, views, dueAfter);
    }

    private static boolean isPlainQuery(List<Token> tokens) {
        for (Token t : tokens) {
            if (t.isSymbol("(")) {
                continue;
            }
            return t.is("select") || t.is("with") || t.is("values") || t.is("table");
        }
        return false;
    }

    /** The relations the script creates anywhere, each with the kind of its first creation. */
    Map<String, String> createdRelations() {
        return Collections.unmodifiableMap(createdKinds);
    }

    /** The DDL effects of the statement at {@code index} (empty for other records). */
    List<Ddl> ddl(int index) {
        return ddl.getOrDefault(index, List.of());
    }

    /** The view of the query at {@code index}, or {@code null} when that query runs ad hoc. */
    QueryView view(int index) {
        return views.get(index);
    }

    /** The views due right after the statement at {@code index}, in query order. */
    List<QueryView> dueAfter(int index) {
        return dueAfter.getOrDefault(index, List.of());
    }

    /** Whether {@code name} is created somewhere in the script. */
    boolean isCreated(String name) {
        return createdKinds.containsKey(name);
    }
}
