package io.millrace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * psycopg 3 (Debian's python3-psycopg, for /usr/bin/python3) against a real server: the script
 * clients/python/psycopg_test.py checks each result itself and prints what it received, which is
 * compared here line by line. The same script prints the same lines against PostgreSQL 15.
 */
class PsycopgTest {
    private static final Path SCRIPT = Path.of("..", "clients", "python", "psycopg_test.py");
    private static final String PYTHON = "/usr/bin/python3";

    /** Runs {@code command}; returns its exit status and what it printed (stdout and stderr). */
    private static Object[] run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError(PYTHON + " is needed, with python3-psycopg (.ci/run installs it)", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command) + "\n" + out);
        }
        return new Object[] {p.exitValue(), out};
    }

    @Test
    void psycopgScriptPasses() throws Exception {
        Object[] probe = run(List.of(PYTHON, "-c", "import psycopg"));
        assertEquals(0, probe[0], "psycopg is not installed for " + PYTHON
                + " (apt-get install python3-psycopg; .ci/run installs it):\n" + probe[1]);
        try (TestServer server = TestServer.startTemporary()) {
            Object[] result = run(List.of(PYTHON, SCRIPT.toString(), "--port", Integer.toString(server.port())));
            String out = (String) result[1];
            assertEquals(0, result[0], "psycopg_test.py failed:\n" + out);
            String first = out.substring(0, out.indexOf('\n'));
            assertTrue(first.matches("psycopg 3\\.\\d+\\.\\d+, libpq \\d+"), first);
            assertEquals("""
                simple query: (1, 'two', None)
                server version: 15
                insert rowcount: 1
                parameter id int4: 1
                parameter name text: "ada's"
                parameter price numeric: Decimal('12.50')
                parameter ok bool: True
                parameter note text: None
                parameter born date: datetime.date(2024, 1, 2)
                parameter seen timestamp: datetime.datetime(2024, 1, 2, 3, 4, 5, 678000)
                parameter tag uuid: UUID('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')
                parameter data bytea: b'\\x00\\x01\\xfe\\xff'
                parameter nums int4[]: [1, 2, 3]
                parameter doc jsonb: {'a': 1, 'b': [True, None, 'x']}
                parameters in expressions: (42, 'hi!', Decimal('0.50'), True, True, datetime.date(2024, 2, 29), True)
                parameter in WHERE: [("ada's",)]
                executemany rowcount: 5
                executemany rows: [(10, 'n0', Decimal('0.00')), (11, 'n1', Decimal('0.25')), (12, 'n2', Decimal('0.50')), (13, 'n3', Decimal('0.75')), (14, 'n4', Decimal('1.00'))]
                inside a transaction: 'INTRANS'
                uncommitted rows elsewhere: (0,)
                committed by transaction(): (2,)
                rolled back by Rollback: (2,)
                autocommit off opens a transaction: 'INTRANS'
                after rollback(): (2,)
                before commit(): (2,)
                after commit(): (3,)
                own writes in the transaction: (3,)
                failed inner transaction: UniqueViolation 23505
                after the failed inner transaction: 'INTRANS'
                rows after the inner transactions: [(25,), (26,)]
                nested rows elsewhere before commit: []
                committed by the outer transaction(): [(25,), (26,)]
                division by zero: DivisionByZero 22012 division by zero
                division by zero is DivisionByZero: True
                sqlstate: '22012'
                usable after an error: (2,)
                duplicate key: UniqueViolation 23505 duplicate key value violates unique constraint "items_pkey"
                undefined table: UndefinedTable 42P01 relation "nowhere" does not exist
                bad input: InvalidTextRepresentation 22P02 invalid input syntax for type integer: "x"
                error in a transaction: DivisionByZero 22012 division by zero
                transaction failed: 'INERROR'
                statement after the error: InFailedSqlTransaction 25P02 current transaction is aborted, commands ignored until end of transaction block
                usable after rollback(): (3,)
                copy rowcount: 3000
                copied rows: (3002, 2572, Decimal('482357.250'))
                copied text: [(1000, 'row 1000\\t\\\\', Decimal('125.000')), (3001, 'comma, and "quotes"', None), (3002, None, None)]
                copy to stdout: [('1', 'row 1'), ('2', 'row 2'), ('3', 'row 3')]
                cursor description: ['id', 'label']
                fetchmany sizes: [700, 700, 700, 700, 200]
                first and last rows: ((1, 'row 1'), (3000, 'row 3000\\t\\\\'))
                iterated: 4507503
                binary columns: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
                binary int: (42, -7)
                binary text: 'tëxt'
                binary numeric: (Decimal('12.34'), Decimal('-0.001'), Decimal('10000'), Decimal('123456789.123456789'), Decimal('0'), Decimal('12.50'))
                binary timestamptz: datetime.datetime(2024, 1, 2, 3, 4, 5, 500000, tzinfo=datetime.timezone.utc)
                binary bool: (True, False)
                binary uuid: UUID('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')
                binary timestamp, date, bytea: (datetime.datetime(2024, 1, 2, 3, 4, 5, 678000), datetime.date(2024, 1, 2), b'\\x00\\x01\\xfe\\xff')
                binary int[], jsonb: ([1, 2, 3], {'a': 1, 'b': [True, None, 'x']})
                text results on a binary cursor: (5, 'five')
                interval parameters: [(datetime.timedelta(days=1, seconds=7200, microseconds=5),), (datetime.timedelta(days=-1, seconds=86310),)]
                interval text: [('1 day 02:00:00.000005',), ('-1 days +23:58:30',)]
                binary interval: (datetime.timedelta(days=1, seconds=7200, microseconds=5), datetime.timedelta(days=2, seconds=14400, microseconds=10), datetime.timedelta(days=30, seconds=36000))
                all checks passed
                """, out.substring(first.length() + 1));
        }
    }
}
