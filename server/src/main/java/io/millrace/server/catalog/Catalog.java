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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The objects that exist: tables, views, materialized views and indexes, with the dependencies
 * between them. Every change is written into the same commit as the data it goes with; the
 * in-memory copy changes only after that commit is durable ({@link #apply}). Versions are
 * immutable snapshots, so planning reads a stable catalog while DDL runs.
 */
public final class Catalog {
    private static final byte[] NEXT_ID = Keys.meta("next_id");
    public static final String DEFAULT_SCHEMA = "public";

    private volatile Version current;
    private long nextId;

    /** An immutable state of the catalog. */
    public static final class Version implements CatalogAccess {
        private final Map<Long, CatalogEntry> byId;
        private final Map<String, CatalogEntry> byName;

        Version(Map<Long, CatalogEntry> byId) {
            this.byId = byId;
            this.byName = new LinkedHashMap<>();
            for (CatalogEntry e : byId.values()) {
                byName.put(e.schemaName() + "." + e.name(), e);
            }
        }

        public CatalogEntry get(long id) {
            return byId.get(id);
        }

        /** The object named {@code name} in {@code schema}, or null. */
        public CatalogEntry lookup(String schema, String name) {
            return byName.get(schema + "." + name);
        }

        public Collection<CatalogEntry> entries() {
            return byId.values();
        }

        /** Objects that depend on {@code id} directly or transitively. */
        public List<CatalogEntry> dependents(long id) {
            Set<Long> found = new LinkedHashSet<>();
            collect(id, found);
            List<CatalogEntry> out = new ArrayList<>();
            for (long d : found) {
                out.add(byId.get(d));
            }
            return out;
        }

        private void collect(long id, Set<Long> found) {
            for (CatalogEntry e : byId.values()) {
                if ((e.dependencies().contains(id) || e.onRelation() == id) && found.add(e.id())) {
                    collect(e.id(), found);
                }
            }
        }

        @Override
        public Collection<RelationInfo> relations(String schemaName) {
            List<RelationInfo> out = new ArrayList<>();
            for (CatalogEntry e : byId.values()) {
                if (e.isRelation() && e.schemaName().equals(schemaName)) {
                    out.add(relationInfo(e));
                }
            }
            return out;
        }

        @Override
        public Collection<String> schemaNames() {
            return List.of(DEFAULT_SCHEMA);
        }
    }

    public static RelationInfo relationInfo(CatalogEntry e) {
        RelationKind kind = switch (e.kind()) {
            case TABLE -> RelationKind.TABLE;
            case VIEW -> RelationKind.VIEW;
            case MATERIALIZED_VIEW -> RelationKind.MATERIALIZED_VIEW;
            default -> throw new IllegalArgumentException("not a relation: " + e.kind());
        };
        return new RelationInfo(e.id(), e.schemaName(), e.name(), kind, e.columns(), e.primaryKey(), e.querySql());
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
    public synchronized void apply(List<CatalogEntry> added, Collection<Long> removed) {
        Map<Long, CatalogEntry> next = new TreeMap<>(current.byId);
        for (long id : removed) {
            next.remove(id);
        }
        for (CatalogEntry e : added) {
            next.put(e.id(), e);
        }
        current = new Version(next);
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
