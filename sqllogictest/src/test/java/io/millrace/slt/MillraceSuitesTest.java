package io.millrace.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.millrace.server.MillraceServer;
import io.millrace.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every feature suite, in query mode and in view mode, against a real Millrace server. */
class MillraceSuitesTest {
    private static MillraceServer server;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("millrace-slt");
        server = MillraceServer.start(ServerConfig.defaults().withPort(0).withMetricsPort(-1).withDataDir(dir)
                .withWorkers(2));
        url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/millrace";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void queryMode() throws Exception {
        RunTotals totals = SltRunner.runAll(SltSuites.paths(), url, SltRunner.Options.defaults()
                .withFailureLog(Path.of("target", "slt-query-failures.txt")));
        assertTrue(totals.passed() > 0);
        assertEquals(0, totals.failed(), totals.report(40));
    }

    @Test
    void viewMode() throws Exception {
        RunTotals totals = SltRunner.runAll(SltSuites.paths(), url, SltRunner.Options.defaults()
                .withMode(SltRunner.Mode.VIEW).withFailureLog(Path.of("target", "slt-view-failures.txt")));
        assertTrue(totals.passed() > 0);
        assertEquals(0, totals.failed(), totals.report(40));
    }
}
