package io.millrace.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.millrace.pgwire.TestServer.PsqlResult;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import java.nio.file.Files;
import java.nio.file.Path;

/** The server as a person sees it through psql (PostgreSQL 15 client). */
@EnabledIf("psqlInstalled")
class PsqlTest {
    private static TestServer server;

    static boolean psqlInstalled() {
        return Files.isExecutable(Path.of("/usr/bin/psql"));
    }

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void connectsWithSslPreferAndPrintsEveryTypeAsPostgresDoes() throws Exception {
        PsqlResult r = server.psql("sslmode=prefer", null, "-At", "-F", "|", "-c", "select all_types");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(""
                + "t|1|2|3|1.5|0.1|12345.6789|tab\there|varchar|bp  |name|2024-01-02|03:04:05.5|2024-01-02 03:04:05.12"
                + "|2024-01-02 03:04:05.5+00|4000000000\n"
                + "f|-32768|-2147483648|-9223372036854775808|-3e-07|1e+20|-0.000012|üñí€😀||x|pg_class|1999-12-31"
                + "|00:00:00|1970-01-01 00:00:00|1969-07-20 20:17:40+00|0\n"
                + "|||||||||||||||\n", r.stdout());
    }

    @Test
    void timestamptzFollowsTheSessionTimeZone() throws Exception {
        PsqlResult r = server.psql("", null, "-At", "-c", "set timezone = 'Asia/Kolkata'", "-c", "select all_types");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("|2024-01-02 08:34:05.5+05:30|"), r.stdout());
        assertTrue(r.stdout().contains("|1969-07-21 01:47:40+05:30|"), r.stdout());
    }

    @Test
    void severalStatementsInOneCommand() throws Exception {
        PsqlResult r = server.psql("", null, "-At", "-c", "select 1; select series(2); select 3");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("1\n1\n2\n3\n", r.stdout());
    }

    @Test
    void errorShowsCodeAndPosition() throws Exception {
        PsqlResult r = server.psql("", null, "-v", "VERBOSITY=verbose", "-c", "select 1; select * from nosuch");
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("ERROR:  42P01: relation \"nosuch\" does not exist"), r.stderr());
        assertTrue(r.stderr().contains("LINE 1: select 1; select * from nosuch\n"
                + " ".repeat(32) + "^"), r.stderr());
    }

    @Test
    void copyToStdout() throws Exception {
        PsqlResult r = server.psql("", null, "-c", "copy rows(5) to stdout");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("0\tplain 0\t2024-01-01\n"
                + "1\ttab\\tnewline\\nback\\\\slash\t2024-01-02\n"
                + "2\tcomma, \"quote\"\t2024-01-03\n"
                + "3\t\t2024-01-04\n"
                + "4\t\\N\t2024-01-05\n", r.stdout());
        r = server.psql("", null, "-c", "copy rows(3000) to stdout csv");
        assertEquals(0, r.exitCode(), r.stderr());
        String[] lines = r.stdout().split("\n");
        assertEquals(3000 + 600, lines.length, "600 values hold a quoted newline");
        assertEquals("2999,," + java.time.LocalDate.of(2024, 1, 1).plusDays(2999), lines[lines.length - 1]);
    }

    @Test
    void copyFromStdin() throws Exception {
        PsqlResult r = server.psql("", "7\tseven\t2024-07-07\n8\t\\N\t2024-08-08\n\\.\n", "-c", "copy t from stdin");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("COPY 2\n", r.stdout());
        r = server.psql("", null, "-At", "-c", "select copied");
        assertEquals("7|seven|2024-07-07\n8||2024-08-08\n", r.stdout());
    }
}
