package io.millrace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.millrace.storage.KeyValueIterator;
import io.millrace.storage.Keys;
import io.millrace.storage.Store;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * UNIQUE constraints and unique indexes are enforced as PostgreSQL 15 enforces them, on every
 * path a row takes into a table, with its names, errors and catalog rows (all compared with a
 * real PostgreSQL 15); they keep their stored entries across a restart and lose them when dropped.
 */
class UniqueConstraintTest {
    private static TestServer server;
    private static Connection conn;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws SQLException {
        server = TestServer.startTemporary();
        conn = server.connect();
    }

    @AfterAll
    static void stop() throws SQLException {
        conn.close();
        server.close();
    }

    private static void execute(String... statements) throws SQLException {
        try (Statement s = conn.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static ServerErrorMessage fails(String sql) {
        return fails(conn, sql);
    }

    private static ServerErrorMessage fails(Connection c, String sql) {
        PSQLException e = assertThrows(PSQLException.class, () -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }, sql);
        return e.getServerErrorMessage();
    }

    /** Asserts {@code sql} fails with 23505 on {@code constraint}, with DETAIL {@code detail}. */
    private static void assertDuplicate(Connection c, String sql, String constraint, String detail) {
        ServerErrorMessage m = fails(c, sql);
        assertEquals("23505", m.getSQLState(), sql);
        assertEquals("duplicate key value violates unique constraint \"" + constraint + "\"", m.getMessage(), sql);
        assertEquals(detail, m.getDetail(), sql);
    }

    private static void assertDuplicate(String sql, String constraint, String detail) {
        assertDuplicate(conn, sql, constraint, detail);
    }

    private static void assertFails(String sql, String sqlState, String message) {
        ServerErrorMessage m = fails(sql);
        assertEquals(sqlState, m.getSQLState(), sql);
        assertEquals(message, m.getMessage(), sql);
    }

    private static List<List<String>> rows(String sql) throws SQLException {
        return TestServer.rows(conn, sql);
    }

    /** Expected rows, each written as its values separated by "|". */
    private static List<List<String>> table(String... rows) {
        List<List<String>> out = new ArrayList<>();
        for (String row : rows) {
            out.add(List.of(row.split("\\|", -1)));
        }
        return out;
    }

    @Test
    void columnAndTableConstraintsRejectDuplicatesButNotNulls() throws SQLException {
        execute("CREATE TABLE users (id int PRIMARY KEY, email text UNIQUE, a int, b text, UNIQUE (a, b))",
                "INSERT INTO users VALUES (1, 'a@x', 1, 'x'), (2, NULL, 1, NULL), (3, NULL, 1, NULL)");
        assertDuplicate("INSERT INTO users VALUES (4, 'a@x', 2, 'y')", "users_email_key",
                "Key (email)=(a@x) already exists.");
        assertDuplicate("INSERT INTO users VALUES (4, 'b@x', 1, 'x')", "users_a_b_key",
                "Key (a, b)=(1, x) already exists.");
        // Text prints as its output function gives it: unquoted, whatever it holds.
        execute("INSERT INTO users VALUES (5, 'it''s \"q\", (1)', 5, 'it''s \"q\", (1)')");
        assertDuplicate("INSERT INTO users VALUES (6, 'z', 5, 'it''s \"q\", (1)')", "users_a_b_key",
                "Key (a, b)=(5, it's \"q\", (1)) already exists.");
        assertDuplicate("INSERT INTO users VALUES (6, 'it''s \"q\", (1)', 6, '')", "users_email_key",
                "Key (email)=(it's \"q\", (1)) already exists.");
        // The primary key is checked first, as PostgreSQL checks its oldest index first.
        assertDuplicate("INSERT INTO users VALUES (1, 'a@x', 1, 'x')", "users_pkey", "Key (id)=(1) already exists.");
        // A NULL never conflicts, in a one-column key or as any part of a longer one.
        execute("INSERT INTO users VALUES (7, NULL, NULL, NULL), (8, NULL, NULL, 'x'), (9, NULL, 1, NULL)");
        assertEquals(List.of(List.of("7")), rows("SELECT count(*) FROM users"));
        execute("DROP TABLE users");
    }

    @Test
    void aStatementThatFailsChangesNothingAndViewsStayEqualToTheirQueries() throws Exception {
        execute("CREATE TABLE stock (sku text PRIMARY KEY, code int UNIQUE, qty int)",
                "CREATE MATERIALIZED VIEW stock_total AS SELECT count(*) AS n, sum(qty) AS q, max(code) AS c FROM stock",
                "INSERT INTO stock VALUES ('a', 1, 10), ('b', 2, 20), ('c', 3, 30)");
        String view = "SELECT n, q, c FROM stock_total";
        String query = "SELECT count(*), sum(qty), max(code) FROM stock";
        List<List<String>> before = table("3|60|3");
        assertEquals(before, rows(view));
        // The VALUES fast path, with a parameter and through a prepared statement ...
        try (PreparedStatement p = conn.prepareStatement("INSERT INTO stock VALUES (?, ?, 5)")) {
            p.setString(1, "d");
            p.setInt(2, 4);
            p.executeUpdate();
            p.setString(1, "e");
            p.setInt(2, 2);
            PSQLException e = assertThrows(PSQLException.class, p::executeUpdate);
            assertEquals("Key (code)=(2) already exists.", e.getServerErrorMessage().getDetail());
        }
        execute("DELETE FROM stock WHERE sku = 'd'");
        // ... the planner's path, duplicates within one statement, and rows after the bad one.
        assertDuplicate("INSERT INTO stock SELECT sku || 'x', code + 2, qty FROM stock", "stock_code_key",
                "Key (code)=(3) already exists.");
        assertDuplicate("INSERT INTO stock VALUES ('x', 7, 1), ('y', 7, 1), ('z', 8, 1)", "stock_code_key",
                "Key (code)=(7) already exists.");
        assertDuplicate("UPDATE stock SET code = 3, qty = 0 WHERE sku = 'a'", "stock_code_key",
                "Key (code)=(3) already exists.");
        // COPY FROM is one statement too: nothing of it is applied.
        PSQLException copy = assertThrows(PSQLException.class, () -> new CopyManager((BaseConnection) conn)
                .copyIn("COPY stock FROM STDIN", new StringReader("f\t9\t1\ng\t1\t1\n")));
        assertEquals("23505", copy.getSQLState());
        assertEquals("Key (code)=(1) already exists.", copy.getServerErrorMessage().getDetail());
        assertEquals(before, rows(query));
        assertEquals(before, rows(view));
        // What succeeds is applied, to the table and the view alike.
        execute("UPDATE stock SET code = code + 10 WHERE sku = 'c'");
        assertEquals(2, new CopyManager((BaseConnection) conn).copyIn("COPY stock FROM STDIN",
                new StringReader("f\t3\t1\ng\t\\N\t1\n")));
        assertEquals(table("5|62|13"), rows(view));
        assertEquals(rows(query), rows(view));
        execute("DROP TABLE stock CASCADE");
    }

    /**
     * PostgreSQL checks each row's keys as it updates it, not at the end of the statement, so
     * moving every key up by one fails on the second row (which still holds the value) while
     * moving them down succeeds; a swap always fails. The primary key is checked the same way.
     */
    @Test
    void updatesAreCheckedRowByRowAsPostgresChecksThem() throws SQLException {
        execute("CREATE TABLE ranks (id int PRIMARY KEY, place int UNIQUE)",
                "INSERT INTO ranks VALUES (1, 1), (2, 2), (3, 3)");
        assertDuplicate("UPDATE ranks SET place = place + 1", "ranks_place_key", "Key (place)=(2) already exists.");
        assertDuplicate("UPDATE ranks SET place = CASE place WHEN 1 THEN 2 WHEN 2 THEN 1 END WHERE place < 3",
                "ranks_place_key", "Key (place)=(2) already exists.");
        assertDuplicate("UPDATE ranks SET id = id + 1", "ranks_pkey", "Key (id)=(2) already exists.");
        execute("UPDATE ranks SET place = place - 1");
        execute("UPDATE ranks SET id = id - 1");
        execute("UPDATE ranks SET place = place + 10 WHERE id = 2");
        execute("UPDATE ranks SET place = place");
        assertEquals(table("0|0", "1|1", "2|12"), rows("SELECT id, place FROM ranks ORDER BY id"));
        // Rows are taken in the order they are stored in: by primary key, or without one by their
        // values. PostgreSQL takes them as it reads them, usually in insertion order, as here.
        execute("CREATE TABLE plain (a int UNIQUE, b text)", "INSERT INTO plain VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        assertDuplicate("UPDATE plain SET a = a + 1", "plain_a_key", "Key (a)=(2) already exists.");
        execute("UPDATE plain SET a = a - 1");
        assertEquals(table("0|a", "1|b", "2|c"), rows("SELECT a, b FROM plain ORDER BY a"));
        execute("DROP TABLE ranks, plain");
    }

    @Test
    void keysCompareAsPostgresComparesThemAndPrintAsItPrintsThem() throws SQLException {
        execute("CREATE TABLE kinds (n numeric UNIQUE, ts timestamptz UNIQUE, d date UNIQUE, f float8 UNIQUE, "
                + "ok bool UNIQUE, ch char(5) UNIQUE, bt bytea UNIQUE, arr int[] UNIQUE, iv interval UNIQUE, "
                + "j jsonb UNIQUE, u uuid UNIQUE)",
                "INSERT INTO kinds VALUES (1.50, '2024-01-01 10:00+00', '2024-02-03', -0.0, true, 'ab', '\\x0102', "
                        + "'{1,2}', '1 day', '{\"a\":1}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')",
                "SET TIME ZONE 'UTC'");
        // The detail shows the new row's value (1.5, 24:00:00), which equals the stored one.
        assertDuplicate("INSERT INTO kinds (n) VALUES (1.5)", "kinds_n_key", "Key (n)=(1.5) already exists.");
        assertDuplicate("INSERT INTO kinds (ts) VALUES ('2024-01-01 11:00+01')", "kinds_ts_key",
                "Key (ts)=(2024-01-01 10:00:00+00) already exists.");
        execute("SET TIME ZONE 'Europe/Paris'");
        assertDuplicate("INSERT INTO kinds (ts) VALUES ('2024-01-01 10:00+00')", "kinds_ts_key",
                "Key (ts)=(2024-01-01 11:00:00+01) already exists.");
        execute("RESET TIME ZONE");
        assertDuplicate("INSERT INTO kinds (d) VALUES ('2024-02-03')", "kinds_d_key",
                "Key (d)=(2024-02-03) already exists.");
        assertDuplicate("INSERT INTO kinds (f) VALUES (0.0)", "kinds_f_key", "Key (f)=(0) already exists.");
        assertDuplicate("INSERT INTO kinds (ok) VALUES (true)", "kinds_ok_key", "Key (ok)=(t) already exists.");
        assertDuplicate("INSERT INTO kinds (ch) VALUES ('ab   ')", "kinds_ch_key", "Key (ch)=(ab   ) already exists.");
        assertDuplicate("INSERT INTO kinds (bt) VALUES ('\\x0102')", "kinds_bt_key",
                "Key (bt)=(\\x0102) already exists.");
        assertDuplicate("INSERT INTO kinds (arr) VALUES ('{1,2}')", "kinds_arr_key",
                "Key (arr)=({1,2}) already exists.");
        assertDuplicate("INSERT INTO kinds (iv) VALUES ('24 hours')", "kinds_iv_key",
                "Key (iv)=(24:00:00) already exists.");
        assertDuplicate("INSERT INTO kinds (j) VALUES ('{\"a\": 1}')", "kinds_j_key",
                "Key (j)=({\"a\": 1}) already exists.");
        assertDuplicate("INSERT INTO kinds (u) VALUES ('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11')", "kinds_u_key",
                "Key (u)=(a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11) already exists.");
        assertFails("CREATE TABLE docs (doc json UNIQUE)", "42704",
                "data type json has no default operator class for access method \"btree\"");
        execute("DROP TABLE kinds");
    }

    /** A removed row must be the row stored under its key, whatever its values' types. */
    @Test
    void updatesAndDeletesFindTheStoredRowOfEveryType() throws SQLException {
        execute("CREATE TABLE all_types (id int PRIMARY KEY, n numeric, n2 numeric(6,3), f float8, r real, ch char(4), "
                + "vc varchar(5), ts timestamptz, t timestamp, d date, tm time, iv interval, j jsonb, js json, "
                + "u uuid, bt bytea, arr numeric[], ok bool, s smallint, b bigint)",
                "INSERT INTO all_types VALUES (1, 1.50, 2.5, -0.0, 'NaN', 'ab', 'x', '2024-01-01 10:00+02', "
                        + "'2024-01-01 10:00', '2024-01-01', '10:00', '1 day 2 hours', '{\"b\": [1, 2.50]}', "
                        + "'{\"a\" :  1}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '\\x00ff', '{1.0,NULL,2.50}', "
                        + "true, -1, 9000000000), (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
                        + "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
        execute("UPDATE all_types SET id = id + 10", "UPDATE all_types SET s = 2 WHERE id = 11", "UPDATE all_types SET n = n");
        assertEquals(table("11|1.50|2.500|2", "12|null|null|null"),
                rows("SELECT id, n, n2, s FROM all_types ORDER BY id").stream()
                        .map(r -> r.stream().map(v -> v == null ? "null" : v).toList()).toList());
        execute("DELETE FROM all_types");
        assertEquals(table("0"), rows("SELECT count(*) FROM all_types"));
        execute("DROP TABLE all_types");
    }

    @Test
    void constraintsAreNamedAsPostgresNamesThem() throws Exception {
        execute("CREATE TABLE n_a_key (x int)",
                "CREATE TABLE n (a int UNIQUE, b int CONSTRAINT b_unique UNIQUE, c int, UNIQUE (a), UNIQUE (c, a), "
                        + "CONSTRAINT ca UNIQUE (c, a), UNIQUE (b, c, a))",
                "CREATE TABLE p (id int PRIMARY KEY UNIQUE, UNIQUE (id))",
                "CREATE TABLE long_names (aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa int, "
                        + "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb int, "
                        + "UNIQUE (aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb))");
        // n_a_key was taken, so the constraint on a is n_a_key1; UNIQUE (a) again is the same
        // constraint, and the unnamed (c, a) takes the name ca that its twin gives.
        assertEquals(table("n_a_key1|UNIQUE (a)", "b_unique|UNIQUE (b)", "ca|UNIQUE (c, a)", "n_b_c_a_key|UNIQUE (b, c, a)"),
                rows("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                        + "WHERE conrelid = 'n'::regclass ORDER BY oid"));
        assertEquals(table("p_pkey|p"), rows("SELECT conname, contype FROM pg_constraint WHERE conrelid = 'p'::regclass"));
        assertEquals(table("long_names_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_bbbbbb_key"),
                rows("SELECT conname FROM pg_constraint WHERE conrelid = 'long_names'::regclass"));
        assertFails("CREATE TABLE q (a int CONSTRAINT n UNIQUE)", "42P07", "relation \"n\" already exists");
        assertFails("CREATE TABLE q (a int CONSTRAINT x UNIQUE, b int CONSTRAINT x UNIQUE)", "42P07",
                "relation \"x\" already exists");
        assertFails("CREATE TABLE q (a int, UNIQUE (zz))", "42703", "column \"zz\" named in key does not exist");
        assertFails("CREATE TABLE q (a int, UNIQUE (a, a))", "42701", "column \"a\" appears twice in unique constraint");
        assertFails("CREATE TABLE q (a int CONSTRAINT k PRIMARY KEY)", "0A000",
                "a primary key constraint named other than \"q_pkey\" is not supported yet");
        assertEquals(List.of(), rows("SELECT relname FROM pg_class WHERE relname IN ('q', 'x', 'q_a_key')"));
        execute("DROP TABLE n, n_a_key, p, long_names");
    }

    @Test
    void createUniqueIndexChecksTheRowsThereAndEnforcesFromThenOn() throws SQLException {
        execute("CREATE TABLE events (id int PRIMARY KEY, code text, seq int)",
                "INSERT INTO events VALUES (1, 'a', 1), (2, 'a', 2), (3, NULL, 3), (4, NULL, 4)");
        assertFails("CREATE UNIQUE INDEX events_code ON events (code)", "23505",
                "could not create unique index \"events_code\"");
        assertEquals("Key (code)=(a) is duplicated.",
                fails("CREATE UNIQUE INDEX ON events (code DESC)").getDetail());
        assertEquals(List.of(), rows("SELECT relname FROM pg_class WHERE relname LIKE 'events_code%'"));
        execute("INSERT INTO events VALUES (5, 'a', 5)");
        execute("DELETE FROM events WHERE code = 'a' AND id > 1", "CREATE UNIQUE INDEX ON events (code)");
        execute("CREATE UNIQUE INDEX ON events (seq)", "CREATE UNIQUE INDEX ON events (seq)");
        assertEquals(table("events_code_idx", "events_pkey", "events_seq_idx", "events_seq_idx1"),
                rows("SELECT relname FROM pg_class WHERE relname LIKE 'events_%' ORDER BY 1"));
        assertDuplicate("INSERT INTO events VALUES (6, 'a', 6)", "events_code_idx", "Key (code)=(a) already exists.");
        assertDuplicate("INSERT INTO events VALUES (6, 'b', 3)", "events_seq_idx", "Key (seq)=(3) already exists.");
        execute("INSERT INTO events VALUES (6, NULL, 6), (7, NULL, NULL), (8, NULL, NULL)");
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE UNIQUE INDEX IF NOT EXISTS events_seq_idx ON events (seq)");
            assertEquals("relation \"events_seq_idx\" already exists, skipping", s.getWarnings().getMessage());
        }
        assertFails("CREATE UNIQUE INDEX events_seq_idx ON events (seq)", "42P07",
                "relation \"events_seq_idx\" already exists");
        assertFails("CREATE UNIQUE INDEX e_bad ON events (nope)", "42703", "column \"nope\" does not exist");
        assertFails("CREATE UNIQUE INDEX e_bad ON events (lower(code))", "0A000",
                "unique indexes on expressions are not supported yet");
        assertFails("CREATE UNIQUE INDEX e_bad ON events USING hash (code)", "0A000",
                "access method \"hash\" does not support unique indexes");
        execute("CREATE MATERIALIZED VIEW event_codes AS SELECT code, count(*) AS n FROM events GROUP BY code");
        assertFails("CREATE UNIQUE INDEX e_bad ON event_codes (code)", "0A000",
                "unique indexes on materialized views are not supported yet");
        execute("CREATE INDEX ON events (code)");
        assertEquals(table("events_code_idx1|f"), rows("SELECT c.relname, i.indisunique FROM pg_index i "
                + "JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'events_code_idx1'"));
        execute("DROP TABLE events CASCADE");
    }

    @Test
    void dropRemovesTheIndexAndWhatItStored() throws Exception {
        try (TestServer own = TestServer.start(dir); Connection c = own.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tags (id int PRIMARY KEY, name text UNIQUE, slug text)");
            s.execute("INSERT INTO tags VALUES (1, 'a', 'a'), (2, 'b', 'b')");
            s.execute("CREATE UNIQUE INDEX tags_slug ON tags (slug)");
            ServerErrorMessage m = fails(c, "DROP INDEX tags_name_key");
            assertEquals("2BP01", m.getSQLState());
            assertEquals("cannot drop index tags_name_key because constraint tags_name_key on table tags requires it",
                    m.getMessage());
            assertEquals("2BP01", fails(c, "DROP INDEX tags_name_key CASCADE").getSQLState());
            s.execute("DROP INDEX tags_slug");
            s.execute("INSERT INTO tags VALUES (3, 'c', 'a')");
            assertDuplicate(c, "INSERT INTO tags VALUES (4, 'a', 'd')", "tags_name_key", "Key (name)=(a) already exists.");
            own.stop();
            assertEquals(3, storedIndexEntries(dir));
            own.start();
            try (Connection again = own.connect(); Statement t = again.createStatement()) {
                t.execute("DROP TABLE tags");
                // A new table of the same name starts with no entries.
                t.execute("CREATE TABLE tags (id int PRIMARY KEY, name text UNIQUE)");
                t.execute("INSERT INTO tags VALUES (1, 'a'), (2, 'b')");
                t.execute("CREATE SCHEMA other");
                t.execute("CREATE TABLE other.t (a int UNIQUE)");
                t.execute("INSERT INTO other.t VALUES (1), (2), (3)");
                t.execute("DROP SCHEMA other CASCADE");
            }
            own.stop();
            assertEquals(2, storedIndexEntries(dir));
            own.start();
        }
    }

    /** How many unique index entries a stopped server's data directory holds. */
    private static int storedIndexEntries(Path dataDir) {
        int n = 0;
        try (Store store = Store.open(dataDir, 1 << 20); KeyValueIterator it = store.scan(new byte[] {Keys.UNIQUE_INDEX})) {
            while (it.next()) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aRestartKeepsEnforcing() throws Exception {
        try (TestServer own = TestServer.start(dir)) {
            try (Connection c = own.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE accounts (id int PRIMARY KEY, login text UNIQUE, team int, seat int)");
                s.execute("INSERT INTO accounts VALUES (1, 'ann', 1, 1), (2, 'bob', 1, 2), (3, 'cy', 2, 1)");
                s.execute("CREATE UNIQUE INDEX accounts_team_seat ON accounts (team, seat)");
                s.execute("CREATE MATERIALIZED VIEW per_team AS SELECT team, count(*) AS n FROM accounts GROUP BY team");
            }
            own.stop();
            assertEquals(6, storedIndexEntries(dir));
            own.start();
            try (Connection c = own.connect(); Statement s = c.createStatement()) {
                assertDuplicate(c, "INSERT INTO accounts VALUES (4, 'ann', 3, 1)", "accounts_login_key",
                        "Key (login)=(ann) already exists.");
                assertDuplicate(c, "UPDATE accounts SET seat = 1 WHERE id = 2", "accounts_team_seat",
                        "Key (team, seat)=(1, 1) already exists.");
                s.execute("UPDATE accounts SET login = 'bo' WHERE id = 2");
                s.execute("INSERT INTO accounts VALUES (4, 'bob', 2, 2)");
                assertEquals(table("1|2", "2|2"), TestServer.rows(c, "SELECT team, n FROM per_team ORDER BY team"));
                assertEquals(table("accounts_login_key|u", "accounts_pkey|p"), TestServer.rows(c,
                        "SELECT conname, contype FROM pg_constraint ORDER BY 1"));
            }
        }
    }

    @Test
    void transactionBlocksFailAtTheStatement() throws SQLException {
        execute("CREATE TABLE seats (id int PRIMARY KEY, holder text UNIQUE)", "INSERT INTO seats VALUES (1, 'ann')");
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("INSERT INTO seats VALUES (2, 'bob')");
            assertDuplicate(c, "INSERT INTO seats VALUES (3, 'bob')", "seats_holder_key",
                    "Key (holder)=(bob) already exists.");
            assertEquals("25P02", fails(c, "SELECT 1").getSQLState());
            s.execute("ROLLBACK");
            // The block sees its own changes: a value it frees is free, one it takes is taken.
            s.execute("BEGIN");
            s.execute("DELETE FROM seats WHERE id = 1");
            s.execute("INSERT INTO seats VALUES (2, 'ann')");
            s.execute("SAVEPOINT sp");
            assertDuplicate(c, "INSERT INTO seats VALUES (3, 'ann')", "seats_holder_key",
                    "Key (holder)=(ann) already exists.");
            s.execute("ROLLBACK TO sp");
            s.execute("INSERT INTO seats VALUES (3, 'cy')");
            // Another session's commit is checked at COMMIT against the block's rows.
            execute("INSERT INTO seats VALUES (9, 'cy')");
            assertDuplicate(c, "COMMIT", "seats_holder_key", "Key (holder)=(cy) already exists.");
        }
        assertEquals(table("1|ann", "9|cy"), rows("SELECT id, holder FROM seats ORDER BY id"));
        execute("DROP TABLE seats");
    }

    @Test
    void aUniqueIndexMadeInATransactionBlockHoldsForTheBlocksRows() throws SQLException {
        execute("CREATE TABLE slots (id int PRIMARY KEY, n int, m int)", "INSERT INTO slots VALUES (1, 1, 1)");
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("INSERT INTO slots VALUES (2, 2, 2)");
            s.execute("CREATE UNIQUE INDEX slots_n ON slots (n)");
            assertDuplicate(c, "INSERT INTO slots VALUES (3, 2, 3)", "slots_n", "Key (n)=(2) already exists.");
            s.execute("ROLLBACK");
            s.execute("BEGIN");
            s.execute("INSERT INTO slots VALUES (2, 2, 1)");
            ServerErrorMessage m = fails(c, "CREATE UNIQUE INDEX slots_m ON slots (m)");
            assertEquals("could not create unique index \"slots_m\"", m.getMessage());
            assertEquals("Key (m)=(1) is duplicated.", m.getDetail());
            s.execute("ROLLBACK");
        }
        // DDL in a block is not undone at ROLLBACK: slots_n stays, slots_m was never made.
        assertEquals(table("slots_n", "slots_pkey"),
                rows("SELECT relname FROM pg_class WHERE relname LIKE 'slots_%' ORDER BY 1"));
        execute("DROP TABLE slots");
    }

    @Test
    void theSystemCatalogsDescribeUniqueIndexesAsPostgresDoes() throws Exception {
        execute("CREATE TABLE members (id int PRIMARY KEY, email text UNIQUE, org int, num int, UNIQUE (org, num))",
                "CREATE UNIQUE INDEX members_num ON members (num)", "CREATE INDEX members_org ON members (org)");
        // indkey is an int2vector, printed as PostgreSQL prints it: 3 4.
        assertEquals(table("members_email_key|t|f|2", "members_num|t|f|4", "members_org|f|f|3",
                "members_org_num_key|t|f|3 4", "members_pkey|t|t|1"), rows("SELECT c.relname, i.indisunique, i.indisprimary, i.indkey "
                        + "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                        + "WHERE i.indrelid = 'members'::regclass ORDER BY 1"));
        assertEquals(table("members_email_key|u|{2}|members_email_key|UNIQUE (email)|"
                + "CREATE UNIQUE INDEX members_email_key ON public.members USING btree (email)",
                "members_org_num_key|u|{3,4}|members_org_num_key|UNIQUE (org, num)|"
                        + "CREATE UNIQUE INDEX members_org_num_key ON public.members USING btree (org, num)",
                "members_pkey|p|{1}|members_pkey|PRIMARY KEY (id)|"
                        + "CREATE UNIQUE INDEX members_pkey ON public.members USING btree (id)"),
                rows("SELECT con.conname, con.contype, con.conkey, c.relname, pg_get_constraintdef(con.oid), "
                        + "pg_get_indexdef(con.conindid) FROM pg_constraint con JOIN pg_class c ON c.oid = con.conindid "
                        + "WHERE con.conrelid = 'members'::regclass ORDER BY 1"));
        assertEquals(table("CREATE UNIQUE INDEX members_num ON public.members USING btree (num)"),
                rows("SELECT indexdef FROM pg_indexes WHERE indexname = 'members_num'"));
        assertEquals("""
                                Table "public.members"
                 Column |  Type   | Collation | Nullable | Default
                --------+---------+-----------+----------+---------
                 id     | integer |           | not null |
                 email  | text    |           |          |
                 org    | integer |           |          |
                 num    | integer |           |          |
                Indexes:
                    "members_pkey" PRIMARY KEY, btree (id)
                    "members_email_key" UNIQUE CONSTRAINT, btree (email)
                    "members_num" UNIQUE, btree (num)
                    "members_org" btree (org)
                    "members_org_num_key" UNIQUE CONSTRAINT, btree (org, num)

                      Index "public.members_num"
                 Column |  Type   | Key? | Definition
                --------+---------+------+------------
                 num    | integer | yes  | num
                unique, btree, for table "public.members"

                """.lines().map(String::strip).toList(),
                server.psql("\\d members\n\\d members_num\n").lines().map(String::strip).toList());
        List<String> indexInfo = new ArrayList<>();
        try (ResultSet rs = conn.getMetaData().getIndexInfo(null, "public", "members", false, false)) {
            while (rs.next()) {
                indexInfo.add(rs.getString("INDEX_NAME") + ":" + rs.getBoolean("NON_UNIQUE") + ":"
                        + rs.getString("COLUMN_NAME"));
            }
        }
        assertEquals(List.of("members_email_key:false:email", "members_num:false:num", "members_org:true:org",
                "members_org_num_key:false:num", "members_org_num_key:false:org", "members_pkey:false:id"),
                indexInfo.stream().sorted().toList());
        List<String> uniqueOnly = new ArrayList<>();
        try (ResultSet rs = conn.getMetaData().getIndexInfo(null, "public", "members", true, false)) {
            while (rs.next()) {
                uniqueOnly.add(rs.getString("INDEX_NAME"));
            }
        }
        assertFalse(uniqueOnly.contains("members_org"), uniqueOnly.toString());
        assertTrue(uniqueOnly.contains("members_num"), uniqueOnly.toString());
        execute("DROP TABLE members");
        assertFalse(rows("SELECT conname FROM pg_constraint").toString().contains("members"));
    }
}
