package io.millrace.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultFormatTest {
    @Test
    void nullIsNullInEveryType() {
        assertEquals("NULL", ResultFormat.format('I', null, false));
        assertEquals("NULL", ResultFormat.format('R', null, false));
        assertEquals("NULL", ResultFormat.format('T', null, false));
        assertEquals("NULL", ResultFormat.format('I', null, true));
    }

    @Test
    void text() {
        assertEquals("hello world", ResultFormat.format('T', "hello world", false));
        assertEquals("(empty)", ResultFormat.format('T', "", false));
        assertEquals("a@b@c", ResultFormat.format('T', "a\tb\nc", false));
        // Non-ASCII characters are replaced byte by byte of their UTF-8 form: é is two bytes.
        assertEquals("caf@@", ResultFormat.format('T', "café", false));
        assertEquals("@", ResultFormat.format('T', "\u007f", false));
        // Booleans in a T column stay as the server prints them.
        assertEquals("t", ResultFormat.format('T', "t", true));
        assertEquals("1.50", ResultFormat.format('T', "1.50", false));
    }

    @Test
    void integers() {
        assertEquals("42", ResultFormat.format('I', "42", false));
        assertEquals("-7", ResultFormat.format('I', "-7", false));
        assertEquals("9223372036854775807", ResultFormat.format('I', "9223372036854775807", false));
        // A non-integer value is truncated toward zero.
        assertEquals("3", ResultFormat.format('I', "3.9", false));
        assertEquals("-3", ResultFormat.format('I', "-3.9", false));
        assertEquals("2", ResultFormat.format('I', "2.5000000000000000", false));
        assertEquals("0", ResultFormat.format('I', "-0.5", false));
        assertEquals("100000000000000000000", ResultFormat.format('I', "1e+20", false));
        // Text converts like SQLite: its numeric prefix, else 0.
        assertEquals("12", ResultFormat.format('I', "12abc", false));
        assertEquals("0", ResultFormat.format('I', "abc", false));
        assertEquals("0", ResultFormat.format('I', "", false));
        // Booleans are 1 and 0.
        assertEquals("1", ResultFormat.format('I', "t", true));
        assertEquals("0", ResultFormat.format('I', "f", true));
    }

    @Test
    void reals() {
        assertEquals("1.500", ResultFormat.format('R', "1.5", false));
        assertEquals("2.000", ResultFormat.format('R', "2", false));
        assertEquals("-12.346", ResultFormat.format('R', "-12.3456", false));
        assertEquals("0.333", ResultFormat.format('R', "0.3333333333333333", false));
        assertEquals("0.667", ResultFormat.format('R', "0.6666666666666667", false));
        assertEquals("24.500", ResultFormat.format('R', "24.5000000000000000", false));
        // Rounding is on the exact binary value: 1.0005 is stored just below 1.0005.
        assertEquals("1.000", ResultFormat.format('R', "1.0005", false));
        // An exact tie rounds away from zero.
        assertEquals("0.063", ResultFormat.format('R', "0.0625", false));
        // A negative value that rounds to zero keeps its sign; negative zero does not.
        assertEquals("-0.000", ResultFormat.format('R', "-0.0001", false));
        assertEquals("0.000", ResultFormat.format('R', "-0", false));
        assertEquals("100000000000000000000.000", ResultFormat.format('R', "1e+20", false));
        assertEquals("0.000", ResultFormat.format('R', "abc", false));
        assertEquals("1.000", ResultFormat.format('R', "t", true));
        assertEquals("NaN", ResultFormat.format('R', "NaN", false));
        assertEquals("Inf", ResultFormat.format('R', "Infinity", false));
        assertEquals("-Inf", ResultFormat.format('R', "-Infinity", false));
    }

    @Test
    void rowsortSortsRowsAsStringsColumnByColumn() {
        List<String> values = List.of("b", "1", "a", "2", "a", "10", "NULL", "3");
        assertEquals(List.of("NULL", "3", "a", "10", "a", "2", "b", "1"),
                ResultFormat.sort(values, SortMode.ROWSORT, 2));
        assertEquals(List.of("1", "10", "2", "3", "NULL", "a", "a", "b"),
                ResultFormat.sort(values, SortMode.VALUESORT, 2));
        assertEquals(values, ResultFormat.sort(values, SortMode.NOSORT, 2));
    }

    @Test
    void md5OfValuesEachFollowedByNewline() {
        // printf '1\n2\n3\n' | md5sum
        assertEquals("c0710d6b4f15dfa88f600b0e6b624077", ResultFormat.md5(List.of("1", "2", "3")));
        // printf 'NULL\n(empty)\n-0.000\n' | md5sum
        assertEquals("c400b0b6c34607478843c2aa1d30db92", ResultFormat.md5(List.of("NULL", "(empty)", "-0.000")));
        // The MD5 of no input at all.
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", ResultFormat.md5(List.of()));
    }

    @Test
    void hashThresholdDecidesBetweenValuesAndHash() {
        List<String> nine = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            nine.add(Integer.toString(i));
        }
        assertEquals(nine.subList(0, 8), ResultFormat.render(nine.subList(0, 8), 8));
        List<String> hashed = ResultFormat.render(nine, 8);
        assertEquals(1, hashed.size());
        assertTrue(hashed.get(0).startsWith("9 values hashing to "));
        assertTrue(ResultFormat.isHash(hashed));
        assertEquals(nine, ResultFormat.render(nine, 0));
        assertFalse(ResultFormat.isHash(List.of("1", "2")));
        assertFalse(ResultFormat.isHash(List.of("values hashing to x")));
    }

    @Test
    void expectedRowsWithTabsAreSplitIntoValues() {
        assertEquals(List.of("1", "a", "2", "b"), ResultFormat.expectedValues(List.of("1\ta", "2\tb")));
        assertEquals(List.of("1", "a"), ResultFormat.expectedValues(List.of("1", "a")));
    }

    /**
     * The first query of the corpus's select1.test, whose expected result is recorded as a hash:
     * its 30 integer values (computed by hand from the script's 30 rows), formatted and hashed by
     * the rules, give the recorded hash.
     */
    @Test
    void knownCorpusHash() throws Exception {
        SltScript script = SltParser.parse("select1", SltSource.corpusEntry("test/select1.test").read());
        SltRecord.Query first = script.records().stream()
                .filter(r -> r instanceof SltRecord.Query)
                .map(r -> (SltRecord.Query) r)
                .findFirst()
                .orElseThrow();
        assertEquals(94, first.line());
        assertEquals(List.of("30 values hashing to 3c13dee48d9356ae19af2515e05e6b54"), first.expected());

        int[] computed = {1000, 1050, 1120, 1180, 1240, 1290, 1300, 1390, 1430, 1450, 1510, 1580, 1600, 1670, 1700,
            358, 364, 376, 382, 398, 402, 410, 426, 432, 440, 458, 468, 478, 486, 490};
        List<String> values = new ArrayList<>();
        for (int v : computed) {
            values.add(ResultFormat.format('I', Integer.toString(v), false));
        }
        // The query has ORDER BY 1, so the server returns them in numeric order (nosort).
        values.sort((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        assertEquals(first.expected(), ResultFormat.render(values, ResultFormat.DEFAULT_HASH_THRESHOLD));
    }
}
