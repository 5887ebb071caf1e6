package io.millrace.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SltSourceTest {
    @Test
    void corpusJarHoldsTheWholeCorpus() throws Exception {
        List<String> entries = SltSource.corpusEntries();
        assertEquals(622, entries.size());
        assertTrue(entries.contains("test/select1.test"));
        assertTrue(entries.contains("test/index/between/1/slt_good_0.test"));
    }

    @Test
    void corpusPrefixSelectsEntriesInNameOrder() throws Exception {
        List<SltSource> between = SltSource.resolve("corpus:test/index/between/1/");
        assertEquals(List.of("corpus:test/index/between/1/slt_good_0.test"),
                between.stream().map(SltSource::name).toList());
        List<SltSource> evidence = SltSource.resolve("corpus:test/evidence/");
        assertEquals(12, evidence.size());
        assertEquals("corpus:test/evidence/in1.test", evidence.get(0).name());
    }

    @Test
    void corpusFilesAreReadFromTheJarAndParse() throws Exception {
        SltSource select1 = SltSource.resolve("corpus:test/select1.test").get(0);
        String text = select1.read();
        assertTrue(text.startsWith("statement ok\nCREATE TABLE t1"));
        SltScript script = SltParser.parse(select1.name(), text);
        long queries = script.records().stream().filter(r -> r instanceof SltRecord.Query).count();
        assertEquals(1000, queries);
        // A file of the index suite: hash-threshold, skipif/onlyif and labels.
        SltScript view = SltParser.parse("v", SltSource.corpusEntry("test/index/view/10/slt_good_1.test").read());
        assertTrue(view.records().get(0) instanceof SltRecord.HashThreshold);
        assertTrue(view.active("postgresql").skipped() > 0);
    }

    @Test
    void foldersAreSearchedForScripts(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("b/two.slt"), "statement ok\nSELECT 1\n");
        Files.writeString(dir.resolve("a.test"), "statement ok\nSELECT 1\n");
        Files.writeString(dir.resolve("notes.txt"), "not a script");
        List<SltSource> found = SltSource.resolve(dir.toString());
        assertEquals(List.of(dir.resolve("a.test").toString(), dir.resolve("b/two.slt").toString()),
                found.stream().map(SltSource::name).toList());
        assertThrows(IOException.class, () -> SltSource.resolve(dir.resolve("nope.slt").toString()));
    }
}
