package io.millrace.server.session;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.Field;
import io.millrace.executor.type.RowSchema;
import io.millrace.parser.ddl.SqlColumnDefinition;
import io.millrace.parser.ddl.SqlCreateIndex;
import io.millrace.parser.ddl.SqlRoleStatement;
import io.millrace.pgwire.PasswordAuthenticators;
import io.millrace.server.catalog.Roles;
import io.millrace.server.catalog.SystemCatalog;
import io.millrace.parser.ddl.SqlCreateTable;
import io.millrace.parser.ddl.SqlCreateView;
import io.millrace.parser.ddl.SqlDropObjects;
import io.millrace.planner.PlanPurpose;
import io.millrace.planner.Planner;
import io.millrace.planner.PreparedQuery;
import io.millrace.planner.QueryPlan;
import io.millrace.server.catalog.Catalog;
import io.millrace.server.catalog.CatalogEntry;
import io.millrace.server.catalog.ObjectKind;
import io.millrace.server.catalog.ObjectNames;
import io.millrace.server.catalog.SequenceDefinition;
import io.millrace.server.catalog.Uniqueness;
import io.millrace.planner.ColumnDefault;
import io.millrace.storage.StateStore;
import io.millrace.storage.Keys;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;

/** CREATE TABLE, CREATE [MATERIALIZED] VIEW, CREATE INDEX and DROP, with dependency tracking. */
final class DdlStatements {
    private final Session session;

    DdlStatements(Session session) {
        this.session = session;
    }

    /** The schema a new object named {@code id} goes in: the one it names, else the search path's first. */
    private String creationSchema(SqlIdentifier id) {
        Catalog.Version catalog = session.server.catalog().current();
        if (qualifier(id) != null) {
            String schema = qualifier(id);
            if (!catalog.hasSchema(schema)) {
                throw new MillraceException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
            }
            return schema;
        }
        for (String schema : session.searchPath()) {
            if (catalog.hasSchema(schema)) {
                return schema;
            }
        }
        throw new MillraceException(SqlState.INVALID_SCHEMA_NAME, "no schema has been selected to create in");
    }

    /** The schema of the object {@code id} names: the one it names, else the first on the search path that has it. */
    private String existingSchema(Catalog.Version catalog, SqlIdentifier id) {
        if (qualifier(id) != null) {
            return qualifier(id);
        }
        for (String schema : session.searchPath()) {
            if (catalog.lookup(schema, nameOf(id)) != null) {
                return schema;
            }
        }
        return session.searchPath().isEmpty() ? Catalog.DEFAULT_SCHEMA : session.searchPath().get(0);
    }

