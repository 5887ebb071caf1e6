package io.millrace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: --help, bad flags, a second server on the same data directory. */
class LauncherTest {
    @TempDir
    Path dir;

    private static ProcessResult run(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "did not exit");
        return new ProcessResult(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record ProcessResult(int exit, String output) {
    }

    @Test
    void helpListsTheFlags() throws Exception {
        ProcessResult r = run("--help");
        assertEquals(0, r.exit());
        for (String flag : List.of("--host", "--port", "--data-dir", "--user", "--database", "--workers")) {
            assertTrue(r.output().contains(flag), flag + " missing from:\n" + r.output());
        }
    }

    @Test
    void unknownFlagAndNonLoopbackHostAreRefused() throws Exception {
        ProcessResult r = run("--bogus", "1");
        assertEquals(2, r.exit());
        assertTrue(r.output().contains("unknown flag --bogus"), r.output());
        r = run("--host", "0.0.0.0");
        assertEquals(2, r.exit());
        assertTrue(r.output().contains("refusing to listen on 0.0.0.0"), r.output());
    }

    @Test
    void sigtermStopsTheServerCleanly() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("server.log");
        Process p = new ProcessBuilder(javaBin, "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "--port", "0", "--metrics-port", "-1",
                "--data-dir", dir.resolve("data").toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.readString(log).contains("is ready") && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "did not stop on SIGTERM");
        String output = Files.readString(log);
        assertTrue(output.contains("closed store"), output);
        assertTrue(output.contains("stopped"), output);
        // The data directory is free again.
        try (TestServer again = TestServer.start(dir.resolve("data"))) {
            assertTrue(again.port() > 0);
        }
    }

    @Test
    void secondServerOnTheSameDataDirIsRefused() throws Exception {
        try (TestServer first = TestServer.start(dir)) {
            ProcessResult r = run("--port", "0", "--metrics-port", "-1", "--data-dir", dir.toString());
            assertEquals(1, r.exit());
            assertTrue(r.output().contains("is in use by another Millrace server"), r.output());
        }
    }
}
