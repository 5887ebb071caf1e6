package io.millrace.slt;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The outcome of one script.
 *
 * @param file the script's name
 * @param passed records that passed
 * @param failed records that failed (a parse error or an unreachable server counts as one)
 * @param skipped records skipped by {@code skipif}/{@code onlyif}
 * @param queriesPassed of the records that passed, the queries
 * @param queriesFailed of the records that failed, the queries
 * @param millis wall-clock time
 * @param failures one entry per failed record
 */
public record FileResult(String file, int passed, int failed, int skipped, int queriesPassed, int queriesFailed,
        long millis, List<Failure> failures) {
    public FileResult {
        requireNonNull(file, "file is null");
        failures = List.copyOf(failures);
    }

    /** Records run: passed plus failed. */
    public int run() {
        return passed + failed;
    }

    /** {@code file: N passed, N failed, N skipped, queries N/N (ms)}. */
    public String summary() {
        return file + ": " + passed + " passed, " + failed + " failed, " + skipped + " skipped, queries "
                + queriesPassed + "/" + (queriesPassed + queriesFailed) + " (" + millis + " ms)";
    }
}
