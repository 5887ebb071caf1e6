package io.millrace.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SltCompleterTest {
    @Test
    void replacesOnlyTheResultsOfTheGivenQueries() {
        String text = String.join("\n",
                "# keep me",
                "statement ok",
                "CREATE TABLE t (a INT)",
                "",
                "query I rowsort",
                "SELECT a",
                "FROM t",
                "----",
                "old",
                "",
                "query T nosort",
                "SELECT 'x'",
                "",
                "query I nosort",
                "SELECT 1",
                "----",
                "1",
                "");
        String done = SltCompleter.rewrite(text, Map.of(5, List.of("1", "2"), 11, List.of("x")));
        assertEquals(String.join("\n",
                "# keep me",
                "statement ok",
                "CREATE TABLE t (a INT)",
                "",
                "query I rowsort",
                "SELECT a",
                "FROM t",
                "----",
                "1",
                "2",
                "",
                "query T nosort",
                "SELECT 'x'",
                "----",
                "x",
                "",
                "query I nosort",
                "SELECT 1",
                "----",
                "1",
                ""), done);
    }
}