    /** The schema an identifier names, or null for a bare name. */
    private static String qualifier(SqlIdentifier id) {
        if (id.names.size() > 2) {
            throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                    "cross-database references are not implemented: " + id);
        }
        return id.names.size() == 2 ? id.names.get(0) : null;
    }

    private static String nameOf(SqlIdentifier id) {
        return id.names.get(id.names.size() - 1);
    }

    /**
     * {@code CREATE TABLE t [(cols)] AS query [WITH [NO] DATA]}: a table of the query's columns and
     * types (an untyped NULL or literal column is text, as in PostgreSQL), then, unless WITH NO
     * DATA, {@code INSERT INTO t query}. Should the insert fail, the table goes again.
     */
    Outcome createTableAs(io.millrace.parser.ddl.SqlCreateTableAs c) {
        String schema = creationSchema(c.name());
        String name = nameOf(c.name());
        String qualified = io.millrace.common.PgText.quoteIdentifier(schema) + "."
                + io.millrace.common.PgText.quoteIdentifier(name);
        if (session.server.catalog().current().lookup(schema, name) != null && c.ifNotExists()) {
            return new Outcome.Command("CREATE TABLE AS", List.of("relation \"" + name + "\" already exists, skipping"));
        }
        RowSchema produced = session.planner().prepareQuery(c.queryText(), c.query(), List.of()).columns();
        List<String> names = c.columnNames();
        if (names.size() > produced.size()) {
            throw new MillraceException(SqlState.SYNTAX_ERROR, "too many column names were specified");
        }
        StringBuilder create = new StringBuilder("CREATE TABLE ").append(qualified).append(" (");
        for (int i = 0; i < produced.size(); i++) {
            DataType t = produced.type(i);
            DataType stored = t.kind() == io.millrace.executor.type.TypeKind.UNKNOWN ? DataType.TEXT
                    : t.isVector() ? DataType.array(t.element()) : t;
            create.append(i == 0 ? "" : ", ")
                    .append(io.millrace.common.PgText.quoteIdentifier(i < names.size() ? names.get(i) : produced.field(i).name()))
                    .append(' ').append(stored.sqlName());
        }
        String createSql = create.append(')').toString();
        createTable((SqlCreateTable) io.millrace.parser.MillraceParser.parseStatements(createSql).get(0).node(), createSql);
        if (!c.withData()) {
            return Outcome.command("CREATE TABLE AS");
        }
        String insertSql = "INSERT INTO " + qualified + " " + c.queryText();
        try {
            io.millrace.pgwire.PgResult result = session.writes()
                    .prepare(insertSql, io.millrace.parser.MillraceParser.parseStatements(insertSql).get(0).node(), List.of())
                    .bind(List.of()).execute(0);
            String tag = ((io.millrace.pgwire.PgResult.Command) result).commandTag();
            return Outcome.command("SELECT " + tag.substring(tag.lastIndexOf(' ') + 1));
        } catch (RuntimeException e) {
            String dropSql = "DROP TABLE " + qualified;
            drop((SqlDropObjects) io.millrace.parser.MillraceParser.parseStatements(dropSql).get(0).node());
            throw e;
        }
    }

    Outcome createTable(SqlCreateTable c, String sql) {
        String schema = creationSchema(c.name());
        String name = nameOf(c.name());
        Planner planner = session.planner();
        List<Field> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> pkNames = c.primaryKeyColumns();
        // Per column: its stored default (null: none), and the sequence a serial or identity column takes its values from.
        List<String> defaults = new ArrayList<>();
        Map<Integer, SequenceOptions> generated = new LinkedHashMap<>();
        for (SqlColumnDefinition col : c.columns()) {
            String colName = col.columnName();
            if (!seen.add(colName)) {
                throw new MillraceException(SqlState.DUPLICATE_COLUMN,
                        "column \"" + colName + "\" specified more than once");
            }
            DataType serial = serialType(col.type());
            if (col.identity() != null && (col.defaultExpression() != null || serial != null)) {
                throw new MillraceException(SqlState.SYNTAX_ERROR, "both default and identity specified for column \""
                        + colName + "\" of table \"" + name + "\"");
            }
            if (serial != null && col.defaultExpression() != null) {
                throw new MillraceException(SqlState.SYNTAX_ERROR, "multiple default values specified for column \""
                        + colName + "\" of table \"" + name + "\"");
            }
            DataType type = serial != null ? serial : planner.columnType(col.type());
            if (col.identity() != null && !type.kind().isInteger()) {
                throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE,
                        "identity column type must be smallint, integer, or bigint");
            }
            if (serial != null || col.identity() != null) {
                SequenceOptions options = SequenceOptions.read(col.identityOptions(), type, planner);
                if (options.ownedBy() != null) {
                    throw new MillraceException(SqlState.SYNTAX_ERROR, "invalid sequence option OWNED BY for an identity column");
                }
                generated.put(fields.size(), options);
                defaults.add(null);
            } else {
                defaults.add(col.defaultExpression() == null ? null : DefaultExpressions.stored(col.defaultExpression(),
                        col.defaultText(), type, session.zone(), this::sequenceOid,
                        pos -> io.millrace.parser.ParserSupport.offset(sql, pos.getLineNum(), pos.getColumnNum()) + 1));
            }
            // Serial and identity columns are NOT NULL, as in PostgreSQL.
            boolean nullable = col.nullable() && !pkNames.contains(colName) && serial == null && col.identity() == null;
            fields.add(new Field(colName, type, nullable));
        }
        RowSchema columns = new RowSchema(fields);
        checkDefaults(schema, name, columns, defaults);
        List<Integer> pk = IndexDefinitions.keyColumns(pkNames, columns);
        List<IndexDefinitions.UniqueConstraint> uniques = IndexDefinitions.uniqueConstraints(c, columns, pk);
        return session.server.coordinator().write(ctx -> {
            if (ctx.catalog().lookup(schema, name) != null) {
                if (c.ifNotExists()) {
                    return new Outcome.Command("CREATE TABLE",
                            List.of("relation \"" + name + "\" already exists, skipping"));
                }
                Catalog.checkNameFree(ctx.catalog(), schema, name);
            }
            for (String d : defaults) {
                for (long s : DefaultExpressions.sequences(d)) {
                    if (ctx.catalog().get(s) == null) {
                        throw new MillraceException(SqlState.UNDEFINED_TABLE, "a sequence a default uses was dropped");
                    }
                }
            }
            long id = ctx.allocateId();
            Set<String> named = new HashSet<>(List.of(name));
            // A serial or identity column's sequence, <table>_<column>_seq, is owned by the column.
            List<ColumnDefault> columnDefaults = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                SequenceOptions options = generated.get(i);
                if (options == null) {
                    columnDefaults.add(new ColumnDefault(defaults.get(i), null));
                    continue;
                }
                String sequenceName = ObjectNames.choose(name, List.of(columns.field(i).name()), "seq",
                        n -> ctx.catalog().lookup(schema, n) != null || named.contains(n));
                named.add(sequenceName);
                CatalogEntry sequence = sequenceEntry(ctx.allocateId(), schema, sequenceName,
                        options.definition().ownedBy(i), id);
                ctx.addCatalogEntry(sequence);
                session.server.sequences().create(ctx, sequence);
                SqlColumnDefinition col = c.columns().get(i);
                columnDefaults.add(new ColumnDefault(DefaultExpressions.nextval(SystemCatalog.oid(sequence)),
                        col.identity()));
            }
            Set<Long> sequences = new LinkedHashSet<>();
            for (ColumnDefault d : columnDefaults) {
                sequences.addAll(DefaultExpressions.sequences(d.expression()));
            }
            boolean anyDefault = columnDefaults.stream().anyMatch(d -> !d.isNone());
            CatalogEntry table = new CatalogEntry(id, ObjectKind.TABLE, schema, name, columns, pk, sql, null,
                    sequences, 0, null, List.of(), Uniqueness.NONE, anyDefault ? columnDefaults : List.of(), null);
            ctx.addCatalogEntry(table);
            // Each UNIQUE constraint is an index of its name; names are chosen in order, as PostgreSQL does.
            if (!pk.isEmpty()) {
                named.add(name + "_pkey");
            }
            for (IndexDefinitions.UniqueConstraint u : uniques) {
                RowSchema indexed = new RowSchema(u.columns().stream().map(columns::field).toList());
                String indexName = u.name();
                if (indexName == null) {
                    indexName = ObjectNames.choose(name, indexed.names(), "key",
                            n -> ctx.catalog().lookup(schema, n) != null || named.contains(n));
                } else if (named.contains(indexName)) {
                    throw new MillraceException(SqlState.DUPLICATE_TABLE,
                            "relation \"" + indexName + "\" already exists");
                } else {
                    Catalog.checkNameFree(ctx.catalog(), schema, indexName);
                }
                named.add(indexName);
                // Empty now, so the new index has no entries to fill.
                ctx.addCatalogEntry(IndexDefinitions.entry(ctx.allocateId(), indexName, table, indexed, null,
                        Uniqueness.UNIQUE_CONSTRAINT));
            }
            return Outcome.command("CREATE TABLE");
        });
    }

    /** The integer type of a serial column ({@code serial}, {@code bigserial}, ...), or null for another type. */
    private static DataType serialType(org.apache.calcite.sql.SqlDataTypeSpec spec) {
        if (!(spec.getTypeNameSpec() instanceof org.apache.calcite.sql.SqlUserDefinedTypeNameSpec named)
                || !named.getTypeName().isSimple()) {
            return null;
        }
        return switch (named.getTypeName().getSimple().toLowerCase(Locale.ROOT)) {
            case "smallserial", "serial2" -> DataType.SMALLINT;
            case "serial", "serial4" -> DataType.INTEGER;
            case "bigserial", "serial8" -> DataType.BIGINT;
            default -> null;
        };
    }

    /** The oid of the sequence a default names ({@code 's'}, {@code 'schema.s'}), or null if there is none. */
    private Long sequenceOid(String name) {
        Catalog.Version catalog = session.server.catalog().current();
        List<String> parts = List.of(name.split("\\.", 2));
        List<String> schemas = parts.size() == 2 ? List.of(parts.get(0)) : session.searchPath();
        String bare = parts.get(parts.size() - 1);
        for (String schema : schemas) {
            CatalogEntry e = catalog.lookup(schema, bare);
            if (e != null) {
                return SystemCatalog.oid(e);
            }
        }
        return null;
    }

    /**
     * Each default must be assignable to its column, as an INSERT would assign it: one is planned
     * into the new table (known only to this planner) for each column with a default.
     */
    private void checkDefaults(String schema, String name, RowSchema columns, List<String> defaults) {
        // Nullable columns, so that an INSERT of one column is not refused for the others.
        RowSchema nullable = new RowSchema(columns.fields().stream().map(f -> new Field(f.name(), f.type(), true)).toList());
        io.millrace.planner.RelationInfo table = new io.millrace.planner.RelationInfo(-1, schema, name,
                io.millrace.planner.RelationKind.TABLE, nullable, List.of(), null, List.of());
        Planner planner = new Planner(new io.millrace.planner.CatalogAccess.Delegating(session.catalogAccess()) {
            @Override
            public io.millrace.planner.RelationInfo relation(String schemaName, String relationName) {
                return schemaName.equals(schema) && relationName.equals(name) ? table
                        : super.relation(schemaName, relationName);
            }
        });
        for (int i = 0; i < defaults.size(); i++) {
            if (defaults.get(i) == null) {
                continue;
            }
            String insert = "INSERT INTO " + quote(schema) + "." + quote(name) + " (" + quote(columns.field(i).name())
                    + ") VALUES (" + defaults.get(i) + ")";
            try {
                planner.prepareModify(insert, io.millrace.parser.MillraceParser.parseStatements(insert).get(0).node(),
                        List.of());
            } catch (MillraceException e) {
                if (e.sqlState() == SqlState.DATATYPE_MISMATCH) {
                    String select = "SELECT " + defaults.get(i);
                    DataType given = planner.prepareQuery(select, io.millrace.parser.MillraceParser.parseQuery(select),
                            List.of()).columns().type(0);
                    throw new MillraceException(e.sqlState(), "column \"" + columns.field(i).name() + "\" is of type "
                            + typeName(columns.type(i)) + " but default expression is of type " + typeName(given), 0,
                            null, "You will need to rewrite or cast the expression.", null);
                }
                // Without the position: it points into the INSERT made here, not the CREATE TABLE.
                throw new MillraceException(e.sqlState(), e.getMessage(), 0, e.detail(), e.hint(), null);
            }
        }
    }

    private static String typeName(DataType type) {
        return io.millrace.server.catalog.SessionCatalog.formatName(PgTypes.pgType(type));
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A sequence's catalog entry; {@code table} is the one whose column owns it, or 0. */
    private static CatalogEntry sequenceEntry(long id, String schema, String name, SequenceDefinition definition,
            long table) {
        String create = "CREATE SEQUENCE " + schema + "." + name + " AS "
                + io.millrace.server.catalog.SessionCatalog.formatName(PgTypes.pgType(definition.type()))
                + " START WITH " + definition.start() + " INCREMENT BY " + definition.increment() + " MINVALUE "
                + definition.minValue() + " MAXVALUE " + definition.maxValue() + " CACHE " + definition.cache()
                + (definition.cycle() ? " CYCLE" : " NO CYCLE");
        return new CatalogEntry(id, ObjectKind.SEQUENCE, schema, name, new RowSchema(List.of()), List.of(), create,
                null, Set.of(), table, null, List.of(), Uniqueness.NONE, List.of(), definition);
    }

    /** CREATE SEQUENCE; OWNED BY ties it to a column of a table in its schema, which drops it. */
    Outcome createSequence(io.millrace.parser.ddl.SqlCreateSequence c) {
        String schema = creationSchema(c.name());
        String name = nameOf(c.name());
        SequenceOptions options = SequenceOptions.read(c.options(), DataType.BIGINT, session.planner());
        return session.server.coordinator().write(ctx -> {
            if (ctx.catalog().lookup(schema, name) != null) {
                if (c.ifNotExists()) {
                    return new Outcome.Command("CREATE SEQUENCE",
                            List.of("relation \"" + name + "\" already exists, skipping"));
                }
                Catalog.checkNameFree(ctx.catalog(), schema, name);
            }
            SequenceDefinition definition = options.definition();
            long table = 0;
            SqlIdentifier owner = options.ownedBy();
            if (owner != null && !(owner.isSimple() && owner.getSimple().equals("none"))) {
                if (owner.isSimple()) {
                    throw new MillraceException(SqlState.SYNTAX_ERROR,
                            "invalid OWNED BY option", 0, null, "Specify OWNED BY table.column or OWNED BY NONE.", null);
                }
                List<String> tableName = owner.names.subList(0, owner.names.size() - 1);
                CatalogEntry t = ctx.catalog().resolveRelation(tableName, session.searchPath());
                if (t == null) {
                    throw new MillraceException(SqlState.UNDEFINED_TABLE, "relation \""
                            + String.join(".", tableName) + "\" does not exist");
                }
                if (t.kind() != ObjectKind.TABLE) {
                    throw new MillraceException(SqlState.WRONG_OBJECT_TYPE, "sequence cannot be owned by relation \""
                            + t.name() + "\"", 0, "This operation is not supported for " + t.kind().sqlName() + "s.",
                            null, null);
                }
                if (!t.schemaName().equals(schema)) {
                    throw new MillraceException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                            "sequence must be in same schema as table it is linked to");
                }
                String column = owner.names.get(owner.names.size() - 1);
                int position = t.columns().names().indexOf(column);
                if (position < 0) {
                    throw new MillraceException(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \""
                            + t.name() + "\" does not exist");
                }
                table = t.id();
                definition = definition.ownedBy(position);
            }
            CatalogEntry sequence = sequenceEntry(ctx.allocateId(), schema, name, definition, table);
            ctx.addCatalogEntry(sequence);
            session.server.sequences().create(ctx, sequence);
            return Outcome.command("CREATE SEQUENCE");
        });
    }

    Outcome createView(SqlCreateView c, String sql) {
        String schema = creationSchema(c.name());
        String name = nameOf(c.name());
        String tag = c.materialized() ? "CREATE MATERIALIZED VIEW" : "CREATE VIEW";
        if (c.orReplace() && c.materialized()) {
            throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                    "CREATE OR REPLACE MATERIALIZED VIEW is not supported yet; drop the view and create it again");
        }
        Catalog.Version catalog = session.server.catalog().current();
        if (catalog.lookup(schema, name) != null && c.ifNotExists()) {
            return new Outcome.Command(tag, List.of("relation \"" + name + "\" already exists, skipping"));
        }
        PreparedQuery q = session.planner().prepareQuery(c.queryText(), c.query(), List.of());
        if (!q.parameterTypes().isEmpty()) {
            throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "a view's query cannot have parameters");
        }
        QueryPlan plan = c.materialized() ? q.plan(List.of(), PlanPurpose.MAINTAINED) : null;
        RowSchema produced = plan != null ? plan.outputSchema() : q.columns();
        List<String> names = c.columnNames();
        if (names != null && !names.isEmpty() && names.size() != produced.size()) {
            throw new MillraceException(names.size() > produced.size() ? SqlState.SYNTAX_ERROR : SqlState.SYNTAX_ERROR,
                    "view \"" + name + "\" has " + produced.size() + " columns but " + names.size() + " names were given");
        }
        List<Field> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < produced.size(); i++) {
            Field f = produced.field(i);
            String n = names == null || names.isEmpty() ? f.name() : names.get(i);
            if (!seen.add(n)) {
                throw new MillraceException(SqlState.DUPLICATE_COLUMN, "column \"" + n + "\" specified more than once");
            }
            fields.add(new Field(n, f.type(), true));
        }
        RowSchema columns = new RowSchema(fields);
        Set<Long> dependencies = q.relations();
        return session.server.coordinator().write(ctx -> {
            CatalogEntry existing = ctx.catalog().lookup(schema, name);
            if (existing != null && c.orReplace()) {
                return replaceView(ctx, existing, c, sql, columns, dependencies);
            }
            if (existing != null) {
                if (c.ifNotExists()) {
                    return new Outcome.Command(tag, List.of("relation \"" + name + "\" already exists, skipping"));
                }
                Catalog.checkNameFree(ctx.catalog(), schema, name);
            }
            for (long dep : dependencies) {
                if (ctx.catalog().get(dep) == null) {
                    throw new MillraceException(SqlState.UNDEFINED_TABLE, "a relation the view reads was dropped");
                }
            }
            long id = ctx.allocateId();
            // A materialized view whose rows are unique on some columns is stored keyed by them.
            List<Integer> key = plan == null ? null : io.millrace.executor.plan.UniqueKeys.of(plan.root(), rel -> {
                CatalogEntry e = ctx.catalog().get(rel);
                return e == null ? null : e.primaryKey();
            });
            CatalogEntry entry = new CatalogEntry(id, c.materialized() ? ObjectKind.MATERIALIZED_VIEW : ObjectKind.VIEW,
                    schema, name, columns, key == null ? List.of() : key, sql, c.queryText(), dependencies, 0, null,
                    session.searchPath(), Uniqueness.NONE);
            if (!c.materialized()) {
                ctx.addCatalogEntry(entry);
                return Outcome.command(tag);
            }
            MillraceException error = ctx.installMaterializedView(entry, plan);
            return error == null ? Outcome.command(tag)
                    : new Outcome.Command(tag, List.of("materialized view \"" + name
                            + "\" fails on the current data, and reports this until a change fixes it: "
                            + error.getMessage()));
        });
    }

    /**
     * CREATE OR REPLACE VIEW over an existing view: as in PostgreSQL the new query must keep the old
     * columns (names and types, in order) and may add more at the end. Materialized views built on
     * the old definition would no longer match it, so a view they read cannot be replaced.
     */
    private Outcome replaceView(io.millrace.server.engine.WriteContext ctx, CatalogEntry existing, SqlCreateView c,
            String sql, RowSchema columns, Set<Long> dependencies) {
        if (existing.kind() != ObjectKind.VIEW) {
            throw new MillraceException(SqlState.WRONG_OBJECT_TYPE, "\"" + existing.name() + "\" is not a view");
        }
        if (dependencies.contains(existing.id())) {
            throw new MillraceException(SqlState.INVALID_OBJECT_DEFINITION,
                    "infinite recursion detected in rules for relation \"" + existing.name() + "\"");
        }
        RowSchema old = existing.columns();
        if (columns.size() < old.size()) {
            throw new MillraceException(SqlState.INVALID_TABLE_DEFINITION, "cannot drop columns from view");
        }
        for (int i = 0; i < old.size(); i++) {
            if (!old.field(i).name().equals(columns.field(i).name())) {
                throw new MillraceException(SqlState.INVALID_TABLE_DEFINITION, "cannot change name of view column \""
                        + old.field(i).name() + "\" to \"" + columns.field(i).name() + "\"");
            }
            if (!old.field(i).type().equals(columns.field(i).type())) {
                throw new MillraceException(SqlState.INVALID_TABLE_DEFINITION, "cannot change data type of view column \""
                        + old.field(i).name() + "\" from " + old.field(i).type() + " to " + columns.field(i).type());
            }
        }
        for (CatalogEntry dep : ctx.catalog().dependents(existing.id())) {
            if (dep.kind() == ObjectKind.MATERIALIZED_VIEW) {
                throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "cannot replace view " + existing.name()
                        + " because materialized view " + dep.name() + " depends on it");
            }
        }
        ctx.addCatalogEntry(new CatalogEntry(existing.id(), ObjectKind.VIEW, existing.schemaName(), existing.name(),
                columns, List.of(), sql, c.queryText(), dependencies, 0, null, session.searchPath(), Uniqueness.NONE));
        return Outcome.command("CREATE VIEW");
    }

    /** CREATE, ALTER and DROP ROLE (or USER). Only a superuser manages roles. */
    Outcome role(SqlRoleStatement r) {
        Roles roles = session.server.roles();
        Roles.Role me = roles.get(session.user);
        if (me == null || !me.superuser()) {
            throw new MillraceException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to "
                    + r.action().name().toLowerCase(java.util.Locale.ROOT) + " role");
        }
        List<String> notices = new java.util.ArrayList<>();
        String tag = r.action().name() + " ROLE";
        session.server.coordinator().write(ctx -> {
            for (String name : r.names()) {
                Roles.Role old = roles.get(name);
                switch (r.action()) {
                    case CREATE -> {
                        if (old != null) {
                            throw new MillraceException(SqlState.DUPLICATE_OBJECT, "role \"" + name + "\" already exists");
                        }
                        Roles.Role created = withOptions(new Roles.Role(SystemCatalog.FIRST_USER_OID + ctx.allocateId(),
                                name, false, r.user(), null), r.options(), notices);
                        Roles.write(ctx.commit(), created);
                        ctx.onCommit(() -> roles.applied(created));
                    }
                    case ALTER -> {
                        if (old == null) {
                            throw new MillraceException(SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
                        }
                        Roles.Role changed = withOptions(old, r.options(), notices);
                        if (name.equals(roles.bootstrapUser()) && (!changed.superuser() || !changed.login())) {
                            throw new MillraceException(SqlState.INSUFFICIENT_PRIVILEGE,
                                    "the bootstrap superuser must stay a superuser that can log in");
                        }
                        Roles.write(ctx.commit(), changed);
                        ctx.onCommit(() -> roles.applied(changed));
                    }
                    case DROP -> {
                        if (old == null) {
                            if (!r.ifExists()) {
                                throw new MillraceException(SqlState.UNDEFINED_OBJECT,
                                        "role \"" + name + "\" does not exist");
                            }
                            notices.add("role \"" + name + "\" does not exist, skipping");
                        } else if (name.equals(session.user)) {
                            throw new MillraceException(SqlState.OBJECT_IN_USE, "current user cannot be dropped");
                        } else if (name.equals(roles.bootstrapUser())) {
                            throw new MillraceException(SqlState.INSUFFICIENT_PRIVILEGE,
                                    "cannot drop role " + name + " because it is required by the database system");
                        } else {
                            Roles.delete(ctx.commit(), name);
                            ctx.onCommit(() -> roles.removed(name));
                        }
                    }
                }
            }
            return null;
        });
        return new Outcome.Command(tag, notices);
    }

    /** {@code role} changed by CREATE/ALTER ROLE options; a password is stored as a verifier. */
    private Roles.Role withOptions(Roles.Role role, java.util.Map<String, String> options, List<String> notices) {
        boolean superuser = role.superuser();
        boolean login = role.login();
        String verifier = role.verifier();
        for (java.util.Map.Entry<String, String> o : options.entrySet()) {
            switch (o.getKey()) {
                case "superuser" -> superuser = true;
                case "nosuperuser" -> superuser = false;
                case "login" -> login = true;
                case "nologin" -> login = false;
                case "password" -> {
                    String password = o.getValue();
                    if (password == null) {
                        verifier = null;
                    } else if (password.isEmpty()) {
                        notices.add("empty string is not a valid password, clearing password");
                        verifier = null;
                    } else if (PasswordAuthenticators.isVerifier(password)) {
                        verifier = password;
                    } else {
                        verifier = "md5".equals(session.settings.get("password_encryption"))
                                ? PasswordAuthenticators.md5Verifier(role.name(), password)
                                : PasswordAuthenticators.scramVerifier(password);
                    }
                }
                default -> {
                    // CREATEDB, CREATEROLE, INHERIT, REPLICATION, BYPASSRLS: nothing here depends on them yet.
                }
            }
        }
        return new Roles.Role(role.oid(), role.name(), superuser, login, verifier);
    }

    Outcome createIndex(SqlCreateIndex c, String sql) {
        String tableSchema = existingSchema(session.server.catalog().current(), c.table());
        String table = nameOf(c.table());
        if (c.unique() && c.method() != null && !c.method().equals("btree")) {
            throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                    "access method \"" + c.method() + "\" does not support unique indexes");
        }
        return session.server.coordinator().write(ctx -> {
            CatalogEntry t = ctx.catalog().lookup(tableSchema, table);
            if (t == null || !t.isRelation()) {
                throw new MillraceException(SqlState.UNDEFINED_TABLE, "relation \"" + table + "\" does not exist");
            }
            if (!t.isStored()) {
                throw new MillraceException(SqlState.WRONG_OBJECT_TYPE,
                        "cannot create index on relation \"" + table + "\": it is a view");
            }
            if (c.unique() && t.kind() != ObjectKind.TABLE) {
                throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                        "unique indexes on materialized views are not supported yet");
            }
            RowSchema columns = IndexDefinitions.indexedColumns(c, t);
            String name = c.name() != null ? nameOf(c.name())
                    : ObjectNames.choose(table, IndexDefinitions.nameParts(c), "idx", n -> ctx.catalog().lookup(tableSchema, n)
                            != null);
            if (ctx.catalog().lookup(tableSchema, name) != null) {
                if (c.ifNotExists()) {
                    return new Outcome.Command("CREATE INDEX",
                            List.of("relation \"" + name + "\" already exists, skipping"));
                }
                Catalog.checkNameFree(ctx.catalog(), tableSchema, name);
            }
            CatalogEntry index = IndexDefinitions.entry(ctx.allocateId(), name, t, columns, sql,
                    c.unique() ? Uniqueness.UNIQUE_INDEX : Uniqueness.NONE);
            if (!c.unique()) {
                ctx.addCatalogEntry(index);
                return Outcome.command("CREATE INDEX");
            }
            ctx.addUniqueIndex(index, session.zone());
            StateStore block = session.transaction.writtenOverlay();
            if (block != null) {
                // A transaction block's later statements are checked against the index in its
                // overlay, so it is filled there too, and fails if the block's own rows share a key.
                session.server.coordinator().dryRunOver(block, over -> {
                    over.fillUniqueIndex(index, session.zone());
                    return null;
                });
            }
            return Outcome.command("CREATE INDEX");
        });
    }

    Outcome drop(SqlDropObjects d) {
        if (d.objectType() == SqlDropObjects.ObjectType.SCHEMA) {
            return dropSchemas(d);
        }
        ObjectKind expected = switch (d.objectType()) {
            case TABLE -> ObjectKind.TABLE;
            case VIEW -> ObjectKind.VIEW;
            case MATERIALIZED_VIEW -> ObjectKind.MATERIALIZED_VIEW;
            case INDEX -> ObjectKind.INDEX;
            case SEQUENCE -> ObjectKind.SEQUENCE;
            default -> null;
        };
        String tag = "DROP " + d.objectType().keywords();
        if (expected == null) {
            if (d.ifExists()) {
                List<String> notices = new ArrayList<>();
                for (SqlIdentifier id : d.names()) {
                    notices.add(d.objectType().keywords().toLowerCase(Locale.ROOT) + " \"" + nameOf(id)
                            + "\" does not exist, skipping");
                }
                return new Outcome.Command(tag, notices);
            }
            throw new MillraceException(SqlState.UNDEFINED_OBJECT,
                    d.objectType().keywords().toLowerCase(Locale.ROOT) + " \"" + nameOf(d.names().get(0)) + "\" does not exist");
        }
        return session.server.coordinator().write(ctx -> {
            Catalog.Version catalog = ctx.catalog();
            List<String> notices = new ArrayList<>();
            Map<Long, CatalogEntry> targets = new LinkedHashMap<>();
            for (SqlIdentifier id : d.names()) {
                String schema = existingSchema(catalog, id);
                String name = nameOf(id);
                CatalogEntry e = catalog.lookup(schema, name);
                if (e == null) {
                    if (d.ifExists()) {
                        notices.add(expected.sqlName() + " \"" + name + "\" does not exist, skipping");
                        continue;
                    }
                    // As in PostgreSQL: 42P01 for a relation, 42704 for an index.
                    throw new MillraceException(expected == ObjectKind.INDEX ? SqlState.UNDEFINED_OBJECT
                            : SqlState.UNDEFINED_TABLE, expected.sqlName() + " \"" + name + "\" does not exist");
                }
                if (e.kind() != expected) {
                    throw new MillraceException(SqlState.WRONG_OBJECT_TYPE, "\"" + name + "\" is not a "
                            + expected.sqlName(), 0, null,
                            "Use DROP " + e.kind().sqlName().toUpperCase(Locale.ROOT) + " to remove a "
                                    + e.kind().sqlName() + ".", null);
                }
                if (e.uniqueness() == Uniqueness.UNIQUE_CONSTRAINT) {
                    // PostgreSQL's hint (drop the constraint instead) has no equivalent here yet:
                    // ALTER TABLE ... DROP CONSTRAINT does not exist, and dropping the table does.
                    throw new MillraceException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop index " + name
                            + " because constraint " + name + " on table " + catalog.get(e.onRelation()).name()
                            + " requires it");
                }
                targets.put(e.id(), e);
            }
            dropWithDependents(ctx, targets.values(), d.cascade(), notices);
            return new Outcome.Command(tag, notices);
        });
    }

    /**
     * Removes {@code targets} and what depends on them: with {@code cascade} every dependent (with a
     * notice), else only what is part of a table (its indexes and owned sequences; another dependent
     * is 2BP01). A table whose default uses a sequence being dropped loses that default, not itself
     * (with {@code cascade}; 2BP01 without), and an identity column's sequence goes only with it.
     */
    private void dropWithDependents(io.millrace.server.engine.WriteContext ctx, java.util.Collection<CatalogEntry> targets,
            boolean cascade, List<String> notices) {
        Catalog.Version catalog = ctx.catalog();
        Set<Long> dropping = new LinkedHashSet<>();
        for (CatalogEntry e : targets) {
            dropping.add(e.id());
        }
        List<CatalogEntry> cascaded = new ArrayList<>();
        Map<Long, Set<Long>> lostDefaults = new LinkedHashMap<>();
        java.util.ArrayDeque<CatalogEntry> todo = new java.util.ArrayDeque<>(targets);
        while (!todo.isEmpty()) {
            CatalogEntry e = todo.pop();
            for (CatalogEntry dep : catalog.directDependents(e.id())) {
                if (dropping.contains(dep.id())) {
                    continue;
                }
                if (e.kind() == ObjectKind.SEQUENCE && dep.kind() == ObjectKind.TABLE && dep.dependencies().contains(e.id())) {
                    String column = defaultColumnUsing(dep, e);
                    if (dep.defaults().get(dep.columns().names().indexOf(column)).identity() != null) {
                        throw new MillraceException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop sequence "
                                + e.name() + " because column " + column + " of table " + dep.name() + " requires it",
                                0, null, "You can drop column " + column + " of table " + dep.name() + " instead.", null);
                    }
                    String what = "default value for column " + column + " of table " + dep.name();
                    if (!cascade) {
                        CatalogEntry target = targets.iterator().next();
                        throw new MillraceException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop "
                                + target.kind().sqlName() + " " + target.name() + " because other objects depend on it",
                                0, what + " depends on sequence " + e.name(),
                                "Use DROP ... CASCADE to drop the dependent objects too.", null);
                    }
                    notices.add("drop cascades to " + what);
                    lostDefaults.computeIfAbsent(dep.id(), k -> new LinkedHashSet<>()).add(e.id());
                    continue;
                }
                if (!cascade && !partOfTable(dep)) {
                    throw new MillraceException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                            "cannot drop " + e.kind().sqlName() + " " + e.name()
                                    + " because other objects depend on it", 0,
                            dep.kind().sqlName() + " " + dep.name() + " depends on " + e.kind().sqlName() + " "
                                    + e.name(),
                            "Use DROP ... CASCADE to drop the dependent objects too.", null);
                }
                dropping.add(dep.id());
                cascaded.add(dep);
                todo.add(dep);
            }
        }
        for (CatalogEntry dep : cascaded) {
            if (!partOfTable(dep)) {
                notices.add("drop cascades to " + dep.kind().sqlName() + " " + dep.name());
            }
        }
        for (long id : dropping) {
            CatalogEntry e = catalog.get(id);
            ctx.removeCatalogEntry(id);
            if (e.isStored()) {
                ctx.deletePrefix(Keys.relation(id));
            }
            if (e.isUniqueIndex()) {
                ctx.deletePrefix(Keys.uniqueIndex(id));
            }
            if (e.kind() == ObjectKind.MATERIALIZED_VIEW) {
                session.server.coordinator().dropDataflow(ctx, id);
            }
            if (e.kind() == ObjectKind.SEQUENCE) {
                session.server.sequences().drop(ctx, id);
            }
        }
        for (Map.Entry<Long, Set<Long>> lost : lostDefaults.entrySet()) {
            if (dropping.contains(lost.getKey())) {
                continue;
            }
            CatalogEntry table = catalog.get(lost.getKey());
            List<ColumnDefault> kept = new ArrayList<>();
            for (ColumnDefault d : table.defaults()) {
                boolean uses = DefaultExpressions.sequences(d.expression()).stream().anyMatch(lost.getValue()::contains);
                kept.add(uses ? ColumnDefault.NONE : d);
            }
            Set<Long> reads = new LinkedHashSet<>(table.dependencies());
            reads.removeAll(lost.getValue());
            ctx.addCatalogEntry(table.withDefaults(kept, reads));
        }
    }

    /** What goes with its table without a word: its indexes and the sequences its columns own. */
    private static boolean partOfTable(CatalogEntry e) {
        return e.kind() == ObjectKind.INDEX || e.kind() == ObjectKind.SEQUENCE && e.sequence().isOwned();
    }

    /** The first column of {@code table} whose default uses {@code sequence}. */
    private static String defaultColumnUsing(CatalogEntry table, CatalogEntry sequence) {
        for (int i = 0; i < table.columns().size(); i++) {
            if (DefaultExpressions.sequences(table.columnDefault(i).expression()).contains(sequence.id())) {
                return table.columns().field(i).name();
            }
        }
        throw new IllegalStateException("no default of " + table.name() + " uses " + sequence.name());
    }

    Outcome createSchema(io.millrace.parser.ddl.SqlCreateSchema c, String sql) {
        String name = c.name().getSimple();
        if (c.authorization() != null && session.server.roles().get(c.authorization().getSimple()) == null) {
            throw new MillraceException(SqlState.UNDEFINED_OBJECT,
                    "role \"" + c.authorization().getSimple() + "\" does not exist");
        }
        boolean system = SystemCatalog.schemaNames().contains(name);
        if (!system && name.startsWith("pg_")) {
            throw new MillraceException(SqlState.RESERVED_NAME, "unacceptable schema name \"" + name + "\"", 0,
                    "The prefix \"pg_\" is reserved for system schemas.", null, null);
        }
        return session.server.coordinator().write(ctx -> {
            if (system || ctx.catalog().hasSchema(name)) {
                if (c.ifNotExists()) {
                    return new Outcome.Command("CREATE SCHEMA", List.of("schema \"" + name + "\" already exists, skipping"));
                }
                throw new MillraceException(SqlState.DUPLICATE_SCHEMA, "schema \"" + name + "\" already exists");
            }
            ctx.addCatalogEntry(new CatalogEntry(ctx.allocateId(), ObjectKind.SCHEMA, Catalog.SCHEMAS, name,
                    new RowSchema(List.of()), List.of(), sql, null, Set.of(), 0, null, List.of(), Uniqueness.NONE));
            return Outcome.command("CREATE SCHEMA");
        });
    }

    /** DROP SCHEMA: an empty schema, or with CASCADE one and everything in it (and what depends on that). */
    private Outcome dropSchemas(SqlDropObjects d) {
        return session.server.coordinator().write(ctx -> {
            List<String> notices = new ArrayList<>();
            List<CatalogEntry> targets = new ArrayList<>();
            for (SqlIdentifier id : d.names()) {
                String name = nameOf(id);
                if (SystemCatalog.schemaNames().contains(name) || name.equals(Catalog.DEFAULT_SCHEMA)) {
                    throw new MillraceException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop schema " + name
                            + " because it is required by the database system");
                }
                CatalogEntry schema = ctx.catalog().lookup(Catalog.SCHEMAS, name);
                if (schema == null) {
                    if (!d.ifExists()) {
                        throw new MillraceException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name + "\" does not exist");
                    }
                    notices.add("schema \"" + name + "\" does not exist, skipping");
                    continue;
                }
                List<CatalogEntry> contents = ctx.catalog().inSchema(name).stream()
                        .filter(e -> !partOfTable(e)).toList();
                if (!contents.isEmpty() && !d.cascade()) {
                    throw new MillraceException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop schema " + name
                            + " because other objects depend on it", 0, String.join("\n", contents.stream()
                                    .map(e -> e.kind().sqlName() + " " + name + "." + e.name() + " depends on schema "
                                            + name).toList()),
                            "Use DROP ... CASCADE to drop the dependent objects too.", null);
                }
                for (CatalogEntry e : contents) {
                    notices.add("drop cascades to " + e.kind().sqlName() + " " + name + "." + e.name());
                }
                targets.addAll(ctx.catalog().inSchema(name));
                targets.add(schema);
            }
            dropWithDependents(ctx, targets, true, notices);
            return new Outcome.Command("DROP SCHEMA", notices);
        });
    }
}
