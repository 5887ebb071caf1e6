package io.millrace.slt;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Completion: runs a script in query mode and rewrites it with the results the server returned
 * after each query's {@code ----}, as the reference runner's completion mode does. This is how
 * expected results are written: against a reference server (PostgreSQL), then reviewed by a person.
 * Everything but the result lines of queries is kept as written.
 */
public final class SltCompleter {
    private SltCompleter() {}

    /**
     * Completes {@code file} in place. Returns the number of records that failed; a failed
     * statement or query is reported on {@code err} and its record is left as it was.
     */
    public static int complete(Path file, String jdbcUrl, SltRunner.Options options, PrintStream err)
            throws IOException {
        Map<Integer, List<String>> results = new HashMap<>();
        SltRunner.Options queryMode = options.withMode(SltRunner.Mode.QUERY).withStopOnFirstFailure(false);
        FileResult r = new FileRun(queryMode, SltSource.file(file), jdbcUrl, options.user(), options.password(),
                (query, lines, error) -> {
                    if (lines != null) {
                        results.put(query.line(), lines);
                    }
                }).run();
        int problems = 0;
        for (Integer line : List.copyOf(results.keySet())) {
            for (String value : results.get(line)) {
                if (value.isBlank() || value.startsWith("#")) {
                    // Such a line would end the record or be read as a comment: leave the record alone.
                    err.println(file + ":" + line + ": result value '" + value
                            + "' cannot be written as a result line; reshape the query (e.g. '[' || x || ']')");
                    results.remove(line);
                    problems++;
                    break;
                }
            }
        }
        for (Failure f : r.failures()) {
            if (f.message().startsWith("wrong result")) {
                continue; // that is what completion fixes
            }
            problems++;
            err.println(f.describe());
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, rewrite(text, results), StandardCharsets.UTF_8);
        return problems;
    }

    /** Replaces the result lines of the queries starting at the given (1-based) lines. */
    static String rewrite(String text, Map<Integer, List<String>> results) {
        String[] lines = text.split("\r?\n", -1);
        List<String> out = new ArrayList<>(lines.length);
        int i = 0;
        while (i < lines.length) {
            List<String> result = results.get(i + 1);
            if (result == null) {
                out.add(lines[i++]);
                continue;
            }
            out.add(lines[i++]); // the query header
            while (i < lines.length && !lines[i].isBlank() && !lines[i].equals("----")) {
                out.add(lines[i++]);
            }
            if (i < lines.length && lines[i].equals("----")) {
                i++;
                while (i < lines.length && !lines[i].isBlank()) {
                    i++;
                }
            }
            out.add("----");
            out.addAll(result);
        }
        return String.join("\n", out);
    }
}
