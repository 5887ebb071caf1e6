package io.millrace.server.catalog;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.planner.CatalogAccess;
import io.millrace.planner.RelationInfo;
import io.millrace.planner.RelationKind;
import io.millrace.storage.Commit;
import io.millrace.storage.KeyValueIterator;
import io.millrace.storage.Keys;
import io.millrace.storage.Store;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The objects that exist: tables, views, materialized views and indexes, with the dependencies
 * between them. Every change is written into the same commit as the data it goes with; the
 * in-memory copy changes only after that commit is durable ({@link #apply}).
 */
public final class Catalog {
    private static final byte[] NEXT_ID = Keys.meta("next_id");
    public static final String DEFAULT_SCHEMA = "public";

    /** The schema name schema entries are filed under (no relation can be in it). */
    public static final String SCHEMAS = "";

    private final Version current;
    private long nextId;

    /** A name in a schema. */
    private record QualifiedName(String schema, String name) {
    }

    /**
     * The catalog's contents. The coordinator changes it, under its lock, once a commit is durable;
     * planning reads it concurrently. Maps are concurrent rather than copied per change, so a
     * catalog of many thousands of objects costs nothing per statement.
     */
    public static final class Version implements CatalogAccess {
        private final java.util.concurrent.ConcurrentSkipListMap<Long, CatalogEntry> byId =
                new java.util.concurrent.ConcurrentSkipListMap<>();
        private final Map<QualifiedName, CatalogEntry> byName = new java.util.concurrent.ConcurrentHashMap<>();
        /** Direct dependents: who reads (or indexes) each object. */
        private final Map<Long, Set<Long>> dependents = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<Long, RelationInfo> relationInfos = new java.util.concurrent.ConcurrentHashMap<>();

        Version(Map<Long, CatalogEntry> entries) {
            for (CatalogEntry e : entries.values()) {
                add(e);
            }
        }

        void apply(List<CatalogEntry> added, Collection<Long> removed) {
            for (long id : removed) {
                CatalogEntry old = byId.remove(id);
                if (old != null) {
                    unindex(old);
                }
            }
            for (CatalogEntry e : added) {
                add(e);
            }
        }

        private void add(CatalogEntry e) {
            CatalogEntry old = byId.put(e.id(), e);
            if (old != null) {
                unindex(old);
            }
            relationInfos.remove(e.id());
            byName.put(new QualifiedName(e.schemaName(), e.name()), e);
            for (long d : readsOf(e)) {
                dependents.computeIfAbsent(d, k -> java.util.concurrent.ConcurrentHashMap.newKeySet()).add(e.id());
            }
        }

        private void unindex(CatalogEntry e) {
            byName.remove(new QualifiedName(e.schemaName(), e.name()), e);
            relationInfos.remove(e.id());
            for (long d : readsOf(e)) {
                Set<Long> set = dependents.get(d);
                if (set != null) {
                    set.remove(e.id());
                }
            }
        }

        private static Set<Long> readsOf(CatalogEntry e) {
            if (e.onRelation() == 0) {
                return e.dependencies();
            }
            Set<Long> all = new java.util.HashSet<>(e.dependencies());
            all.add(e.onRelation());
            return all;
        }

        public CatalogEntry get(long id) {
            return byId.get(id);
        }

        /** The object named {@code name} in {@code schema}, or null. */
        public CatalogEntry lookup(String schema, String name) {
            return byName.get(new QualifiedName(schema, name));
        }

        /** Every object, in id (creation) order. */
        public Collection<CatalogEntry> entries() {
            return byId.values();
        }

        /** Objects that depend on {@code id} directly, in id order. */
        public List<CatalogEntry> directDependents(long id) {
            List<CatalogEntry> out = new ArrayList<>();
            for (long d : new java.util.TreeSet<>(dependents.getOrDefault(id, Set.of()))) {
                CatalogEntry e = byId.get(d);
                if (e != null) {
                    out.add(e);
                }
            }
            return out;
        }

        /** Objects that depend on {@code id} directly or transitively. */
        public List<CatalogEntry> dependents(long id) {
            Set<Long> found = new LinkedHashSet<>();
            java.util.ArrayDeque<Long> todo = new java.util.ArrayDeque<>(List.of(id));
            while (!todo.isEmpty()) {
                for (long d : dependents.getOrDefault(todo.pop(), Set.of())) {
                    if (found.add(d)) {
                        todo.add(d);
                    }
                }
            }
            List<CatalogEntry> out = new ArrayList<>();
            for (long d : found) {
                out.add(byId.get(d));
            }
            return out;
        }

        /** The unique indexes on table {@code tableId}, in creation order (the order they are checked in). */
        public List<CatalogEntry> uniqueIndexes(long tableId) {
            List<CatalogEntry> out = new ArrayList<>();
            for (long d : dependents.getOrDefault(tableId, Set.of())) {
                CatalogEntry e = byId.get(d);
                if (e != null && e.isUniqueIndex() && e.onRelation() == tableId) {
                    out.add(e);
                }
            }
            out.sort(java.util.Comparator.comparingLong(CatalogEntry::id));
            return out;
        }

        @Override
        public Collection<RelationInfo> relations(String schemaName) {
            List<RelationInfo> out = new ArrayList<>();
            for (CatalogEntry e : byId.values()) {
                if (e.isRelation() && e.schemaName().equals(schemaName)) {
                    out.add(info(e));
                }
            }
            return out;
        }

        @Override
        public RelationInfo relation(String schemaName, String name) {
            CatalogEntry e = lookup(schemaName, name);
            return e == null || !e.isRelation() ? null : info(e);
        }

        private RelationInfo info(CatalogEntry e) {
            return relationInfos.computeIfAbsent(e.id(), id -> relationInfo(e));
        }

        @Override
        public Collection<String> schemaNames() {
            List<String> names = new ArrayList<>(List.of(DEFAULT_SCHEMA));
            for (CatalogEntry e : byId.values()) {
                if (e.kind() == ObjectKind.SCHEMA) {
                    names.add(e.name());
                }
            }
            return names;
        }

        /**
         * The relation a possibly qualified name ({@code [schema.]name}) stands for: a bare name is
         * looked for in each schema of {@code searchPath} in turn. Null when there is none.
         */
        public CatalogEntry resolveRelation(List<String> names, List<String> searchPath) {
            String name = names.get(names.size() - 1);
            List<String> schemas = names.size() > 1 ? List.of(names.get(names.size() - 2)) : searchPath;
            for (String schema : schemas) {
                CatalogEntry e = lookup(schema, name);
                if (e != null && e.isRelation()) {
                    return e;
                }
            }
            return null;
        }

        /** Whether schema {@code name} exists. */
        public boolean hasSchema(String name) {
            return name.equals(DEFAULT_SCHEMA) || lookup(SCHEMAS, name) != null;
        }

        /** The objects in schema {@code name}, in id order. */
        public List<CatalogEntry> inSchema(String name) {
            return byId.values().stream().filter(e -> e.schemaName().equals(name)).toList();
        }
    }

    public static RelationInfo relationInfo(CatalogEntry e) {
        RelationKind kind = switch (e.kind()) {
            case TABLE -> RelationKind.TABLE;
            case VIEW -> RelationKind.VIEW;
            case MATERIALIZED_VIEW -> RelationKind.MATERIALIZED_VIEW;
            default -> throw new IllegalArgumentException("not a relation: " + e.kind());
        };
        return new RelationInfo(e.id(), e.schemaName(), e.name(), kind, e.columns(), e.primaryKey(), e.querySql(),
                e.searchPath(), e.defaults());
    }

    private Catalog(Map<Long, CatalogEntry> entries, long nextId) {
        this.current = new Version(entries);
        this.nextId = nextId;
    }

    /** Loads the catalog stored in {@code store}. */
    public static Catalog load(Store store) {
        Map<Long, CatalogEntry> entries = new TreeMap<>();
        try (KeyValueIterator it = store.scan(Keys.catalogPrefix())) {
            while (it.next()) {
                CatalogEntry e = CatalogCodec.decode(it.value());
                entries.put(e.id(), e);
            }
        }
        byte[] next = store.get(NEXT_ID);
        long nextId = next == null ? 1 : Keys.readLongValue(next);
        return new Catalog(entries, nextId);
    }

    public Version current() {
        return current;
    }

    /** Reserves a new object id, recorded in {@code commit}. Call under the coordinator's lock. */
    public long allocateId(Commit commit) {
        long id = nextId++;
        commit.put(NEXT_ID, Keys.longValue(nextId));
        return id;
    }

    /** Adds the writes that store {@code entry} to {@code commit}. */
    public static void write(Commit commit, CatalogEntry entry) {
        commit.put(Keys.catalog(entry.id()), CatalogCodec.encode(entry));
    }

    public static void delete(Commit commit, long id) {
        commit.delete(Keys.catalog(id));
    }

    /** Makes a committed change visible: entries added or replaced, ids removed. */
    public void apply(List<CatalogEntry> added, Collection<Long> removed) {
        current.apply(added, removed);
    }

    /** Fails with 42P07 when the name is taken in the schema. */
    public static void checkNameFree(Version v, String schema, String name) {
        CatalogEntry existing = v.lookup(schema, name);
        if (existing != null) {
            throw new MillraceException(SqlState.DUPLICATE_TABLE,
                    "relation \"" + name + "\" already exists");
        }
    }
}
