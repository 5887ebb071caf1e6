package io.millrace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.PSQLException;

/** COPY FROM STDIN in CSV through pgjdbc: a million rows with a view over them, and a bad row. */
class CopyTest {
    private static TestServer server;
    private static Connection conn;

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

    private static long copy(String sql, String data) throws Exception {
        return new CopyManager((BaseConnection) conn).copyIn(sql, new StringReader(data));
    }

    @Test
    void aMillionRowsAndTheViewsOverThem() throws Exception {
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE m_rows (id int PRIMARY KEY, k text, v int)");
            s.execute("CREATE MATERIALIZED VIEW m_by_key AS SELECT k, count(*) AS n, sum(v) AS total FROM m_rows GROUP BY k");
        }
        StringBuilder csv = new StringBuilder("id,k,v\n");
        long expectedTotal = 0;
        for (int i = 0; i < 1_000_000; i++) {
            csv.append(i).append(",k").append(i % 100).append(',').append(i % 997).append('\n');
            expectedTotal += i % 997;
        }
        assertEquals(1_000_000, copy("COPY m_rows FROM STDIN WITH (FORMAT csv, HEADER true)", csv.toString()));
        assertEquals(List.of(List.of("100", "1000000", Long.toString(expectedTotal))),
                TestServer.rows(conn, "SELECT count(*), sum(n), sum(total) FROM m_by_key"));
        assertEquals(List.of(List.of("10000", Long.toString(sumOfKey(7)))),
                TestServer.rows(conn, "SELECT n, total FROM m_by_key WHERE k = 'k7'"));
    }

    private static long sumOfKey(int key) {
        long sum = 0;
        for (int i = key; i < 1_000_000; i += 100) {
            sum += i % 997;
        }
        return sum;
    }

    @Test
    void aBadRowAbortsTheCopyWithItsLineAndNothingIsApplied() throws Exception {
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE b_rows (id int, name text)");
            s.execute("CREATE MATERIALIZED VIEW b_count AS SELECT count(*) AS n FROM b_rows");
        }
        PSQLException e = assertThrows(PSQLException.class,
                () -> copy("COPY b_rows FROM STDIN (FORMAT csv)", "1,a\n2,b\nthree,c\n4,d\n"));
        assertEquals("22P02", e.getSQLState());
        assertEquals("COPY b_rows, line 3, column id: \"three\"", e.getServerErrorMessage().getWhere());
        assertEquals(List.of(List.of("0")), TestServer.rows(conn, "SELECT count(*) FROM b_rows"));
        assertEquals(List.of(List.of("0")), TestServer.rows(conn, "SELECT n FROM b_count"));
    }
}
