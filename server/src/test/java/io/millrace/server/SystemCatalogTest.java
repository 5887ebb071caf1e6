package io.millrace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/** pg_catalog and information_schema describe the live catalog, to SQL and to psql's meta-commands. */
class SystemCatalogTest {
    private static TestServer server;
    private static Connection conn;

    @BeforeAll
    static void start() throws SQLException {
        server = TestServer.startTemporary();
        conn = server.connect();
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2), "
                    + "note varchar(20))");
            s.execute("CREATE VIEW big AS SELECT id, amount FROM orders WHERE amount > 100");
            s.execute("CREATE MATERIALIZED VIEW per_customer AS SELECT customer, count(*) AS n FROM orders "
                    + "GROUP BY customer");
            s.execute("CREATE INDEX orders_customer ON orders (customer)");
        }
    }

    @AfterAll
    static void stop() throws SQLException {
        conn.close();
        server.close();
    }

    private static List<List<String>> rows(String sql) throws SQLException {
        return TestServer.rows(conn, sql);
    }

    @Test
    void pgClassListsEveryObjectWithItsKind() throws SQLException {
        assertEquals(List.of(List.of("big", "v", "public"), List.of("orders", "r", "public"),
                List.of("orders_customer", "i", "public"), List.of("orders_pkey", "i", "public"),
                List.of("per_customer", "m", "public")),
                rows("SELECT c.relname, c.relkind, n.nspname FROM pg_catalog.pg_class c "
                        + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' ORDER BY 1"));
    }

    @Test
    void columnsWithTypesAndNullability() throws SQLException {
        assertEquals(List.of(List.of("id", "integer", "t"), List.of("customer", "text", "t"),
                List.of("amount", "numeric(10,2)", "f"), List.of("note", "character varying(20)", "f")),
                rows("SELECT attname, format_type(atttypid, atttypmod), attnotnull FROM pg_attribute "
                        + "WHERE attrelid = (SELECT oid FROM pg_class WHERE relname = 'orders') AND attnum > 0 "
                        + "ORDER BY attnum"));
        assertEquals(List.of(List.of("id", "1", "NO", "integer"), List.of("customer", "2", "NO", "text"),
                List.of("amount", "3", "YES", "numeric"), List.of("note", "4", "YES", "character varying")),
                rows("SELECT column_name, ordinal_position, is_nullable, data_type FROM information_schema.columns "
                        + "WHERE table_name = 'orders' ORDER BY ordinal_position"));
    }

    @Test
    void catalogChangesShowAtOnce() throws SQLException {
        String count = "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'";
        assertEquals(List.of(List.of("2")), rows(count));
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE scratch (x int)");
            assertEquals(List.of(List.of("3")), rows(count));
            s.execute("DROP TABLE scratch");
        }
        assertEquals(List.of(List.of("2")), rows(count));
    }

    @Test
    void definitionsAndSessionFunctions() throws SQLException {
        assertEquals(List.of(List.of(" SELECT id, amount FROM orders WHERE amount > 100;")),
                rows("SELECT pg_get_viewdef(oid) FROM pg_class WHERE relname = 'big'"));
        assertEquals(List.of(List.of("PRIMARY KEY (id)", "CREATE UNIQUE INDEX orders_pkey ON public.orders USING btree (id)")),
                rows("SELECT pg_get_constraintdef(c.oid), pg_get_indexdef(c.conindid) FROM pg_constraint c"));
        assertEquals(List.of(List.of("millrace", "millrace", "public", "t", "t")),
                rows("SELECT current_user, current_database(), current_schema, pg_table_is_visible(oid), "
                        + "version() LIKE 'PostgreSQL 15%' FROM pg_class WHERE relname = 'orders'"));
        assertEquals(List.of(List.of("f")), rows("SELECT pg_table_is_visible(oid) FROM pg_class WHERE relname = 'tables'"));
    }

    @Test
    void objectNamesCastToOids() throws SQLException {
        assertEquals(rows("SELECT oid FROM pg_class WHERE relname = 'orders'"),
                rows("SELECT 'orders'::regclass::int8"));
        // A regclass (regtype, ...) value prints as the object's name, as in PostgreSQL.
        assertEquals(List.of(List.of("orders", "orders_pkey", "integer", "public", "pg_class", "12345")),
                rows("SELECT 'orders'::regclass, i.indexrelid::regclass, 'int4'::regtype, 'public'::regnamespace, "
                        + "'pg_class'::regclass::text, 12345::regclass FROM pg_index i "
                        + "WHERE i.indrelid = 'orders'::regclass AND i.indisprimary"));
        assertEquals(List.of(List.of("t", "t", "23", "2200")), rows("SELECT 'pg_class'::regclass = "
                + "(SELECT oid FROM pg_class WHERE relname = 'pg_class'), 'public.orders'::pg_catalog.regclass = "
                + "'orders'::regclass, 'int4'::regtype::int4, 'public'::regnamespace::int4"));
        PSQLException e = assertThrows(PSQLException.class, () -> rows("SELECT 'nope'::regclass"));
        assertEquals("42P01", e.getSQLState());
    }

    @Test
    void jdbcGetTablesAndColumns() throws SQLException {
        java.sql.DatabaseMetaData md = conn.getMetaData();
        List<String> tables = new java.util.ArrayList<>();
        try (java.sql.ResultSet rs = md.getTables(null, "public", "%", null)) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
            }
        }
        assertEquals(List.of("orders_customer:INDEX", "orders_pkey:INDEX", "per_customer:MATERIALIZED VIEW", "orders:TABLE",
                "big:VIEW"), tables);
        List<String> columns = new java.util.ArrayList<>();
        try (java.sql.ResultSet rs = md.getColumns(null, "public", "orders", "%")) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME") + ":"
                        + rs.getInt("NULLABLE") + ":" + rs.getInt("ORDINAL_POSITION"));
            }
        }
        assertEquals(List.of("id:int4:0:1", "customer:text:0:2", "amount:numeric:1:3", "note:varchar:1:4"), columns);
    }

    @Test
    void jdbcSchemasFunctionsAndArrayTypes() throws SQLException {
        java.sql.DatabaseMetaData md = conn.getMetaData();
        List<String> schemas = new java.util.ArrayList<>();
        try (java.sql.ResultSet rs = md.getSchemas()) {
            while (rs.next()) {
                schemas.add(rs.getString("TABLE_SCHEM"));
            }
        }
        assertEquals(List.of("information_schema", "pg_catalog", "public"), schemas);
        // Functions are built in, not catalogued: none to list, and no error.
        try (java.sql.ResultSet rs = md.getFunctions(null, "public", "%")) {
            assertEquals(false, rs.next());
        }
        try (java.sql.ResultSet rs = md.getProcedures(null, "public", "%")) {
            assertEquals(false, rs.next());
        }
        // The query pgjdbc's type cache sends for a type it does not know.
        assertEquals(List.of(List.of("t", "b", "_int4"), List.of("f", "b", "int4")),
                rows("SELECT typinput='pg_catalog.array_in'::regproc AS is_array, typtype, typname FROM "
                        + "pg_catalog.pg_type WHERE typname IN ('int4', '_int4') ORDER BY 1 DESC"));
        assertEquals(List.of(List.of("{pg_catalog,public}", "{public}")),
                rows("SELECT current_schemas(true), current_schemas(false)"));
    }

    @Test
    void regexOperatorsAndCollations() throws SQLException {
        assertEquals(List.of(List.of("t", "f", "t", "t")),
                rows("SELECT 'orders' ~ '^ord', 'orders' !~ 'ers$', 'ORDERS' ~* 'ders', "
                        + "'orders' OPERATOR(pg_catalog.~) '^(orders)$' COLLATE pg_catalog.default"));
        PSQLException e = assertThrows(PSQLException.class, () -> rows("SELECT 'a' ~ '('"));
        assertEquals("2201B", e.getSQLState());
        e = assertThrows(PSQLException.class, () -> rows("SELECT 'a' COLLATE \"de_DE\""));
        assertEquals("42704", e.getSQLState());
    }

    @Test
    void systemCatalogsAreReadOnlyAndNotMaintained() {
        PSQLException e = assertThrows(PSQLException.class, () -> rows("DELETE FROM pg_class"));
        assertEquals("42809", e.getSQLState());
        e = assertThrows(PSQLException.class,
                () -> rows("CREATE MATERIALIZED VIEW mv AS SELECT relname FROM pg_class"));
        assertEquals("0A000", e.getSQLState());
    }

    @Test
    void psqlMetaCommands() throws Exception {
        String out = server.psql("\\dt\n\\dv\n\\dm\n\\di\n\\dn\n\\du\n\\l\n\\df\n");
        assertEquals("""
                        List of relations
                 Schema |  Name  | Type  |  Owner  \s
                --------+--------+-------+----------
                 public | orders | table | millrace
                (1 row)

                        List of relations
                 Schema | Name | Type |  Owner  \s
                --------+------+------+----------
                 public | big  | view | millrace
                (1 row)

                                  List of relations
                 Schema |     Name     |       Type        |  Owner  \s
                --------+--------------+-------------------+----------
                 public | per_customer | materialized view | millrace
                (1 row)

                                    List of relations
                 Schema |      Name       | Type  |  Owner   | Table \s
                --------+-----------------+-------+----------+--------
                 public | orders_customer | index | millrace | orders
                 public | orders_pkey     | index | millrace | orders
                (2 rows)

                  List of schemas
                  Name  |  Owner  \s
                --------+----------
                 public | millrace
                (1 row)

                                                     List of roles
                 Role name |                  Attributes                   | Member of
                -----------+-----------------------------------------------+-----------
                 millrace  | Superuser, Create role, Create DB, Bypass RLS | {}

                                                          List of databases
                   Name   |  Owner   | Encoding | Collate | Ctype | ICU Locale | Locale Provider | Access privileges
                ----------+----------+----------+---------+-------+------------+-----------------+-------------------
                 millrace | millrace | UTF8     | C       | C     |            | libc            |
                (1 row)

                                       List of functions
                 Schema | Name | Result data type | Argument data types | Type
                --------+------+------------------+---------------------+------
                (0 rows)

                """.lines().map(String::strip).toList(), out.lines().map(String::strip).toList());
    }

    @Test
    void psqlDescribesRelations() throws Exception {
        String out = server.psql("\\d orders\n\\d big\n\\d per_customer\n");
        assertEquals("""
                                       Table "public.orders"
                  Column  |         Type          | Collation | Nullable | Default
                ----------+-----------------------+-----------+----------+---------
                 id       | integer               |           | not null |
                 customer | text                  |           | not null |
                 amount   | numeric(10,2)         |           |          |
                 note     | character varying(20) |           |          |
                Indexes:
                    "orders_pkey" PRIMARY KEY, btree (id)
                    "orders_customer" btree (customer)

                                    View "public.big"
                 Column |     Type      | Collation | Nullable | Default
                --------+---------------+-----------+----------+---------
                 id     | integer       |           |          |
                 amount | numeric(10,2) |           |          |

                      Materialized view "public.per_customer"
                  Column  |  Type  | Collation | Nullable | Default
                ----------+--------+-----------+----------+---------
                 customer | text   |           |          |
                 n        | bigint |           |          |

                """.lines().map(String::strip).toList(), out.lines().map(String::strip).toList());
    }

    @Test
    void psqlDescribesRelationsInDetail() throws Exception {
        String out = server.psql("\\d+ orders\n\\d+ big\n\\d orders_customer\n\\d+ orders_pkey\n");
        assertEquals("""
                                                                  Table "public.orders"
                  Column  |         Type          | Collation | Nullable | Default | Storage  | Compression | Stats target | Description
                ----------+-----------------------+-----------+----------+---------+----------+-------------+--------------+-------------
                 id       | integer               |           | not null |         | plain    |             |              |
                 customer | text                  |           | not null |         | extended |             |              |
                 amount   | numeric(10,2)         |           |          |         | main     |             |              |
                 note     | character varying(20) |           |          |         | extended |             |              |
                Indexes:
                    "orders_pkey" PRIMARY KEY, btree (id)
                    "orders_customer" btree (customer)
                Access method: heap

                                                View "public.big"
                 Column |     Type      | Collation | Nullable | Default | Storage | Description
                --------+---------------+-----------+----------+---------+---------+-------------
                 id     | integer       |           |          |         | plain   |
                 amount | numeric(10,2) |           |          |         | main    |
                View definition:
                 SELECT id, amount FROM orders WHERE amount > 100;

                   Index "public.orders_customer"
                  Column  | Type | Key? | Definition
                ----------+------+------+------------
                 customer | text | yes  | customer
                btree, for table "public.orders"

                                  Index "public.orders_pkey"
                 Column |  Type   | Key? | Definition | Storage | Stats target
                --------+---------+------+------------+---------+--------------
                 id     | integer | yes  | id         | plain   |
                primary key, btree, for table "public.orders"

                """.lines().map(String::strip).toList(), out.lines().map(String::strip).toList());
    }

    /** {@code \d} alone lists the tables, views and materialized views (not the indexes), as PostgreSQL 15's psql shows them. */
    @Test
    void psqlListsRelations() throws Exception {
        assertEquals("""
                                  List of relations
                 Schema |     Name     |       Type        |  Owner  \s
                --------+--------------+-------------------+----------
                 public | big          | view              | millrace
                 public | orders       | table             | millrace
                 public | per_customer | materialized view | millrace
                (3 rows)

                """, server.psql("\\d\n"));
    }

    /**
     * {@code \d+} of a materialized view: its columns with storage, then its definition. PostgreSQL
     * 15 prints the definition deparsed, over several lines and with qualified columns
     * ({@code SELECT orders.customer,} / {@code count(*) AS n} / {@code FROM orders} / {@code GROUP BY
     * orders.customer;}); Millrace prints the query as written. The definition is compared with
     * whitespace and the table qualifier taken out, which both forms pass.
     */
    @Test
    void psqlDescribesAMaterializedViewInDetail() throws Exception {
        String out = server.psql("\\d+ per_customer\n");
        String heading = "View definition:\n";
        int at = out.indexOf(heading);
        int end = out.indexOf("Access method: heap\n");
        assertTrue(at >= 0 && end > at + heading.length(), out);
        int start = at + heading.length();
        assertEquals("SELECT customer, count(*) AS n FROM orders GROUP BY customer;",
                out.substring(start, end).replaceAll("\\s+", " ").replace("orders.", "").strip());
        assertEquals("""
                                                 Materialized view "public.per_customer"
                  Column  |  Type  | Collation | Nullable | Default | Storage  | Compression | Stats target | Description\s
                ----------+--------+-----------+----------+---------+----------+-------------+--------------+-------------
                 customer | text   |           |          |         | extended |             |              |\s
                 n        | bigint |           |          |         | plain    |             |              |\s
                View definition:
                Access method: heap

                """, out.substring(0, start) + out.substring(end));
    }

    /** psql's lists of objects Millrace has none of (extensions, languages, casts, ...) answer, empty. */
    @Test
    void psqlListsOfObjectsMillraceDoesNotHave() throws Exception {
        String out = server.psql("\\dx\n\\dL\n\\dC\n\\dc\n\\do\n\\dy\n\\drds\n\\dF\n\\des\n\\dew\n\\dconfig\n");
        assertTrue(!out.contains("ERROR") && out.contains("List of installed extensions") && out.contains("List of casts")
                && out.contains("List of foreign servers"), out);
        // \drds says "Did not find any settings." instead, as it does against PostgreSQL; \dconfig
        // lists the settings the session did not get by default (psql sends its application_name).
        assertEquals(9, out.lines().filter(l -> l.equals("(0 rows)")).count(), out);
        assertTrue(out.lines().anyMatch(l -> l.matches(" application_name \\| psql *")), out);
    }

    /** psql's tab completion: its queries over the catalog answer, so names complete. */
    @Test
    void psqlTabCompletion() throws Exception {
        assertEquals("select * from orders", server.psqlTabCompletion("select * from ord"));
        assertEquals("select * from orders where customer", server.psqlTabCompletion("select * from orders where cu"));
        assertEquals("select * from public.orders", server.psqlTabCompletion("select * from public.or"));
        assertEquals("select * from information_schema.tables",
                server.psqlTabCompletion("select * from information_schema.ta"));
        assertEquals("\\d per_customer", server.psqlTabCompletion("\\d per"));
        assertEquals("drop index orders_customer", server.psqlTabCompletion("drop index orders_c"));
        assertEquals("update orders set note", server.psqlTabCompletion("update orders set no"));
        assertEquals("set search_path", server.psqlTabCompletion("set search"));
    }

    /** pgjdbc's DatabaseMetaData queries for keys and indexes (set-returning functions over pg_index). */
    @Test
    void jdbcKeysIndexesAndTypes() throws SQLException {
        java.sql.DatabaseMetaData md = conn.getMetaData();
        List<String> keys = new java.util.ArrayList<>();
        try (java.sql.ResultSet rs = md.getPrimaryKeys(null, "public", "orders")) {
            while (rs.next()) {
                keys.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("KEY_SEQ") + ":" + rs.getString("PK_NAME"));
            }
        }
        assertEquals(List.of("id:1:orders_pkey"), keys);
        List<String> indexes = new java.util.ArrayList<>();
        try (java.sql.ResultSet rs = md.getIndexInfo(null, "public", "orders", false, false)) {
            while (rs.next()) {
                indexes.add(rs.getString("INDEX_NAME") + ":" + rs.getBoolean("NON_UNIQUE") + ":"
                        + rs.getInt("ORDINAL_POSITION") + ":" + rs.getString("COLUMN_NAME") + ":"
                        + rs.getString("ASC_OR_DESC"));
            }
        }
        assertEquals(List.of("orders_pkey:false:1:id:A", "orders_customer:true:1:customer:A"), indexes);
        List<String> best = new java.util.ArrayList<>();
        try (java.sql.ResultSet rs = md.getBestRowIdentifier(null, "public", "orders",
                java.sql.DatabaseMetaData.bestRowSession, true)) {
            while (rs.next()) {
                best.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME"));
            }
        }
        assertEquals(List.of("id:int4"), best);
        // No foreign keys exist; the queries run.
        try (java.sql.ResultSet rs = md.getImportedKeys(null, "public", "orders")) {
            assertEquals(false, rs.next());
        }
        try (java.sql.ResultSet rs = md.getExportedKeys(null, "public", "orders")) {
            assertEquals(false, rs.next());
        }
        List<String> types = new java.util.ArrayList<>();
        try (java.sql.ResultSet rs = md.getTypeInfo()) {
            while (rs.next()) {
                types.add(rs.getString("TYPE_NAME") + ":" + rs.getInt("DATA_TYPE"));
            }
        }
        assertTrue(types.containsAll(List.of("int4:4", "text:12", "numeric:2", "bool:-7", "_int4:2003", "uuid:1111")),
                types.toString());
    }

    /** The queries psql sends for its meta-commands (psql -E prints them) run through pgjdbc too. */
    @Test
    void psqlMetaCommandQueriesReplayThroughJdbc() throws Exception {
        String out = server.psql("\\set ECHO_HIDDEN on\n\\dt\n\\dv\n\\dm\n\\di\n\\dn\n\\d\n\\du\n\\l\n\\df\n"
                + "\\d orders\n\\d big\n\\d per_customer\n\\d+ orders\n\\d+ big\n\\d+ per_customer\n\\d orders_customer\n\\dt+\n\\l+\n");
        List<String> queries = new java.util.ArrayList<>();
        String marker = "********* QUERY **********\n";
        for (int at = out.indexOf(marker); at >= 0; at = out.indexOf(marker, at + 1)) {
            int start = at + marker.length();
            queries.add(out.substring(start, out.indexOf("**************************", start)).strip());
        }
        assertEquals(57, queries.size(), out);
        for (String q : queries) {
            try (Statement st = conn.createStatement()) {
                st.executeQuery(q).close();
            }
        }
    }
}
