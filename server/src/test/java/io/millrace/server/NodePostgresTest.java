package io.millrace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * node-postgres (npm {@code pg} and {@code pg-cursor}) against a real server: the suite in
 * clients/node, run with Node's test runner. Its packages are installed with npm on first use.
 */
class NodePostgresTest {
    private static final Path CLIENT = Path.of("..", "clients", "node");

    private static String run(List<String> command, java.util.Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(CLIENT.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "timed out: " + command);
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + out);
        return out;
    }

    private static void installPackages() throws Exception {
        if (!Files.isDirectory(CLIENT.resolve("node_modules").resolve("pg-cursor"))) {
            run(List.of("npm", "install", "--no-audit", "--no-fund"), java.util.Map.of());
        }
    }

    @Test
    void nodePostgresSuitePasses() throws Exception {
        installPackages();
        try (TestServer server = TestServer.startTemporary()) {
            String out = run(List.of("node", "--test"), java.util.Map.of("PGHOST", "127.0.0.1", "PGPORT",
                    Integer.toString(server.port()), "PGUSER", "millrace", "PGDATABASE", "millrace"));
            assertTrue(out.contains("# fail 0"), out);
            assertTrue(out.contains("# pass 5"), out);
        } catch (IOException e) {
            throw new AssertionError("node and npm are needed (.ci/run installs them)", e);
        }
    }
}
