package io.millrace.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.millrace.server.MillraceServer;
import io.millrace.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A fixed sample of the SQLite corpus, in query mode and in view mode: the first file of every
 * directory, up to its {@value #QUERIES_PER_FILE}th query. Each mode must pass at least the rate
 * reached so far ({@link #MIN_PASS_RATE}), so it cannot slip back, and no query that passes in
 * query mode may fail in view mode. Figures go to {@code target/corpus-sample.txt}.
 */
class CorpusSampleTest {
    static final int QUERIES_PER_FILE = 300;
    /** The pass rate reached on this sample; raise it as failures are fixed, never lower it. */
    static final double MIN_PASS_RATE = 0.998;

    private static MillraceServer server;
    private static String url;
    private static RunTotals queryMode;
    private static RunTotals viewMode;

    @BeforeAll
    static void run() throws IOException {
        Path dir = Files.createTempDirectory("millrace-corpus");
        server = MillraceServer.start(ServerConfig.defaults().withPort(0).withMetricsPort(-1).withDataDir(dir)
                .withWorkers(2));
        url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/millrace";
        List<SltSource> sample = sample();
        SltRunner.Options options = SltRunner.Options.defaults().withMaxQueries(QUERIES_PER_FILE);
        queryMode = new SltRunner(options.withFailureLog(Path.of("target", "corpus-sample-query-failures.txt")))
                .runSources(sample, url, r -> { });
        viewMode = new SltRunner(options.withMode(SltRunner.Mode.VIEW)
                .withFailureLog(Path.of("target", "corpus-sample-view-failures.txt"))).runSources(sample, url, r -> { });
        Files.writeString(Path.of("target", "corpus-sample.txt"), report());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The first corpus file (by name) of every directory. */
    static List<SltSource> sample() throws IOException {
        TreeMap<String, SltSource> firstByDirectory = new TreeMap<>();
        for (SltSource s : SltSource.resolve(SltSource.CORPUS_PREFIX + "test/")) {
            String name = s.name();
            String directory = name.substring(0, name.lastIndexOf('/'));
            firstByDirectory.merge(directory, s, (a, b) -> a.name().compareTo(b.name()) <= 0 ? a : b);
        }
        return new ArrayList<>(firstByDirectory.values());
    }

    private static String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-60s %14s %14s%n", "file (first " + QUERIES_PER_FILE + " queries)",
                "query mode", "view mode"));
        for (int i = 0; i < queryMode.files().size(); i++) {
            FileResult q = queryMode.files().get(i);
            FileResult v = viewMode.files().get(i);
            sb.append(String.format(Locale.ROOT, "%-60s %7d/%-6d %7d/%-6d%n", q.file(), q.passed(), q.run(),
                    v.passed(), v.run()));
        }
        sb.append("query mode: ").append(queryMode.summary()).append(String.format(Locale.ROOT, " (%.2f%%)%n",
                100 * rate(queryMode)));
        sb.append("view mode:  ").append(viewMode.summary()).append(String.format(Locale.ROOT, " (%.2f%%)%n",
                100 * rate(viewMode)));
        return sb.toString();
    }

    private static double rate(RunTotals t) {
        return t.passed() / (double) Math.max(1, t.passed() + t.failed());
    }

    @Test
    void queryModeKeepsItsPassRate() {
        assertTrue(rate(queryMode) >= MIN_PASS_RATE, report() + queryMode.report(20));
    }

    @Test
    void viewModeKeepsItsPassRate() {
        assertTrue(rate(viewMode) >= MIN_PASS_RATE, report() + viewMode.report(20));
    }

    @Test
    void nothingThatPassesAsAQueryFailsAsAView() {
        Set<String> queryFailures = queryMode.failures().stream().map(f -> f.file() + ":" + f.line())
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> onlyInViewMode = viewMode.failures().stream()
                .filter(f -> !queryFailures.contains(f.file() + ":" + f.line()))
                .map(Failure::describe).toList();
        assertEquals(List.of(), onlyInViewMode);
    }
}
