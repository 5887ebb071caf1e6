package io.millrace.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the runner does without a server: it must fail loudly, never pass by default. */
class SltRunnerTest {
    /** Nothing listens on port 1 of the loopback interface. */
    private static final String NO_SERVER = "jdbc:postgresql://127.0.0.1:1/millrace?connectTimeout=5";

    @Test
    void unreachableServerIsAFailure(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("a.slt");
        Files.writeString(script, "statement ok\nSELECT 1\n");
        SltRunner.Options options = SltRunner.Options.defaults().withFailureLog(dir.resolve("failures.txt"));
        RunTotals totals = SltRunner.runAll(List.of(script), NO_SERVER, options);
        assertEquals(0, totals.passed());
        assertEquals(1, totals.failed());
        assertEquals("cannot connect", totals.failures().get(0).message());
        assertTrue(Files.readString(dir.resolve("failures.txt")).contains("cannot connect"));
    }

    @Test
    void malformedScriptIsAFailureAtItsLine(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("bad.slt");
        Files.writeString(script, "statement ok\nSELECT 1\n\nnonsense here\n");
        FileResult r = new SltRunner(SltRunner.Options.defaults()).run(script, NO_SERVER, "millrace", "");
        assertEquals(1, r.failed());
        assertEquals(4, r.failures().get(0).line());
        assertEquals("parse error", r.failures().get(0).message());
    }

    @Test
    void optionsDeriveTheDropStatementOfTheViewDdl() {
        SltRunner.Options o = SltRunner.Options.defaults();
        assertEquals("DROP MATERIALIZED VIEW", o.dropViewDdl());
        assertEquals("DROP VIEW", o.withViewDdl("CREATE VIEW").dropViewDdl());
        assertEquals(Duration.ofSeconds(30), o.statementTimeout());
        assertEquals("postgresql", o.engine());
    }

    @Test
    void commandLineReportsTotalsAndExitCodes(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("a.slt");
        Files.writeString(script, "statement ok\nSELECT 1\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SltMain.run(new String[] {"--url", NO_SERVER, "--mode", "view", script.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, code);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("0 passed, 1 failed", lines.get(lines.size() - 1));

        assertEquals(2, SltMain.run(new String[] {"--mode", "sideways", script.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals(2, SltMain.run(new String[] {},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    }
}
