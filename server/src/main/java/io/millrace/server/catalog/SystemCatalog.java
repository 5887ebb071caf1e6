package io.millrace.server.catalog;

import io.millrace.executor.type.DataType;
import io.millrace.executor.type.Field;
import io.millrace.executor.type.RowSchema;
import io.millrace.executor.type.TypeKind;
import io.millrace.pgwire.PgType;
import io.millrace.planner.SystemRelation;
import io.millrace.server.session.PgTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The system catalogs clients read: {@code pg_catalog} (pg_class, pg_attribute, pg_namespace, ...)
 * and {@code information_schema} (tables, columns, ...), with PostgreSQL's columns, computed from
 * the live catalog whenever a query reads them.
 *
 * <p>Object ids: a catalog object's oid is {@link #FIRST_USER_OID} plus its id; the index behind a
 * primary key is {@link #PRIMARY_KEY_OID_BASE} plus its table's id; a constraint is
 * {@link #CONSTRAINT_OID_BASE} plus its table's id (a primary key) or its index's id (a UNIQUE
 * constraint); system relations count from {@link #FIRST_SYSTEM_RELATION_OID} (pg_class and
 * pg_constraint have PostgreSQL's oids, which pg_depend names them by); types keep
 * PostgreSQL's oids.
 */
public final class SystemCatalog {
    public static final long PG_CATALOG_OID = 11;
    public static final long PUBLIC_OID = 2200;
    public static final long INFORMATION_SCHEMA_OID = 13000;
    public static final long SUPERUSER_OID = 10;
    public static final long DATABASE_OID = 5;
    public static final long FIRST_SYSTEM_RELATION_OID = 12000;
    public static final long FIRST_USER_OID = 16384;
    public static final long PRIMARY_KEY_OID_BASE = 1_000_000_000L;
    public static final long CONSTRAINT_OID_BASE = 1_100_000_000L;
    /** A column default's pg_attrdef oid: this plus its table's id times 1600 (PostgreSQL's most columns) plus its number. */
    public static final long ATTRDEF_OID_BASE = 1_200_000_000L;
    private static final long HEAP_AM_OID = 2;
    private static final long BTREE_AM_OID = 403;
    private static final long DEFAULT_COLLATION_OID = 100;
    private static final long DEFAULT_TABLESPACE_OID = 1663;
    /** PostgreSQL's encoding number for UTF8. */
    private static final long UTF8_ENCODING = 6;

    /** What the system catalogs need to know of the session reading them. */
    public interface SessionView {
        String user();

        String database();

        /** Schema names in search order (only those that exist). */
        List<String> searchPath();

        /** Every setting's current value, by name. */
        Map<String, String> settings();

        String settingDescription(String name);

        /**
         * Where a setting's value came from, as pg_settings.source says: default, client (the
         * startup packet) or session (SET); and its built-in and RESET values.
         */
        String settingSource(String name);

        String settingBootValue(String name);

        String settingResetValue(String name);

        /** Every role, by oid. */
        Collection<Roles.Role> roles();

        /**
         * About how many bytes a stored relation's rows take ({@code withState}: and the state
         * maintaining it, for a materialized view).
         */
        long storedBytes(long relationId, boolean withState);

        /** When the server started. */
        java.time.Instant serverStartTime();

        /** Where sequence {@code id} stands. */
        SequenceState sequenceState(long id);

        /** The session's open cursors (DECLARE), for pg_cursors. */
        default List<Cursor> cursors() {
            return List.of();
        }
    }

    /** An open cursor as pg_cursors shows it: {@code statement} is the DECLARE as written. */
    public record Cursor(String name, String statement, boolean holdable, java.time.Instant created) {
    }

    private final Catalog.Version catalog;
    private final SessionView session;
    private final Map<String, Map<String, SystemRelation>> relations = new LinkedHashMap<>();
    private final Map<SystemRelation, Long> systemOids = new LinkedHashMap<>();

    public SystemCatalog(Catalog.Version catalog, SessionView session) {
        this.catalog = catalog;
        this.session = session;
        define();
    }

    public static List<String> schemaNames() {
        return List.of("pg_catalog", "information_schema");
    }

    public SystemRelation relation(String schema, String name) {
        Map<String, SystemRelation> s = relations.get(schema);
        return s == null ? null : s.get(name);
    }

    public Collection<SystemRelation> relations(String schema) {
        Map<String, SystemRelation> s = relations.get(schema);
        return s == null ? List.of() : s.values();
    }

    public long oid(SystemRelation r) {
        return systemOids.get(r);
    }

    public static long oid(CatalogEntry e) {
        return FIRST_USER_OID + e.id();
    }

    public static long namespaceOid(String schema) {
        return switch (schema) {
            case "pg_catalog" -> PG_CATALOG_OID;
            case "information_schema" -> INFORMATION_SCHEMA_OID;
            default -> PUBLIC_OID;
        };
    }

    // ---- definitions ---------------------------------------------------------------------------

    private void define() {
        add("pg_catalog", "pg_namespace", "oid int4, nspname name, nspowner int4, nspacl text[]", this::namespaces);
        add("pg_catalog", "pg_class", "oid int4, relname name, relnamespace int4, reltype int4, reloftype int4, "
                + "relowner int4, relam int4, relfilenode int4, reltablespace int4, relpages int4, reltuples float4, "
                + "relallvisible int4, reltoastrelid int4, relhasindex bool, relisshared bool, relpersistence char, "
                + "relkind char, relnatts int2, relchecks int2, relhasrules bool, relhastriggers bool, "
                + "relhassubclass bool, relrowsecurity bool, relforcerowsecurity bool, relispopulated bool, "
                + "relreplident char, relispartition bool, relrewrite int4, relfrozenxid int4, relminmxid int4, "
                + "relacl text[], reloptions text[], relpartbound text", this::classes);
        add("pg_catalog", "pg_attribute", "attrelid int4, attname name, atttypid int4, attstattarget int4, "
                + "attlen int2, attnum int2, attndims int4, attcacheoff int4, atttypmod int4, attbyval bool, "
                + "attalign char, attstorage char, attcompression char, attnotnull bool, atthasdef bool, "
                + "atthasmissing bool, attidentity char, attgenerated char, attisdropped bool, attislocal bool, "
                + "attinhcount int4, attcollation int4, attacl text[], attoptions text[], attfdwoptions text[], "
                + "attmissingval text", this::attributes);
        add("pg_catalog", "pg_type", "oid int4, typname name, typnamespace int4, typowner int4, typlen int2, "
                + "typbyval bool, typtype char, typcategory char, typispreferred bool, typisdefined bool, "
                + "typdelim char, typrelid int4, typsubscript text, typelem int4, typarray int4, typinput text, "
                + "typoutput text, typreceive text, typsend text, typmodin text, typmodout text, typanalyze text, "
                + "typalign char, typstorage char, typnotnull bool, typbasetype int4, typtypmod int4, typndims int4, "
                + "typcollation int4, typdefaultbin text, typdefault text, typacl text[]", this::types);
        add("pg_catalog", "pg_database", "oid int4, datname name, datdba int4, encoding int4, datlocprovider char, "
                + "datistemplate bool, datallowconn bool, datconnlimit int4, datfrozenxid int4, datminmxid int4, "
                + "dattablespace int4, datcollate text, datctype text, daticulocale text, datcollversion text, "
                + "datacl text[]", s -> List.of(row(DATABASE_OID, session.database(), SUPERUSER_OID, UTF8_ENCODING, "c",
                        false, true, -1L, 0L, 1L, DEFAULT_TABLESPACE_OID, "C", "C", null, null, null)));
        String roleColumns = "rolname name, rolsuper bool, rolinherit bool, rolcreaterole bool, rolcreatedb bool, "
                + "rolcanlogin bool, rolreplication bool, rolconnlimit int4, rolpassword text, rolvaliduntil text, "
                + "rolbypassrls bool, rolconfig text[], oid int4";
        add("pg_catalog", "pg_roles", roleColumns, s -> roleRows(r -> row(r.name(), r.superuser(), true,
                r.superuser(), r.superuser(), r.login(), false, -1L, "********", null, r.superuser(), null, r.oid())));
        add("pg_catalog", "pg_authid", "oid int4, rolname name, rolsuper bool, rolinherit bool, rolcreaterole bool, "
                + "rolcreatedb bool, rolcanlogin bool, rolreplication bool, rolbypassrls bool, rolconnlimit int4, "
                + "rolpassword text, rolvaliduntil text", s -> roleRows(r -> row(r.oid(), r.name(), r.superuser(), true,
                        r.superuser(), r.superuser(), r.login(), false, r.superuser(), -1L, null, null)));
        add("pg_catalog", "pg_user", "usename name, usesysid int4, usecreatedb bool, usesuper bool, userepl bool, "
                + "usebypassrls bool, passwd text, valuntil text, useconfig text[]", s -> roleRows(r -> r.login()
                        ? row(r.name(), r.oid(), r.superuser(), r.superuser(), false, r.superuser(), "********", null,
                                null) : null));
        addEmpty("pg_catalog", "pg_auth_members", "roleid int4, member int4, grantor int4, admin_option bool");
        add("pg_catalog", "pg_am", "oid int4, amname name, amhandler text, amtype char",
                s -> List.of(row(HEAP_AM_OID, "heap", "heap_tableam_handler", "t"),
                        row(BTREE_AM_OID, "btree", "bthandler", "i")));
        add("pg_catalog", "pg_index", "indexrelid int4, indrelid int4, indnatts int2, indnkeyatts int2, "
                + "indisunique bool, indisprimary bool, indisexclusion bool, indimmediate bool, indisclustered bool, "
                + "indnullsnotdistinct bool, indisvalid bool, indcheckxmin bool, indisready bool, indislive bool, "
                + "indisreplident bool, "
                + "indkey int2vector, indcollation oidvector, indclass oidvector, indoption int2vector, indexprs text, "
                + "indpred text",
                this::indexes);
        add("pg_catalog", "pg_attrdef", "oid int4, adrelid int4, adnum int2, adbin text", this::attributeDefaults);
        add("pg_catalog", "pg_collation", "oid int4, collname name, collnamespace int4, collowner int4, "
                + "collprovider char, collisdeterministic bool, collencoding int4, collcollate text, collctype text, "
                + "colliculocale text, collversion text", s -> List.of(
                        row(DEFAULT_COLLATION_OID, "default", PG_CATALOG_OID, SUPERUSER_OID, "d", true, -1L, null,
                                null, null, null),
                        row(950L, "C", PG_CATALOG_OID, SUPERUSER_OID, "c", true, -1L, "C", "C", null, null),
                        row(951L, "POSIX", PG_CATALOG_OID, SUPERUSER_OID, "c", true, -1L, "POSIX", "POSIX", null,
                                null)));
        add("pg_catalog", "pg_constraint", "oid int4, conname name, connamespace int4, contype char, "
                + "condeferrable bool, condeferred bool, convalidated bool, conrelid int4, contypid int4, "
                + "conindid int4, conparentid int4, confrelid int4, confupdtype char, confdeltype char, "
                + "confmatchtype char, conislocal bool, coninhcount int4, connoinherit bool, conkey int2[], "
                + "confkey int2[], conpfeqop int4[], conppeqop int4[], conffeqop int4[], confdelsetcols int2[], "
                + "conexclop int4[], conbin text", this::constraints);
        addEmpty("pg_catalog", "pg_policy", "oid int4, polname name, polrelid int4, polcmd char, polpermissive bool, "
                + "polroles int4[], polqual text, polwithcheck text");
        addEmpty("pg_catalog", "pg_statistic_ext", "oid int4, stxrelid int4, stxname name, stxnamespace int4, "
                + "stxowner int4, stxstattarget int4, stxkeys int2vector, stxkind char[], stxexprs text");
        // Functions are built in and not catalogued; as in a fresh PostgreSQL database, psql's \df
        // (which hides pg_catalog's) lists none.
        addEmpty("pg_catalog", "pg_proc", "oid int4, proname name, pronamespace int4, proowner int4, prolang int4, "
                + "procost float4, prorows float4, provariadic int4, prosupport text, prokind char, prosecdef bool, "
                + "proleakproof bool, proisstrict bool, proretset bool, provolatile char, proparallel char, "
                + "pronargs int2, pronargdefaults int2, prorettype int4, proargtypes oidvector, proallargtypes int4[], "
                + "proargmodes char[], proargnames text[], proargdefaults text, protrftypes int4[], prosrc text, "
                + "probin text, prosqlbody text, proconfig text[], proacl text[]");
        addEmpty("pg_catalog", "pg_inherits", "inhrelid int4, inhparent int4, inhseqno int4, "
                + "inhdetachpending bool");
        add("pg_catalog", "pg_depend", "classid int4, objid int4, objsubid int4, refclassid int4, refobjid int4, "
                + "refobjsubid int4, deptype char", this::dependencies);
        // Operators, operator classes and families are built in and not catalogued, like functions.
        addEmpty("pg_catalog", "pg_operator", "oid int4, oprname name, oprnamespace int4, oprowner int4, "
                + "oprkind char, oprcanmerge bool, oprcanhash bool, oprleft int4, oprright int4, oprresult int4, "
                + "oprcom int4, oprnegate int4, oprcode text, oprrest text, oprjoin text");
        addEmpty("pg_catalog", "pg_opclass", "oid int4, opcmethod int4, opcname name, opcnamespace int4, "
                + "opcowner int4, opcfamily int4, opcintype int4, opcdefault bool, opckeytype int4");
        addEmpty("pg_catalog", "pg_opfamily", "oid int4, opfmethod int4, opfname name, opfnamespace int4, "
                + "opfowner int4");
        addEmpty("pg_catalog", "pg_amop", "oid int4, amopfamily int4, amoplefttype int4, amoprighttype int4, "
                + "amopstrategy int2, amoppurpose char, amopopr int4, amopmethod int4, amopsortfamily int4");
        addEmpty("pg_catalog", "pg_amproc", "oid int4, amprocfamily int4, amproclefttype int4, "
                + "amprocrighttype int4, amprocnum int2, amproc text");
        add("pg_catalog", "pg_timezone_names", "name text, abbrev text, utc_offset text, is_dst bool",
                s -> timeZones(false));
        add("pg_catalog", "pg_timezone_abbrevs", "abbrev text, utc_offset text, is_dst bool", s -> timeZones(true));
        // Objects Millrace has none of: rules, enum types, triggers, sequences, row-level security
        // policies, comments on shared objects, PostgreSQL-style locks.
        addEmpty("pg_catalog", "pg_rewrite", "oid int4, rulename name, ev_class int4, ev_type char, ev_enabled char, "
                + "is_instead bool, ev_qual text, ev_action text");
        addEmpty("pg_catalog", "pg_enum", "oid int4, enumtypid int4, enumsortorder float4, enumlabel name");
        // Nor extensions, procedural languages, casts, conversions, event triggers, per-database
        // role settings, text search configurations or foreign data (psql's \dx, \dL, \dC, \dc,
        // \dy, \drds, \dF, \des and \dew list these).
        addEmpty("pg_catalog", "pg_extension", "oid int4, extname name, extowner int4, extnamespace int4, "
                + "extrelocatable bool, extversion text, extconfig int4[], extcondition text[]");
        addEmpty("pg_catalog", "pg_language", "oid int4, lanname name, lanowner int4, lanispl bool, lanpltrusted bool, "
                + "lanplcallfoid int4, laninline int4, lanvalidator int4, lanacl text[]");
        addEmpty("pg_catalog", "pg_cast", "oid int4, castsource int4, casttarget int4, castfunc int4, "
                + "castcontext char, castmethod char");
        addEmpty("pg_catalog", "pg_conversion", "oid int4, conname name, connamespace int4, conowner int4, "
                + "conforencoding int4, contoencoding int4, conproc text, condefault bool");
        addEmpty("pg_catalog", "pg_event_trigger", "oid int4, evtname name, evtevent name, evtowner int4, "
                + "evtfoid int4, evtenabled char, evttags text[]");
        addEmpty("pg_catalog", "pg_db_role_setting", "setdatabase int4, setrole int4, setconfig text[]");
        addEmpty("pg_catalog", "pg_ts_config", "oid int4, cfgname name, cfgnamespace int4, cfgowner int4, "
                + "cfgparser int4");
        addEmpty("pg_catalog", "pg_ts_parser", "oid int4, prsname name, prsnamespace int4, prsstart text, "
                + "prstoken text, prsend text, prsheadline text, prslextype text");
        addEmpty("pg_catalog", "pg_ts_dict", "oid int4, dictname name, dictnamespace int4, dictowner int4, "
                + "dicttemplate int4, dictinitoption text");
        addEmpty("pg_catalog", "pg_ts_template", "oid int4, tmplname name, tmplnamespace int4, tmplinit text, "
                + "tmpllexize text");
        addEmpty("pg_catalog", "pg_foreign_data_wrapper", "oid int4, fdwname name, fdwowner int4, fdwhandler int4, "
                + "fdwvalidator int4, fdwacl text[], fdwoptions text[]");
        addEmpty("pg_catalog", "pg_foreign_server", "oid int4, srvname name, srvowner int4, srvfdw int4, "
                + "srvtype text, srvversion text, srvacl text[], srvoptions text[]");
        addEmpty("pg_catalog", "pg_foreign_table", "ftrelid int4, ftserver int4, ftoptions text[]");
        addEmpty("pg_catalog", "pg_user_mapping", "oid int4, umuser int4, umserver int4, umoptions text[]");
        addEmpty("pg_catalog", "pg_trigger", "oid int4, tgrelid int4, tgparentid int4, tgname name, tgfoid int4, "
                + "tgtype int2, tgenabled char, tgisinternal bool, tgconstrrelid int4, tgconstrindid int4, "
                + "tgconstraint int4, tgdeferrable bool, tginitdeferred bool, tgnargs int2, tgattr int2vector, "
                + "tgargs bytea, tgqual text, tgoldtable name, tgnewtable name");
        add("pg_catalog", "pg_sequence", "seqrelid int4, seqtypid int4, seqstart int8, seqincrement int8, "
                + "seqmax int8, seqmin int8, seqcache int8, seqcycle bool", s -> entries(e -> e.kind()
                        == ObjectKind.SEQUENCE ? row(oid(e), (long) PgTypes.pgType(e.sequence().type()).oid(),
                                e.sequence().start(), e.sequence().increment(), e.sequence().maxValue(),
                                e.sequence().minValue(), e.sequence().cache(), e.sequence().cycle()) : null));
        add("pg_catalog", "pg_sequences", "schemaname name, sequencename name, sequenceowner name, data_type text, "
                + "start_value int8, min_value int8, max_value int8, increment_by int8, cycle bool, cache_size int8, "
                + "last_value int8", s -> entries(e -> e.kind() == ObjectKind.SEQUENCE ? row(e.schemaName(), e.name(),
                        session.user(), SessionCatalog.formatName(PgTypes.pgType(e.sequence().type())),
                        e.sequence().start(), e.sequence().minValue(), e.sequence().maxValue(),
                        e.sequence().increment(), e.sequence().cycle(), e.sequence().cache(),
                        lastValue(e)) : null));
        addEmpty("pg_catalog", "pg_policies", "schemaname name, tablename name, policyname name, permissive text, "
                + "roles name[], cmd text, qual text, with_check text");
        addEmpty("pg_catalog", "pg_shdescription", "objoid int4, classoid int4, description text");
        addEmpty("pg_catalog", "pg_locks", "locktype text, database int4, relation int4, page int4, tuple int2, "
                + "virtualxid text, transactionid int8, classid int4, objid int4, objsubid int2, "
                + "virtualtransaction text, pid int4, mode text, granted bool, fastpath bool, waitstart timestamptz");
        addEmpty("pg_catalog", "pg_publication", "oid int4, pubname name, pubowner int4, puballtables bool, "
                + "pubinsert bool, pubupdate bool, pubdelete bool, pubtruncate bool, pubviaroot bool");
        addEmpty("pg_catalog", "pg_publication_namespace", "oid int4, pnpubid int4, pnnspid int4");
        addEmpty("pg_catalog", "pg_publication_rel", "oid int4, prpubid int4, prrelid int4, prqual text, "
                + "prattrs int2[]");
        addEmpty("pg_catalog", "pg_description", "objoid int4, classoid int4, objsubid int4, description text");
        add("pg_catalog", "pg_settings", "name text, setting text, unit text, category text, short_desc text, "
                + "extra_desc text, context text, vartype text, source text, min_val text, max_val text, "
                + "enumvals text, boot_val text, reset_val text, sourcefile text, sourceline int4, "
                + "pending_restart bool", this::settings);
        add("pg_catalog", "pg_cursors", "name text, statement text, is_holdable bool, is_binary bool, "
                + "is_scrollable bool, creation_time timestamptz", s -> session.cursors().stream()
                        .map(c -> row(c.name(), c.statement(), c.holdable(), false, false,
                                java.time.temporal.ChronoUnit.MICROS.between(java.time.Instant.EPOCH, c.created())))
                        .toList());
        add("pg_catalog", "pg_tablespace", "oid int4, spcname name, spcowner int4, spcacl text[], spcoptions text[]",
                s -> List.of(row(DEFAULT_TABLESPACE_OID, "pg_default", SUPERUSER_OID, null, null)));
        add("pg_catalog", "pg_tables", "schemaname name, tablename name, tableowner name, tablespace name, "
                + "hasindexes bool, hasrules bool, hastriggers bool, rowsecurity bool", s -> entries(e -> e.kind()
                        == ObjectKind.TABLE ? row(e.schemaName(), e.name(), session.user(), null, hasIndex(e), false,
                                false, false) : null));
        add("pg_catalog", "pg_views", "schemaname name, viewname name, viewowner name, definition text",
                s -> entries(e -> e.kind() == ObjectKind.VIEW ? row(e.schemaName(), e.name(), session.user(),
                        definition(e)) : null));
        add("pg_catalog", "pg_matviews", "schemaname name, matviewname name, matviewowner name, tablespace name, "
                + "hasindexes bool, ispopulated bool, definition text", s -> entries(e -> e.kind()
                        == ObjectKind.MATERIALIZED_VIEW ? row(e.schemaName(), e.name(), session.user(), null,
                                hasIndex(e), true, definition(e)) : null));
        add("pg_catalog", "pg_indexes", "schemaname name, tablename name, indexname name, tablespace name, "
                + "indexdef text", this::indexDefinitions);
        add("information_schema", "schemata", "catalog_name name, schema_name name, schema_owner name, "
                + "default_character_set_catalog name, default_character_set_schema name, "
                + "default_character_set_name name, sql_path text", s -> {
                    List<List<Object>> rows = new ArrayList<>();
                    List<String> names = new ArrayList<>(List.of("information_schema", "pg_catalog", "public"));
                    userSchemas().forEach(e -> names.add(e.name()));
                    for (String n : names) {
                        rows.add(row(session.database(), n, session.user(), null, null, null, null));
                    }
                    return rows;
                });
        add("information_schema", "tables", "table_catalog name, table_schema name, table_name name, "
                + "table_type text, self_referencing_column_name name, reference_generation text, "
                + "user_defined_type_catalog name, user_defined_type_schema name, user_defined_type_name name, "
                + "is_insertable_into text, is_typed text, commit_action text", this::informationTables);
        add("information_schema", "columns", "table_catalog name, table_schema name, table_name name, "
                + "column_name name, ordinal_position int4, column_default text, is_nullable text, data_type text, "
                + "character_maximum_length int4, character_octet_length int4, numeric_precision int4, "
                + "numeric_precision_radix int4, numeric_scale int4, datetime_precision int4, interval_type text, "
                + "interval_precision int4, character_set_catalog name, character_set_schema name, "
                + "character_set_name name, collation_catalog name, collation_schema name, collation_name name, "
                + "domain_catalog name, domain_schema name, domain_name name, udt_catalog name, udt_schema name, "
                + "udt_name name, scope_catalog name, scope_schema name, scope_name name, "
                + "maximum_cardinality int4, dtd_identifier name, is_self_referencing text, is_identity text, "
                + "identity_generation text, identity_start text, identity_increment text, identity_maximum text, "
                + "identity_minimum text, identity_cycle text, is_generated text, generation_expression text, "
                + "is_updatable text", this::informationColumns);
        add("information_schema", "sequences", "sequence_catalog name, sequence_schema name, sequence_name name, "
                + "data_type text, numeric_precision int4, numeric_precision_radix int4, numeric_scale int4, "
                + "start_value text, minimum_value text, maximum_value text, increment text, cycle_option text",
                // As in PostgreSQL, an identity column's sequence is the column's, not listed here.
                s -> entries(e -> e.kind() == ObjectKind.SEQUENCE && !ofIdentity(e) ? row(session.database(),
                        e.schemaName(), e.name(),
                        SessionCatalog.formatName(PgTypes.pgType(e.sequence().type())),
                        (long) switch (e.sequence().type().kind()) {
                            case SMALLINT -> 16;
                            case INTEGER -> 32;
                            default -> 64;
                        }, 2L, 0L, String.valueOf(e.sequence().start()), String.valueOf(e.sequence().minValue()),
                        String.valueOf(e.sequence().maxValue()), String.valueOf(e.sequence().increment()),
                        e.sequence().cycle() ? "YES" : "NO") : null));
        add("information_schema", "views", "table_catalog name, table_schema name, table_name name, "
                + "view_definition text, check_option text, is_updatable text, is_insertable_into text, "
                + "is_trigger_updatable text, is_trigger_deletable text, is_trigger_insertable_into text",
                s -> entries(e -> e.kind() == ObjectKind.VIEW ? row(session.database(), e.schemaName(), e.name(),
                        definition(e), "NONE", "NO", "NO", "NO", "NO", "NO") : null));
    }

    private void add(String schema, String name, String columns, Function<SystemCatalog, List<List<Object>>> rows) {
        if (!schema.equals("pg_catalog")) {
            register(new SystemRelation(schema, name, schema(columns), () -> rows.apply(this)));
            return;
        }
        // pg_catalog's tables have the system columns xmin (which transaction wrote the row) and
        // tableoid (the catalog's own oid).
        RowSchema own = schema(columns);
        int source = xminSource(name, own);
        long tableOid = nextSystemOid(name);
        register(new SystemRelation(schema, name, schema(columns + SYSTEM_COLUMNS), () -> {
            List<List<Object>> out = new ArrayList<>();
            for (List<Object> r : rows.apply(this)) {
                List<Object> withSystem = new ArrayList<>(r);
                withSystem.add(source < 0 ? BOOTSTRAP_XID : xmin((Long) r.get(source)));
                withSystem.add(tableOid);
                out.add(withSystem);
            }
            return out;
        }));
    }

    private static final String SYSTEM_COLUMNS = ", xmin int8, tableoid int4";

    /** A catalog of objects Millrace does not have: always empty. */
    private void addEmpty(String schema, String name, String columns) {
        register(SystemRelation.empty(schema, name, schema(schema.equals("pg_catalog") ? columns + SYSTEM_COLUMNS
                : columns)));
    }

    /**
     * Transaction ids, as the catalogs' xmin and txid_current() show them: an object's row was
     * written by the transaction numbered as the object's id (ids are given out in creation order);
     * built-in rows by the bootstrap transaction, 1. txid_current() is the next id to be given.
     */
    static final long BOOTSTRAP_XID = 1;

    private static long xmin(Long oid) {
        if (oid == null) {
            return BOOTSTRAP_XID;
        }
        long o = oid;
        long id = o >= CONSTRAINT_OID_BASE ? o - CONSTRAINT_OID_BASE
                : o >= PRIMARY_KEY_OID_BASE ? o - PRIMARY_KEY_OID_BASE
                : o >= FIRST_USER_OID ? o - FIRST_USER_OID : 0;
        return Math.max(BOOTSTRAP_XID, id);
    }

    /** The column of a catalog's rows holding the oid of the object a row describes, or -1. */
    private static int xminSource(String relation, RowSchema columns) {
        String column = switch (relation) {
            case "pg_attribute" -> "attrelid";
            case "pg_index" -> "indexrelid";
            case "pg_description" -> "objoid";
            case "pg_depend" -> "objid";
            case "pg_attrdef" -> "adrelid";
            case "pg_sequence" -> "seqrelid";
            default -> "oid";
        };
        return columns.names().indexOf(column);
    }

    /** txid_current(): the transaction id the next change of the catalog would have. */
    long currentXid() {
        long max = BOOTSTRAP_XID;
        for (CatalogEntry e : catalog.entries()) {
            max = Math.max(max, e.id());
        }
        for (Roles.Role r : session.roles()) {
            max = Math.max(max, xmin(r.oid()));
        }
        return max + 1;
    }

    private void register(SystemRelation r) {
        relations.computeIfAbsent(r.schemaName(), k -> new LinkedHashMap<>()).put(r.name(), r);
        systemOids.put(r, nextSystemOid(r.name()));
    }

    /**
     * The oid the system relation registered next gets: PostgreSQL's own for the catalogs pg_depend
     * names objects by (so {@code 'pg_class'::regclass} is pg_depend's classid), else the next in turn.
     */
    private long nextSystemOid(String name) {
        return name.equals("pg_class") ? PG_CLASS : name.equals("pg_constraint") ? PG_CONSTRAINT
                : FIRST_SYSTEM_RELATION_OID + systemOids.size();
    }

    private static final Map<String, RowSchema> SCHEMAS = new java.util.concurrent.ConcurrentHashMap<>();

    /** "name type, ..." with PostgreSQL's catalog type names; oids, names and "char" are held as int and text. */
    private static RowSchema schema(String spec) {
        return SCHEMAS.computeIfAbsent(spec, SystemCatalog::parseSchema);
    }

    private static RowSchema parseSchema(String spec) {
        List<Field> fields = new ArrayList<>();
        for (String column : spec.split(",\\s*")) {
            String[] parts = column.trim().split("\\s+");
            boolean array = parts[1].endsWith("[]");
            if (parts[1].equals("int2vector") || parts[1].equals("oidvector")) {
                fields.add(new Field(parts[0], DataType.vector(parts[1].startsWith("int2") ? DataType.SMALLINT
                        : DataType.INTEGER), true));
                continue;
            }
            DataType type = switch (array ? parts[1].substring(0, parts[1].length() - 2) : parts[1]) {
                case "int2" -> DataType.SMALLINT;
                case "int4" -> DataType.INTEGER;
                case "int8" -> DataType.BIGINT;
                case "bool" -> DataType.BOOLEAN;
                case "float4" -> DataType.REAL;
                case "text", "name", "char" -> DataType.TEXT;
                case "timestamptz" -> DataType.TIMESTAMPTZ;
                case "bytea" -> DataType.BYTEA;
                default -> throw new IllegalArgumentException("catalog column type " + parts[1]);
            };
            fields.add(new Field(parts[0], array ? DataType.array(type) : type, true));
        }
        return new RowSchema(fields);
    }

    /** A row, with Java ints and longs as the engine's Long and floats as Double. */
    private static List<Object> row(Object... values) {
        Object[] out = Arrays.copyOf(values, values.length);
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof Integer n) {
                out[i] = n.longValue();
            } else if (out[i] instanceof Float f) {
                out[i] = f.doubleValue();
            }
        }
        return Arrays.asList(out);
    }

    private List<List<Object>> roleRows(Function<Roles.Role, List<Object>> toRow) {
        List<List<Object>> rows = new ArrayList<>();
        for (Roles.Role r : session.roles()) {
            List<Object> row = toRow.apply(r);
            if (row != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** The catalog's tables, views, materialized views and indexes (schemas are listed apart). */
    private List<CatalogEntry> objects() {
        return catalog.entries().stream().filter(e -> e.kind() != ObjectKind.SCHEMA).toList();
    }

    /** The schemas users created, in creation order. */
    private List<CatalogEntry> userSchemas() {
        return catalog.entries().stream().filter(e -> e.kind() == ObjectKind.SCHEMA).toList();
    }

    /** The oid of a schema: a built-in one's, or a created one's by its entry. */
    long schemaOid(String schema) {
        CatalogEntry e = catalog.lookup(Catalog.SCHEMAS, schema);
        return e != null ? oid(e) : namespaceOid(schema);
    }

    private List<List<Object>> entries(Function<CatalogEntry, List<Object>> toRow) {
        List<List<Object>> rows = new ArrayList<>();
        for (CatalogEntry e : objects()) {
            List<Object> r = toRow.apply(e);
            if (r != null) {
                rows.add(r);
            }
        }
        return rows;
    }

    /** A table's declared primary key (a materialized view's key is how it is stored, not a constraint). */
    private static boolean hasPrimaryKey(CatalogEntry e) {
        return e.kind() == ObjectKind.TABLE && !e.primaryKey().isEmpty();
    }

    private boolean hasIndex(CatalogEntry e) {
        if (hasPrimaryKey(e)) {
            return true;
        }
        for (CatalogEntry d : catalog.dependents(e.id())) {
            if (d.kind() == ObjectKind.INDEX && d.onRelation() == e.id()) {
                return true;
            }
        }
        return false;
    }

    static String definition(CatalogEntry e) {
        return e.querySql() == null ? null : " " + e.querySql().strip() + ";";
    }

    // ---- rows ------------------------------------------------------------------------------------

    private List<List<Object>> namespaces(SystemCatalog s) {
        List<List<Object>> rows = new ArrayList<>(List.of(row(PG_CATALOG_OID, "pg_catalog", SUPERUSER_OID, null),
                row(PUBLIC_OID, "public", SUPERUSER_OID, null),
                row(INFORMATION_SCHEMA_OID, "information_schema", SUPERUSER_OID, null)));
        for (CatalogEntry e : userSchemas()) {
            rows.add(row(oid(e), e.name(), SUPERUSER_OID, null));
        }
        return rows;
    }

    private static String relkind(ObjectKind kind) {
        return switch (kind) {
            case TABLE -> "r";
            case VIEW -> "v";
            case MATERIALIZED_VIEW -> "m";
            case INDEX -> "i";
            case SEQUENCE -> "S";
            case SCHEMA -> throw new IllegalArgumentException("a schema is not a relation");
        };
    }

    private List<List<Object>> classes(SystemCatalog s) {
        List<List<Object>> rows = new ArrayList<>();
        for (CatalogEntry e : objects()) {
            long am = e.kind() == ObjectKind.INDEX ? BTREE_AM_OID : e.isStored() ? HEAP_AM_OID : 0;
            rows.add(classRow(oid(e), e.name(), schemaOid(e.schemaName()), am, hasIndex(e), relkind(e.kind()),
                    e.columns().size()));
            if (hasPrimaryKey(e)) {
                rows.add(classRow(PRIMARY_KEY_OID_BASE + e.id(), e.name() + "_pkey", schemaOid(e.schemaName()),
                        BTREE_AM_OID, false, "i", e.primaryKey().size()));
            }
        }
        for (Map.Entry<SystemRelation, Long> r : systemOids.entrySet()) {
            SystemRelation rel = r.getKey();
            rows.add(classRow(r.getValue(), rel.name(), namespaceOid(rel.schemaName()),
                    rel.schemaName().equals("pg_catalog") ? HEAP_AM_OID : 0, false,
                    rel.schemaName().equals("pg_catalog") ? "r" : "v", rel.columns().size()));
        }
        return rows;
    }

    private static List<Object> classRow(long oid, String name, long namespace, long am, boolean hasIndex,
            String kind, int columns) {
        return row(oid, name, namespace, 0L, 0L, SUPERUSER_OID, am, oid, 0L, 0L, -1f, 0L, 0L, hasIndex, false, "p",
                kind, (long) columns, 0L, false, false, false, false, false, true, "d", false, 0L, 0L, 0L, null, null,
                null);
    }

    private List<List<Object>> attributes(SystemCatalog s) {
        List<List<Object>> rows = new ArrayList<>();
        for (CatalogEntry e : objects()) {
            if (e.isRelation()) {
                addAttributes(rows, oid(e), e.columns(), e.defaults());
            }
        }
        for (Map.Entry<Long, RowSchema> index : indexColumns().entrySet()) {
            addAttributes(rows, index.getKey(), index.getValue(), List.of());
        }
        for (Map.Entry<SystemRelation, Long> r : systemOids.entrySet()) {
            addAttributes(rows, r.getValue(), r.getKey().columns(), List.of());
        }
        return rows;
    }

    /**
     * pg_attrdef: a row for each column default, its expression (adbin) already as pg_get_expr shows
     * it. An identity column's generation is not a default here, as in PostgreSQL.
     */
    private List<List<Object>> attributeDefaults(SystemCatalog s) {
        List<List<Object>> rows = new ArrayList<>();
        for (CatalogEntry e : objects()) {
            for (int i = 0; i < e.defaults().size(); i++) {
                String shown = shownDefault(e, i);
                if (shown != null) {
                    rows.add(row(ATTRDEF_OID_BASE + e.id() * 1600 + i + 1, oid(e), (long) (i + 1), shown));
                }
            }
        }
        return rows;
    }

    /** Column {@code i}'s default as pg_get_expr and information_schema show it, or null (none, or identity). */
    private String shownDefault(CatalogEntry e, int i) {
        io.millrace.planner.ColumnDefault d = e.columnDefault(i);
        return d.isNone() || d.identity() != null ? null
                : io.millrace.server.session.DefaultExpressions.display(d.expression(), catalog, session.searchPath());
    }

    /** pg_constraint: each table's primary key ('p') and UNIQUE constraints ('u'). */
    private List<List<Object>> constraints(SystemCatalog s) {
        List<List<Object>> rows = new ArrayList<>();
        for (CatalogEntry e : objects()) {
            if (hasPrimaryKey(e)) {
                rows.add(constraintRow(CONSTRAINT_OID_BASE + e.id(), e.name() + "_pkey", "p", e,
                        PRIMARY_KEY_OID_BASE + e.id(), e.primaryKey()));
            }
            CatalogEntry table = constrainedTable(e);
            if (table != null) {
                rows.add(constraintRow(CONSTRAINT_OID_BASE + e.id(), e.name(), "u", table, oid(e),
                        positions(e, table)));
            }
        }
        return rows;
    }

    /** A pg_constraint row; {@code columns} are 0-based positions in the table. */
    private List<Object> constraintRow(long oid, String name, String type, CatalogEntry table, long index,
            List<Integer> columns) {
        return row(oid, name, schemaOid(table.schemaName()), type, false, false, true, oid(table), 0L, index, 0L, 0L,
                " ", " ", " ", true, 0L, true, columns.stream().map(c -> (Object) (long) (c + 1)).toList(), null,
                null, null, null, null, null, null);
    }

    /** The last value a sequence handed out, or null before its first (pg_sequences.last_value). */
    private Long lastValue(CatalogEntry sequence) {
        SequenceState state = session.sequenceState(sequence.id());
        return state.called() ? state.lastValue() : null;
    }

    /** Whether {@code sequence} is an identity column's. */
    private boolean ofIdentity(CatalogEntry sequence) {
        CatalogEntry owner = sequence.sequence().isOwned() ? catalog.get(sequence.onRelation()) : null;
        return owner != null && owner.columnDefault(sequence.sequence().ownedColumn()).identity() != null;
    }

    /** The sequence column {@code column} of {@code table} owns, or null. */
    private SequenceDefinition ownedSequence(CatalogEntry table, int column) {
        for (CatalogEntry d : catalog.directDependents(table.id())) {
            if (d.kind() == ObjectKind.SEQUENCE && d.onRelation() == table.id() && d.sequence().ownedColumn() == column) {
                return d.sequence();
            }
        }
        return null;
    }

    /** The table whose UNIQUE constraint {@code e} is the index of, or null when it is none. */
    private CatalogEntry constrainedTable(CatalogEntry e) {
        return e.kind() == ObjectKind.INDEX && e.uniqueness() == Uniqueness.UNIQUE_CONSTRAINT
                ? catalog.get(e.onRelation()) : null;
    }

    /** The 0-based positions in {@code table} of an index's columns. */
    private static List<Integer> positions(CatalogEntry index, CatalogEntry table) {
        return index.columns().names().stream().map(n -> table.columns().names().indexOf(n)).toList();
    }

    /** pg_class and pg_constraint, as pg_depend names the catalogs its objects live in. */
    private static final long PG_CLASS = 1259;
    private static final long PG_CONSTRAINT = 2606;

    /**
     * pg_depend's rows for what Millrace records: an index depends on each column it covers
     * (automatically, 'a'); the index of a primary key or UNIQUE constraint on its constraint
     * instead (internally, 'i'), and the constraint on its columns. Views' dependencies live in
     * their rules in PostgreSQL, which Millrace does not have, so they are not listed.
     */
    private List<List<Object>> dependencies(SystemCatalog s) {
        List<List<Object>> rows = new ArrayList<>();
        for (CatalogEntry e : objects()) {
            if (hasPrimaryKey(e)) {
                long constraint = CONSTRAINT_OID_BASE + e.id();
                rows.add(row(PG_CLASS, PRIMARY_KEY_OID_BASE + e.id(), 0L, PG_CONSTRAINT, constraint, 0L, "i"));
                for (int c : e.primaryKey()) {
                    rows.add(row(PG_CONSTRAINT, constraint, 0L, PG_CLASS, oid(e), (long) c + 1, "a"));
                }
            }
            if (e.kind() == ObjectKind.SEQUENCE && e.sequence().isOwned()) {
                // A serial column's sequence depends on it automatically ('a'), an identity column's internally ('i').
                rows.add(row(PG_CLASS, oid(e), 0L, PG_CLASS, oid(catalog.get(e.onRelation())),
                        (long) e.sequence().ownedColumn() + 1, ofIdentity(e) ? "i" : "a"));
            }
            CatalogEntry table = e.kind() == ObjectKind.INDEX ? catalog.get(e.onRelation()) : null;
            if (table == null) {
                continue;
            }
            long constraint = CONSTRAINT_OID_BASE + e.id();
            boolean ofConstraint = constrainedTable(e) != null;
            if (ofConstraint) {
                rows.add(row(PG_CLASS, oid(e), 0L, PG_CONSTRAINT, constraint, 0L, "i"));
            }
            for (int c : positions(e, table)) {
                rows.add(ofConstraint ? row(PG_CONSTRAINT, constraint, 0L, PG_CLASS, oid(table), (long) c + 1, "a")
                        : row(PG_CLASS, oid(e), 0L, PG_CLASS, oid(table), (long) c + 1, "a"));
            }
        }
        return rows;
    }

    /**
     * pg_relation_size (or with {@code total} pg_total_relation_size) of every relation and index,
     * by oid: tables and materialized views hold their rows (and a view its maintenance state);
     * views, and indexes (whose rows are the table's own), hold none apart (a unique index's
     * stored entries are not counted yet).
     */
    Map<Long, Long> relationSizes(boolean total) {
        Map<Long, Long> out = new LinkedHashMap<>();
        for (CatalogEntry e : objects()) {
            out.put(oid(e), e.isStored() ? session.storedBytes(e.id(), total) : 0L);
            if (hasPrimaryKey(e)) {
                out.put(PRIMARY_KEY_OID_BASE + e.id(), 0L);
            }
        }
        return out;
    }

    /**
     * The time zones Java knows, with their abbreviation and offset now (pg_timezone_names), or
     * each abbreviation once (pg_timezone_abbrevs). The offset is written as an interval prints.
     */
    private static List<List<Object>> timeZones(boolean abbreviations) {
        java.time.Instant now = java.time.Instant.now();
        Map<String, List<Object>> rows = new java.util.TreeMap<>();
        for (String id : java.time.ZoneId.getAvailableZoneIds()) {
            java.time.ZoneId zone = java.time.ZoneId.of(id);
            boolean dst = zone.getRules().isDaylightSavings(now);
            String abbrev = java.util.TimeZone.getTimeZone(zone).getDisplayName(dst, java.util.TimeZone.SHORT,
                    java.util.Locale.ROOT);
            int seconds = zone.getRules().getOffset(now).getTotalSeconds();
            String offset = (seconds < 0 ? "-" : "") + String.format(java.util.Locale.ROOT, "%02d:%02d:%02d",
                    Math.abs(seconds) / 3600, Math.abs(seconds) / 60 % 60, Math.abs(seconds) % 60);
            if (abbreviations) {
                rows.putIfAbsent(abbrev, row(abbrev, offset, dst));
            } else {
                rows.put(id, row(id, abbrev, offset, dst));
            }
        }
        return new ArrayList<>(rows.values());
    }

    /** The columns of every index (primary keys' included), by the index's oid. */
    Map<Long, RowSchema> indexColumns() {
        Map<Long, RowSchema> out = new LinkedHashMap<>();
        for (CatalogEntry e : objects()) {
            if (hasPrimaryKey(e)) {
                out.put(PRIMARY_KEY_OID_BASE + e.id(), new RowSchema(e.primaryKey().stream()
                        .map(c -> e.columns().field(c)).toList()));
            }
            if (e.kind() == ObjectKind.INDEX) {
                out.put(oid(e), e.columns());
            }
        }
        return out;
    }

    private static void addAttributes(List<List<Object>> rows, long relation, RowSchema columns,
            List<io.millrace.planner.ColumnDefault> defaults) {
        for (int i = 0; i < columns.size(); i++) {
            Field f = columns.field(i);
            PgType t = PgTypes.pgType(f.type());
            boolean text = f.type().kind().isString();
            io.millrace.planner.ColumnDefault d = defaults.isEmpty() ? io.millrace.planner.ColumnDefault.NONE
                    : defaults.get(i);
            rows.add(row(relation, f.name(), (long) t.oid(), -1L, (long) t.typlen(), (long) (i + 1), 0L, -1L,
                    (long) PgTypes.typmod(f.type()), t.typlen() > 0 && t.typlen() <= 8,
                    alignment(t), storage(t), "", !f.nullable(), !d.isNone() && d.identity() == null, false,
                    d.identity() == null ? "" : d.identity().attidentity(), "", false, true,
                    0L, text ? DEFAULT_COLLATION_OID : 0L, null, null, null, null));
        }
    }

    /** How PostgreSQL stores a type's values: plain (fixed length), main (numeric), or extended. */
    private static String storage(PgType t) {
        return t.typlen() > 0 ? "p" : t == PgType.NUMERIC ? "m" : "x";
    }

    private static String alignment(PgType t) {
        return switch (t.typlen()) {
            case 1 -> "c";
            case 2 -> "s";
            case 4 -> "i";
            case 8 -> "d";
            default -> "i";
        };
    }

    private List<List<Object>> types(SystemCatalog s) {
        List<List<Object>> rows = new ArrayList<>();
        for (PgType t : PgType.values()) {
            boolean text = t == PgType.TEXT || t == PgType.VARCHAR || t == PgType.BPCHAR || t == PgType.NAME;
            String category = t.element() != null ? "A" : switch (t) {
                case BOOL -> "B";
                case INT2, INT4, INT8, FLOAT4, FLOAT8, NUMERIC, OID -> "N";
                case TEXT, VARCHAR, BPCHAR, NAME -> "S";
                case DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> "D";
                case INTERVAL -> "T";
                case UUID, BYTEA, JSON, JSONB -> "U";
                default -> "X";
            };
            boolean preferred = t == PgType.FLOAT8 || t == PgType.TEXT || t == PgType.TIMESTAMPTZ || t == PgType.BOOL
                    || t == PgType.OID || t == PgType.INTERVAL;
            PgType array = PgType.arrayOf(t);
            String n = t.element() != null ? "array_" : t.typname();
            rows.add(row((long) t.oid(), t.typname(), PG_CATALOG_OID, SUPERUSER_OID, (long) t.typlen(),
                    t.typlen() > 0 && t.typlen() <= 8, "b", category, preferred, true, ",", 0L,
                    t.element() != null ? "array_subscript_handler" : "-",
                    t.element() == null ? 0L : (long) t.element().oid(), array == null ? 0L : (long) array.oid(),
                    n + "in", n + "out", n + "recv", n + "send", "-", "-", "-", alignment(t),
                    storage(t), false, 0L, -1L, 0L, text ? DEFAULT_COLLATION_OID : 0L, null, null,
                    null));
        }
        return rows;
    }

    private List<List<Object>> indexes(SystemCatalog s) {
        List<List<Object>> rows = new ArrayList<>();
        for (CatalogEntry e : objects()) {
            if (hasPrimaryKey(e)) {
                rows.add(indexRow(PRIMARY_KEY_OID_BASE + e.id(), oid(e), e.primaryKey(), true, true));
            }
            CatalogEntry table = e.kind() == ObjectKind.INDEX ? catalog.get(e.onRelation()) : null;
            if (table != null) {
                rows.add(indexRow(oid(e), oid(table), positions(e, table), false, e.uniqueness().isUnique()));
            }
        }
        return rows;
    }

    /**
     * A pg_index row; {@code columns} are 0-based positions in the table. indkey and indoption are
     * int2vectors, indclass and indcollation oidvectors: arrays whose subscripts start at 0.
     */
    private static List<Object> indexRow(long index, long table, List<Integer> columns, boolean primary,
            boolean unique) {
        List<Object> key = columns.stream().map(c -> (Object) (long) (c + 1)).toList();
        List<Object> zeros = columns.stream().map(c -> (Object) 0L).toList();
        long n = columns.size();
        return row(index, table, n, n, unique, primary, false, true, false, false, true, false, true, true, false,
                key, zeros, zeros, zeros, null, null);
    }

    private List<List<Object>> indexDefinitions(SystemCatalog s) {
        List<List<Object>> rows = new ArrayList<>();
        for (CatalogEntry e : objects()) {
            if (hasPrimaryKey(e)) {
                rows.add(row(e.schemaName(), e.name(), e.name() + "_pkey", null, primaryKeyIndexDefinition(e)));
            }
            if (e.kind() == ObjectKind.INDEX) {
                CatalogEntry table = catalog.get(e.onRelation());
                rows.add(row(e.schemaName(), table == null ? null : table.name(), e.name(), null,
                        indexDefinition(e, table)));
            }
        }
        return rows;
    }

    private static String primaryKeyColumns(CatalogEntry e) {
        return String.join(", ", e.primaryKey().stream().map(c -> e.columns().field(c).name()).toList());
    }

    static String primaryKeyIndexDefinition(CatalogEntry e) {
        return "CREATE UNIQUE INDEX " + e.name() + "_pkey ON " + e.schemaName() + "." + e.name() + " USING btree ("
                + primaryKeyColumns(e) + ")";
    }

    /** An index as pg_get_indexdef spells it (psql shows what follows USING). */
    private static String indexDefinition(CatalogEntry index, CatalogEntry table) {
        if (table == null) {
            return index.createSql();
        }
        return (index.uniqueness().isUnique() ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") + index.name() + " ON "
                + table.schemaName() + "." + table.name() + " USING btree ("
                + String.join(", ", index.columns().names()) + ")";
    }

    /** pg_get_indexdef for every index, by oid. */
    Map<Long, String> indexDefinitions() {
        Map<Long, String> out = new LinkedHashMap<>();
        for (CatalogEntry e : objects()) {
            if (hasPrimaryKey(e)) {
                out.put(PRIMARY_KEY_OID_BASE + e.id(), primaryKeyIndexDefinition(e));
            }
            if (e.kind() == ObjectKind.INDEX) {
                out.put(oid(e), indexDefinition(e, catalog.get(e.onRelation())));
            }
        }
        return out;
    }

    /** pg_get_constraintdef for every constraint, by oid. */
    Map<Long, String> constraintDefinitions() {
        Map<Long, String> out = new LinkedHashMap<>();
        for (CatalogEntry e : objects()) {
            if (hasPrimaryKey(e)) {
                out.put(CONSTRAINT_OID_BASE + e.id(), "PRIMARY KEY (" + primaryKeyColumns(e) + ")");
            }
            if (constrainedTable(e) != null) {
                out.put(CONSTRAINT_OID_BASE + e.id(), "UNIQUE (" + String.join(", ", e.columns().names()) + ")");
            }
        }
        return out;
    }

    private List<List<Object>> settings(SystemCatalog s) {
        List<List<Object>> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : session.settings().entrySet()) {
            String name = e.getKey();
            rows.add(row(name, e.getValue(), null, "Millrace", session.settingDescription(name), null,
                    "user", "string", session.settingSource(name), null, null, null, session.settingBootValue(name),
                    session.settingResetValue(name), null, null, false));
        }
        return rows;
    }

    private List<List<Object>> informationTables(SystemCatalog s) {
        List<List<Object>> rows = new ArrayList<>();
        for (CatalogEntry e : objects()) {
            if (e.kind() == ObjectKind.TABLE || e.kind() == ObjectKind.VIEW) {
                boolean table = e.kind() == ObjectKind.TABLE;
                rows.add(row(session.database(), e.schemaName(), e.name(), table ? "BASE TABLE" : "VIEW", null, null,
                        null, null, null, table ? "YES" : "NO", "NO", null));
            }
        }
        for (SystemRelation r : systemOids.keySet()) {
            rows.add(row(session.database(), r.schemaName(), r.name(),
                    r.schemaName().equals("pg_catalog") ? "BASE TABLE" : "VIEW", null, null, null, null, null, "NO",
                    "NO", null));
        }
        return rows;
    }

    private List<List<Object>> informationColumns(SystemCatalog s) {
        List<List<Object>> rows = new ArrayList<>();
        for (CatalogEntry e : objects()) {
            // As in PostgreSQL, materialized views are not in information_schema.
            if (e.kind() == ObjectKind.TABLE || e.kind() == ObjectKind.VIEW) {
                addColumns(rows, e.schemaName(), e.name(), e.columns(), e.kind() == ObjectKind.TABLE, e);
            }
        }
        for (SystemRelation r : systemOids.keySet()) {
            addColumns(rows, r.schemaName(), r.name(), r.columns(), false, null);
        }
        return rows;
    }

    /** {@code entry}: the table or view whose columns these are (their defaults and identities), or null. */
    private void addColumns(List<List<Object>> rows, String schema, String table, RowSchema columns,
            boolean updatable, CatalogEntry entry) {
        for (int i = 0; i < columns.size(); i++) {
            Field f = columns.field(i);
            DataType t = f.type();
            PgType pg = PgTypes.pgType(t);
            boolean sized = t.precision() != DataType.UNSPECIFIED;
            Long maxLength = t.kind().isString() && sized ? (long) t.precision() : null;
            Long octets = t.kind().isString() ? (sized ? 4L * t.precision() : 1073741824L) : null;
            Long precision = switch (t.kind()) {
                case SMALLINT -> 16L;
                case INTEGER -> 32L;
                case BIGINT -> 64L;
                case REAL -> 24L;
                case DOUBLE -> 53L;
                case NUMERIC -> sized ? (long) t.precision() : null;
                default -> null;
            };
            Long radix = t.kind() == TypeKind.NUMERIC ? Long.valueOf(10) : precision != null ? Long.valueOf(2) : null;
            Long scale = t.kind().isInteger() ? Long.valueOf(0)
                    : t.kind() == TypeKind.NUMERIC && sized ? Long.valueOf(Math.max(t.scale(), 0)) : null;
            Long datetimePrecision = t.kind().isTemporal() ? Long.valueOf(t.kind() == TypeKind.DATE ? 0 : 6) : null;
            io.millrace.parser.ddl.IdentityGeneration identity = entry == null ? null
                    : entry.columnDefault(i).identity();
            SequenceDefinition sequence = identity == null ? null : ownedSequence(entry, i);
            rows.add(row(session.database(), schema, table, f.name(), (long) (i + 1),
                    entry == null ? null : shownDefault(entry, i),
                    f.nullable() ? "YES" : "NO", t.kind().sqlName(), maxLength, octets, precision, radix, scale,
                    datetimePrecision, null, null, null, null, null, null, null, null, null, null, null,
                    session.database(), "pg_catalog", pg.typname(), null, null, null, null, String.valueOf(i + 1),
                    "NO", identity == null ? "NO" : "YES", identity == null ? null : identity.sqlName(),
                    sequence == null ? null : String.valueOf(sequence.start()),
                    sequence == null ? null : String.valueOf(sequence.increment()),
                    sequence == null ? null : String.valueOf(sequence.maxValue()),
                    sequence == null ? null : String.valueOf(sequence.minValue()),
                    sequence == null || !sequence.cycle() ? "NO" : "YES", "NEVER", null,
                    updatable ? "YES" : "NO"));
        }
    }

}
