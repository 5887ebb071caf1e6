package io.millrace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real psql (Debian's postgresql-client 15) through scripts of its meta-commands: {@code \conninfo},
 * {@code \timing}, {@code \x} and {@code \copy} both ways. Each expected output is what psql prints
 * against PostgreSQL 15 for the same script. (The catalog meta-commands, {@code \d} and the
 * {@code \d*} lists, are in SystemCatalogTest.)
 */
class PsqlTest {
    private static TestServer server;
    private static Connection conn;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.startTemporary();
        conn = server.connect();
        dir = Files.createTempDirectory("millrace-psql");
    }

    @AfterAll
    static void stop() throws Exception {
        conn.close();
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void conninfo() throws Exception {
        assertEquals("You are connected to database \"millrace\" as user \"millrace\" on host \"127.0.0.1\" at port \""
                + server.port() + "\".\n", server.psql("\\conninfo\n"));
    }

    /** With timing on, each statement's result is followed by its elapsed time; the time itself is not compared. */
    @Test
    void timing() throws Exception {
        String out = server.psql("""
                CREATE TABLE timed (x int);
                \\timing on
                INSERT INTO timed VALUES (1), (2);
                SELECT sum(x) AS total FROM timed;
                \\timing off
                SELECT count(*) FROM timed;
                DROP TABLE timed;
                """);
        assertEquals("""
                CREATE TABLE
                Timing is on.
                INSERT 0 2
                Time: <elapsed>
                 total\s
                -------
                     3
                (1 row)

                Time: <elapsed>
                Timing is off.
                 count\s
                -------
                     2
                (1 row)

                DROP TABLE
                """, out.replaceAll("(?m)^Time: \\d+\\.\\d{3} ms( \\(.+\\))?$", "Time: <elapsed>"));
    }

    /** Expanded display: a record per row, NULLs empty, a value of two lines continued with +, then back to a table. */
    @Test
    void expandedDisplay() throws Exception {
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE people (id int PRIMARY KEY, name text, joined timestamp, score numeric(6,2), "
                    + "active boolean)");
            s.execute("INSERT INTO people VALUES (1, 'ada', '2024-01-02 03:04:05', 1.5, true), "
                    + "(2, NULL, NULL, NULL, NULL), (3, E'two\\nlines', '1999-12-31 23:59:59.5', -0.25, false)");
        }
        String out = server.psql("""
                \\x
                SELECT * FROM people ORDER BY id;
                SELECT id, upper(name) AS shout FROM people WHERE id = 1;
                SELECT * FROM people WHERE id > 10;
                \\x
                SELECT id, name FROM people ORDER BY id;
                """);
        assertEquals("""
                Expanded display is on.
                -[ RECORD 1 ]-----------------
                id     | 1
                name   | ada
                joined | 2024-01-02 03:04:05
                score  | 1.50
                active | t
                -[ RECORD 2 ]-----------------
                id     | 2
                name   |\s
                joined |\s
                score  |\s
                active |\s
                -[ RECORD 3 ]-----------------
                id     | 3
                name   | two                  +
                       | lines
                joined | 1999-12-31 23:59:59.5
                score  | -0.25
                active | f

                -[ RECORD 1 ]
                id    | 1
                shout | ADA

                (0 rows)

                Expanded display is off.
                 id | name \s
                ----+-------
                  1 | ada
                  2 |\s
                  3 | two  +
                    | lines
                (3 rows)

                """, out);
    }

    /**
     * {@code \copy} runs COPY FROM STDIN / TO STDOUT with the file on psql's side: a CSV file with a
     * header, quoted commas, doubled quotes, an embedded newline and empty (NULL) fields; rows from
     * the script itself; a table to CSV; a query to text format (tab, \N, escaped newline and
     * backslash); and a file whose header is not skipped, which fails at its first line and adds
     * nothing.
     */
    @Test
    void copyBothWays() throws Exception {
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE imports (id int PRIMARY KEY, name text, price numeric(8,2), born date, ok boolean)");
        }
        Path in = dir.resolve("in.csv");
        Files.writeString(in, "id,name,price,born,ok\n1,ada,12.50,1815-12-10,t\n2,\"bob, jr\",,2000-01-31,f\n"
                + "3,\"say \"\"hi\"\"\",\"0.10\",,\n4,\"two\nlines \\ slash\",7,1999-12-31,true\n");
        Path tableCsv = dir.resolve("table.csv");
        Path queryText = dir.resolve("query.txt");
        String out = server.psql("\\copy imports FROM '" + in + "' WITH (FORMAT csv, HEADER)\n"
                + "\\copy imports (id, name) FROM stdin\n10\tten\n11\t\\N\n\\.\n"
                + "\\copy imports TO '" + tableCsv + "' CSV\n"
                + "\\copy (SELECT id, name, ok FROM imports WHERE id > 1 ORDER BY id DESC) TO '" + queryText + "'\n"
                + "\\copy imports FROM '" + in + "' CSV\n");
        assertEquals("""
                COPY 4
                COPY 2
                COPY 6
                COPY 5
                ERROR:  invalid input syntax for type integer: "id"
                CONTEXT:  COPY imports, line 1, column id: "id"
                """, out);
        assertEquals(List.of(List.of("1", "ada", "12.50", "1815-12-10", "t"),
                        java.util.Arrays.asList("2", "bob, jr", null, "2000-01-31", "f"),
                        java.util.Arrays.asList("3", "say \"hi\"", "0.10", null, null),
                        List.of("4", "two\nlines \\ slash", "7.00", "1999-12-31", "t"),
                        java.util.Arrays.asList("10", "ten", null, null, null),
                        java.util.Arrays.asList("11", null, null, null, null)),
                TestServer.rows(conn, "SELECT id, name, price, born, ok FROM imports ORDER BY id"));
        assertEquals("""
                1,ada,12.50,1815-12-10,t
                2,"bob, jr",,2000-01-31,f
                3,"say ""hi\""",0.10,,
                4,"two
                lines \\ slash",7.00,1999-12-31,t
                10,ten,,,
                11,,,,
                """, new String(Files.readAllBytes(tableCsv), StandardCharsets.UTF_8));
        assertEquals("11\t\\N\t\\N\n10\tten\t\\N\n4\ttwo\\nlines \\\\ slash\tt\n3\tsay \"hi\"\t\\N\n2\tbob, jr\tf\n",
                new String(Files.readAllBytes(queryText), StandardCharsets.UTF_8));
    }
}
