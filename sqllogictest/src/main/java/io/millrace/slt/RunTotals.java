package io.millrace.slt;

import java.util.List;

/** The outcome of several scripts. */
public record RunTotals(List<FileResult> files) {
    public RunTotals {
        files = List.copyOf(files);
    }

    public int passed() {
        return files.stream().mapToInt(FileResult::passed).sum();
    }

    public int failed() {
        return files.stream().mapToInt(FileResult::failed).sum();
    }

    public int skipped() {
        return files.stream().mapToInt(FileResult::skipped).sum();
    }

    public int queriesPassed() {
        return files.stream().mapToInt(FileResult::queriesPassed).sum();
    }

    public int queriesFailed() {
        return files.stream().mapToInt(FileResult::queriesFailed).sum();
    }

    /** {@code queries: N passed, N failed (P%)}: query records only, without statements. */
    public String querySummary() {
        int run = queriesPassed() + queriesFailed();
        return String.format(java.util.Locale.ROOT, "queries: %d passed, %d failed (%.3f%%)", queriesPassed(),
                queriesFailed(), 100.0 * queriesPassed() / Math.max(1, run));
    }

    /** Every failure of every file, in run order. */
    public List<Failure> failures() {
        return files.stream().flatMap(f -> f.failures().stream()).toList();
    }

    /** {@code N passed, N failed}. */
    public String summary() {
        return passed() + " passed, " + failed() + " failed";
    }

    /** The summary followed by the first {@code limit} failures, for assertion messages. */
    public String report(int limit) {
        StringBuilder sb = new StringBuilder(summary()).append('\n');
        List<Failure> all = failures();
        for (int i = 0; i < Math.min(limit, all.size()); i++) {
            sb.append(all.get(i).describe());
        }
        if (all.size() > limit) {
            sb.append("... and ").append(all.size() - limit).append(" more failures\n");
        }
        return sb.toString();
    }
}
