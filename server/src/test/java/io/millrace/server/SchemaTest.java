package io.millrace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Schemas: CREATE SCHEMA and DROP SCHEMA, qualified names, search_path deciding where a bare name
 * is found and where a new object goes, views keeping the names they were created with, and the
 * catalogs (pg_namespace, information_schema.schemata, psql's \dn) showing it all.
 */
class SchemaTest {
    private static void assertState(String sqlState, Statement s, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        assertEquals(sqlState, e.getSQLState(), e.getMessage());
    }

    @Test
    void qualifiedNamesAndTheSearchPath() throws Exception {
        try (TestServer server = TestServer.startTemporary(); Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA sales");
            s.execute("CREATE TABLE sales.orders (id int PRIMARY KEY, amount int)");
            s.execute("CREATE TABLE orders (id int PRIMARY KEY, note text)");
            s.execute("INSERT INTO sales.orders VALUES (1, 10), (2, 20)");
            s.execute("INSERT INTO orders VALUES (7, 'public')");
            assertEquals(List.of(List.of("2")), TestServer.rows(c, "SELECT count(*) FROM sales.orders"));
            // A bare name is looked for along the search path: public first by default, then sales first.
            assertEquals(List.of(List.of("7", "public")), TestServer.rows(c, "SELECT * FROM orders"));
            s.execute("SET search_path = sales, public");
            assertEquals(List.of(List.of("1", "10"), List.of("2", "20")),
                    TestServer.rows(c, "SELECT * FROM orders ORDER BY id"));
            s.execute("INSERT INTO orders VALUES (3, 30)");
            s.execute("UPDATE orders SET amount = amount + 1 WHERE id = 1");
            assertEquals(List.of(List.of("61")), TestServer.rows(c, "SELECT sum(amount) FROM sales.orders"));
            assertEquals(List.of(List.of("{sales,public}", "sales", "sales")),
                    TestServer.rows(c, "SELECT current_schemas(false), current_schema(), current_schema"));
            // New objects go into the first schema of the path; a view keeps the path it was made under.
            s.execute("CREATE MATERIALIZED VIEW big AS SELECT id, amount FROM orders WHERE amount > 15");
            s.execute("CREATE VIEW small AS SELECT id FROM orders WHERE amount < 15");
            s.execute("RESET search_path");
            assertEquals(List.of(List.of("2", "20"), List.of("3", "30")),
                    TestServer.rows(c, "SELECT * FROM sales.big ORDER BY id"));
            assertEquals(List.of(List.of("1")), TestServer.rows(c, "SELECT * FROM sales.small"));
            s.execute("INSERT INTO sales.orders VALUES (4, 40)");
            assertEquals(List.of(List.of("3")), TestServer.rows(c, "SELECT count(*) FROM sales.big"));
            assertState("42P01", s, "SELECT * FROM big");
            // The first orders on the path hides the other from bare names (pg_table_is_visible).
            String visible = "SELECT n.nspname, pg_table_is_visible(c.oid) FROM pg_class c JOIN pg_namespace n ON "
                    + "c.relnamespace = n.oid WHERE c.relname = 'orders' ORDER BY n.nspname";
            assertEquals(List.of(List.of("public", "t"), List.of("sales", "f")), TestServer.rows(c, visible));
            s.execute("SET search_path = sales, public");
            assertEquals(List.of(List.of("public", "f"), List.of("sales", "t")), TestServer.rows(c, visible));
            s.execute("RESET search_path");
            assertEquals(List.of(List.of("information_schema"), List.of("pg_catalog"), List.of("public"),
                    List.of("sales")), TestServer.rows(c,
                            "SELECT schema_name FROM information_schema.schemata ORDER BY 1"));
            assertTrue(server.psql("\\dn\n").contains(" sales  | millrace"));
        }
    }

    @Test
    void createAndDropWithPostgresErrors() throws Exception {
        try (TestServer server = TestServer.startTemporary(); Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA app");
            assertState("42P06", s, "CREATE SCHEMA app");
            s.execute("CREATE SCHEMA IF NOT EXISTS app");
            assertState("42939", s, "CREATE SCHEMA pg_mine");
            assertState("3F000", s, "CREATE TABLE nowhere.t (x int)");
            assertState("42704", s, "CREATE SCHEMA x AUTHORIZATION nobody");
            s.execute("CREATE SCHEMA AUTHORIZATION millrace");
            s.execute("CREATE TABLE app.t (x int)");
            s.execute("CREATE VIEW public.reads_app AS SELECT x FROM app.t");
            // Not empty: RESTRICT (the default) refuses, and the connection stays usable.
            assertState("2BP01", s, "DROP SCHEMA app");
            assertEquals(List.of(List.of("0")), TestServer.rows(c, "SELECT count(*) FROM app.t"));
            assertState("3F000", s, "DROP SCHEMA nope");
            s.execute("DROP SCHEMA IF EXISTS nope");
            assertState("2BP01", s, "DROP SCHEMA public");
            // CASCADE drops what is in it and what reads that, elsewhere too.
            s.execute("DROP SCHEMA app CASCADE");
            assertState("42P01", s, "SELECT * FROM reads_app");
            assertState("3F000", s, "CREATE TABLE app.t (x int)");
            s.execute("DROP SCHEMA millrace");
            // With no schema of the path existing there is nowhere to create.
            s.execute("SET search_path = nope");
            assertState("3F000", s, "CREATE TABLE t (x int)");
        }
    }

    @Test
    void schemasAndViewPathsSurviveARestart() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("millrace-schemas");
        try (TestServer server = TestServer.start(dir)) {
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA inv");
                s.execute("SET search_path = inv");
                s.execute("CREATE TABLE items (id int PRIMARY KEY, qty int)");
                s.execute("INSERT INTO items VALUES (1, 5), (2, 7)");
                s.execute("CREATE MATERIALIZED VIEW stock AS SELECT sum(qty) AS total FROM items");
            }
            server.stop();
            server.start();
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                assertEquals(List.of(List.of("12")), TestServer.rows(c, "SELECT total FROM inv.stock"));
                s.execute("INSERT INTO inv.items VALUES (3, 1)");
                assertEquals(List.of(List.of("13")), TestServer.rows(c, "SELECT total FROM inv.stock"));
            }
        }
    }
}
