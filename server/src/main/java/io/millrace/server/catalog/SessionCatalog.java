package io.millrace.server.catalog;

import io.millrace.pgwire.PgType;
import io.millrace.planner.CatalogAccess;
import io.millrace.planner.RelationInfo;
import io.millrace.planner.SessionFunctions;
import io.millrace.planner.SystemRelation;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The catalog as one session's statements see it: the stored objects, the system catalogs, and
 * the session's answers to functions such as {@code current_user} and {@code pg_table_is_visible}.
 */
public final class SessionCatalog implements CatalogAccess {
    private final Catalog.Version catalog;
    private final SystemCatalog.SessionView session;
    private final String version;
    private SystemCatalog system;

    public SessionCatalog(Catalog.Version catalog, SystemCatalog.SessionView session, String version) {
        this.catalog = catalog;
        this.session = session;
        this.version = version;
    }

    private SystemCatalog system() {
        if (system == null) {
            system = new SystemCatalog(catalog, session);
        }
        return system;
    }

    @Override
    public Collection<RelationInfo> relations(String schemaName) {
        return catalog.relations(schemaName);
    }

    @Override
    public RelationInfo relation(String schemaName, String name) {
        return catalog.relation(schemaName, name);
    }

    @Override
    public Collection<String> schemaNames() {
        return catalog.schemaNames();
    }

    @Override
    public List<String> searchPath() {
        return session.searchPath();
    }

    @Override
    public Collection<String> systemSchemaNames() {
        return SystemCatalog.schemaNames();
    }

    @Override
    public SystemRelation systemRelation(String schemaName, String name) {
        return system().relation(schemaName, name);
    }

    @Override
    public Collection<SystemRelation> systemRelations(String schemaName) {
        return system().relations(schemaName);
    }

    private static final io.millrace.executor.type.RowSchema SEQUENCE_COLUMNS = new io.millrace.executor.type.RowSchema(
            List.of(new io.millrace.executor.type.Field("last_value", io.millrace.executor.type.DataType.BIGINT, false),
                    new io.millrace.executor.type.Field("log_cnt", io.millrace.executor.type.DataType.BIGINT, false),
                    new io.millrace.executor.type.Field("is_called", io.millrace.executor.type.DataType.BOOLEAN, false)));

    @Override
    public SystemRelation sequence(String schemaName, String name) {
        CatalogEntry e = catalog.lookup(schemaName, name);
        if (e == null || e.kind() != ObjectKind.SEQUENCE) {
            return null;
        }
        return new SystemRelation(schemaName, name, SEQUENCE_COLUMNS, () -> {
            SequenceState state = session.sequenceState(e.id());
            return List.of(java.util.Arrays.asList(state.lastValue(), state.logCount(), state.called()));
        });
    }

    @Override
    public SessionFunctions sessionFunctions() {
        return new SessionFunctions() {
            @Override
            public String currentUser() {
                return session.user();
            }

            @Override
            public String currentDatabase() {
                return session.database();
            }

            @Override
            public String currentSchema() {
                return session.searchPath().isEmpty() ? null : session.searchPath().get(0);
            }

            @Override
            public List<String> searchPath() {
                return session.searchPath();
            }

            @Override
            public String version() {
                return version;
            }

            @Override
            public String setting(String name) {
                Map<String, String> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                all.putAll(session.settings());
                return all.get(name);
            }

            @Override
            public Map<String, String> settings() {
                return session.settings();
            }

            @Override
            public Map<Long, String> objectNames(String regType) {
                return SessionCatalog.this.objectNames(regType);
            }

            @Override
            public java.time.Instant serverStartTime() {
                return session.serverStartTime();
            }

            @Override
            public long currentXid() {
                return system().currentXid();
            }

            @Override
            public Map<Long, Long> relationSizes(boolean total) {
                return system().relationSizes(total);
            }

            @Override
            public Map<Long, String> roleNames() {
                Map<Long, String> out = new LinkedHashMap<>();
                for (Roles.Role r : session.roles()) {
                    out.put(r.oid(), r.name());
                }
                return out;
            }

            @Override
            public Set<Long> invisibleRelations() {
                return SessionCatalog.this.invisibleRelations();
            }

            @Override
            public Map<Long, String> viewDefinitions() {
                Map<Long, String> out = new LinkedHashMap<>();
                for (CatalogEntry e : catalog.entries()) {
                    if (e.querySql() != null) {
                        out.put(SystemCatalog.oid(e), SystemCatalog.definition(e));
                    }
                }
                return out;
            }

            @Override
            public Map<Long, String> indexDefinitions() {
                return system().indexDefinitions();
            }

            @Override
            public Map<Long, List<String>> indexColumnNames() {
                Map<Long, List<String>> out = new LinkedHashMap<>();
                system().indexColumns().forEach((oid, columns) -> out.put(oid, columns.names()));
                return out;
            }

            @Override
            public Map<Long, String> constraintDefinitions() {
                return system().constraintDefinitions();
            }

            @Override
            public Long objectOid(String regType, String name) {
                return SessionCatalog.this.objectOid(regType, name);
            }

            @Override
            public String serialSequence(String table, String column) {
                Long oid = objectOid("regclass", table);
                CatalogEntry t = oid == null ? null : catalog.get(oid - SystemCatalog.FIRST_USER_OID);
                if (t == null) {
                    throw new io.millrace.common.MillraceException(io.millrace.common.SqlState.UNDEFINED_TABLE,
                            "relation \"" + table + "\" does not exist");
                }
                int position = t.columns().names().indexOf(column);
                if (position < 0) {
                    throw new io.millrace.common.MillraceException(io.millrace.common.SqlState.UNDEFINED_COLUMN,
                            "column \"" + column + "\" of relation \"" + t.name() + "\" does not exist");
                }
                for (CatalogEntry d : catalog.directDependents(t.id())) {
                    if (d.kind() == ObjectKind.SEQUENCE && d.onRelation() == t.id()
                            && d.sequence().ownedColumn() == position) {
                        return d.schemaName() + "." + d.name();
                    }
                }
                return null;
            }

            @Override
            public Map<Long, String> typeNames() {
                Map<Long, String> out = new LinkedHashMap<>();
                for (PgType t : PgType.values()) {
                    out.put((long) t.oid(), t.element() == null ? formatName(t)
                            : (t.element() == PgType.BPCHAR ? "character" : formatName(t.element())) + "[]");
                }
                return out;
            }
        };
    }

