package io.millrace.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checks the shape of our own suites without a server: they are run against one elsewhere. */
class SltSuitesTest {
    @Test
    void everySuiteParsesAndIsFocused() throws Exception {
        List<Path> suites = SltSuites.paths();
        assertTrue(suites.size() >= 15, "suites: " + suites);
        for (Path p : suites) {
            SltScript script = SltParser.parse(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
            SltScript.Active active = script.active("postgresql");
            assertEquals(0, active.skipped(), p + " skips records");
            long records = active.records().stream()
                    .filter(r -> r instanceof SltRecord.Statement || r instanceof SltRecord.Query)
                    .count();
            assertTrue(records >= 20 && records <= 80, p + " has " + records + " records");
            for (SltRecord r : active.records()) {
                if (r instanceof SltRecord.Query q) {
                    assertNotNull(q.expected(), p + ":" + q.line() + " has no expected result");
                }
            }
        }
    }

    /** View mode must not silently degrade to ad hoc queries: nearly every query becomes a view. */
    @Test
    void viewModeTurnsTheQueriesIntoViews() throws Exception {
        for (Path p : SltSuites.paths()) {
            List<SltRecord> records = SltParser.parse(p.toString(), Files.readString(p)).active("postgresql").records();
            ViewPlan plan = ViewPlan.of(records);
            int queries = 0;
            int views = 0;
            for (int i = 0; i < records.size(); i++) {
                if (records.get(i) instanceof SltRecord.Query) {
                    queries++;
                    if (plan.view(i) != null) {
                        views++;
                    }
                }
            }
            assertEquals(queries, views, p + ": queries that would run ad hoc in view mode");
        }
    }

    /** Suites create differently named relations, so they can share one server even in parallel. */
    @Test
    void suitesDoNotShareRelationNames() throws Exception {
        Map<String, Path> owner = new HashMap<>();
        for (Path p : SltSuites.paths()) {
            List<SltRecord> records = SltParser.parse(p.toString(), Files.readString(p)).active("postgresql").records();
            for (String name : ViewPlan.of(records).createdRelations().keySet()) {
                Path previous = owner.putIfAbsent(name, p);
                assertTrue(previous == null, name + " is created by " + previous + " and " + p);
            }
        }
    }
}
