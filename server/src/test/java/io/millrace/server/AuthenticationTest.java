package io.millrace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/**
 * Roles with passwords, SCRAM-SHA-256 and md5 as pg_hba-style rules choose, and TLS, through
 * pgjdbc and real psql.
 */
class AuthenticationTest {
    @TempDir
    static Path dir;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=localhost", "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1").redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        assertTrue(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0, "openssl failed");
        Path hba = dir.resolve("hba.conf");
        Files.writeString(hba, String.join("\n",
                "# TYPE  DATABASE USER     ADDRESS       METHOD",
                "host    all      millrace 127.0.0.1/32  trust",
                "hostssl all      alice    127.0.0.1/32  scram-sha-256",
                "host    all      bob      127.0.0.1/32  md5",
                "host    all      carol    127.0.0.1/32  reject", ""), StandardCharsets.UTF_8);
        server = TestServer.startTemporary(c -> c.withSecurity(hba, cert, key));
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE alice LOGIN PASSWORD 'alice-secret'");
            s.execute("SET password_encryption = 'md5'");
            s.execute("CREATE USER bob PASSWORD 'bob-secret'");
            s.execute("CREATE ROLE carol LOGIN");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Connection connect(String user, String password, String sslmode) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("sslmode", sslmode);
        p.setProperty("sslrootcert", dir.resolve("server.crt").toString());
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + server.port() + "/millrace", p);
    }

    private static String sqlState(ThrowingConnect connect) {
        PSQLException e = assertThrows(PSQLException.class, connect::run);
        return e.getSQLState() + " " + e.getServerErrorMessage().getMessage();
    }

    private interface ThrowingConnect {
        void run() throws SQLException;
    }

    @Test
    void scramOverTlsWithTheRightPassword() throws SQLException {
        // verify-full connects only over TLS with the server's certificate checked against its name.
        try (Connection c = connect("alice", "alice-secret", "verify-full")) {
            assertEquals(List.of(List.of("alice")), TestServer.rows(c, "SELECT current_user"));
        }
        assertEquals("28P01 password authentication failed for user \"alice\"",
                sqlState(() -> connect("alice", "wrong", "require").close()));
        assertEquals("28000 no pg_hba.conf entry for host \"127.0.0.1\", user \"alice\", database \"millrace\", "
                + "no encryption", sqlState(() -> connect("alice", "alice-secret", "disable").close()));
    }

    @Test
    void md5ForOldClients() throws SQLException {
        try (Connection c = connect("bob", "bob-secret", "disable")) {
            assertEquals(List.of(List.of("bob")), TestServer.rows(c, "SELECT current_user"));
        }
        assertEquals("28P01 password authentication failed for user \"bob\"",
                sqlState(() -> connect("bob", "nope", "disable").close()));
    }

    @Test
    void unknownRolesRejectedRulesAndNoRule() {
        assertTrue(sqlState(() -> connect("carol", "x", "disable").close()).startsWith("28000 pg_hba.conf rejects"));
        assertTrue(sqlState(() -> connect("dave", "x", "disable").close()).startsWith("28000 no pg_hba.conf entry"));
    }

    @Test
    void rolesAreManagedBySuperusersAndSurviveInTheCatalog() throws SQLException {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE temp_role");
            assertEquals(List.of(List.of("temp_role", "f")),
                    TestServer.rows(c, "SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname = 'temp_role'"));
            PSQLException e = assertThrows(PSQLException.class, () -> s.execute("CREATE ROLE temp_role"));
            assertEquals("42710", e.getSQLState());
            s.execute("DROP ROLE temp_role");
            e = assertThrows(PSQLException.class, () -> s.execute("DROP ROLE temp_role"));
            assertEquals("42704", e.getSQLState());
            s.execute("DROP ROLE IF EXISTS temp_role");
        }
        try (Connection c = connect("alice", "alice-secret", "require"); Statement s = c.createStatement()) {
            PSQLException e = assertThrows(PSQLException.class, () -> s.execute("CREATE ROLE mallory SUPERUSER"));
            assertEquals("42501", e.getSQLState());
        }
    }

    @Test
    void psqlWithScramAndVerifyFull() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-At", "-c", "SELECT current_user",
                "host=localhost port=" + server.port() + " user=alice dbname=millrace sslmode=verify-full sslrootcert="
                        + dir.resolve("server.crt")).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", "alice-secret");
        Process psql = pb.start();
        String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(psql.waitFor(60, TimeUnit.SECONDS));
        assertEquals("alice\n", out);
    }
}