    /** A type's name as format_type() gives it without a type modifier. */
    public static String formatName(PgType t) {
        return switch (t) {
            case BOOL -> "boolean";
            case INT2 -> "smallint";
            case INT4 -> "integer";
            case INT8 -> "bigint";
            case FLOAT4 -> "real";
            case FLOAT8 -> "double precision";
            case VARCHAR -> "character varying";
            case BPCHAR -> "bpchar";
            case TIME -> "time without time zone";
            case TIMESTAMP -> "timestamp without time zone";
            case TIMESTAMPTZ -> "timestamp with time zone";
            default -> t.typname();
        };
    }

    private Long objectOid(String regType, String name) {
        String bare = name.strip();
        String schema = null;
        int dot = bare.indexOf('.');
        if (dot > 0) {
            schema = unquote(bare.substring(0, dot));
            bare = bare.substring(dot + 1);
        }
        bare = unquote(bare);
        switch (regType) {
            case "regclass": {
                java.util.List<String> path = new java.util.ArrayList<>();
                if (schema != null) {
                    path.add(schema);
                } else {
                    path.add("pg_catalog");
                    path.addAll(session.searchPath());
                }
                for (String s : path) {
                    SystemRelation r = system().relation(s, bare);
                    if (r != null) {
                        return system().oid(r);
                    }
                    CatalogEntry e = catalog.lookup(s, bare);
                    if (e != null) {
                        return SystemCatalog.oid(e);
                    }
                }
                return null;
            }
            case "regtype": {
                for (PgType t : PgType.values()) {
                    if (t.typname().equals(bare) || bare.equals(sessionFunctions().typeNames().get((long) t.oid()))) {
                        return (long) t.oid();
                    }
                }
                return null;
            }
            case "regnamespace":
                return SystemCatalog.schemaNames().contains(bare) || catalog.hasSchema(bare)
                        ? system().schemaOid(bare) : null;
            case "regrole":
                for (Roles.Role r : session.roles()) {
                    if (r.name().equals(bare)) {
                        return r.oid();
                    }
                }
                return null;
            default:
                return null;
        }
    }

    /** What values of a reg* type print as (see {@link SessionFunctions#objectNames}). */
    private Map<Long, String> objectNames(String regType) {
        Map<Long, String> out = new LinkedHashMap<>();
        switch (regType) {
            case "regclass": {
                Map<Long, String> schemas = objectNames("regnamespace");
                Set<Long> invisible = invisibleRelations();
                for (List<Object> r : system().relation("pg_catalog", "pg_class").rows().get()) {
                    long oid = (Long) r.get(0);
                    String name = io.millrace.common.PgText.quoteIdentifier((String) r.get(1));
                    out.put(oid, invisible.contains(oid)
                            ? io.millrace.common.PgText.quoteIdentifier(schemas.get((Long) r.get(2))) + "." + name : name);
                }
                return out;
            }
            case "regnamespace":
                for (List<Object> r : system().relation("pg_catalog", "pg_namespace").rows().get()) {
                    out.put((Long) r.get(0), (String) r.get(1));
                }
                return out;
            case "regtype":
                return sessionFunctions().typeNames();
            case "regrole":
                return sessionFunctions().roleNames();
            default:
                return out;
        }
    }

    /** An identifier as PostgreSQL reads it: folded to lower case unless double-quoted. */
    private static String unquote(String identifier) {
        if (identifier.length() > 1 && identifier.startsWith("\"") && identifier.endsWith("\"")) {
            return identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"");
        }
        return identifier.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Relations a name without schema does not reach: those outside the search path, and those
     * hidden by a relation of the same name earlier in it (pg_catalog comes first).
     */
    private Set<Long> invisibleRelations() {
        Set<Long> out = new HashSet<>();
        Set<String> path = new HashSet<>(session.searchPath());
        path.add("pg_catalog");
        Set<String> systemNames = new HashSet<>();
        for (String schema : SystemCatalog.schemaNames()) {
            for (SystemRelation r : system().relations(schema)) {
                if (!path.contains(schema)) {
                    out.add(system().oid(r));
                } else {
                    systemNames.add(r.name());
                }
            }
        }
        // A bare name finds the first schema of the search path that has it: later ones are hidden.
        Map<String, String> firstSchema = new java.util.HashMap<>();
        for (String schema : session.searchPath()) {
            for (CatalogEntry e : catalog.inSchema(schema)) {
                firstSchema.putIfAbsent(e.name(), schema);
            }
        }
        for (CatalogEntry e : catalog.entries()) {
            if (e.kind() != ObjectKind.SCHEMA && (!e.schemaName().equals(firstSchema.get(e.name()))
                    || systemNames.contains(e.name()))) {
                out.add(SystemCatalog.oid(e));
            }
        }
        return out;
    }
}
