package io.millrace.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTokenizerTest {
    private static List<String> identifiers(String sql) {
        return SqlTokenizer.tokenize(sql).stream()
                .filter(SqlTokenizer.Token::isIdentifier)
                .map(SqlTokenizer.Token::text)
                .toList();
    }

    @Test
    void foldsUnquotedAndKeepsQuotedIdentifiers() {
        assertEquals(List.of("select", "a", "from", "t1", "Mixed", "x\"y"),
                identifiers("SELECT A FROM T1, \"Mixed\", \"x\"\"y\""));
    }

    @Test
    void skipsLiteralsAndComments() {
        assertEquals(List.of("select", "from", "u"),
                identifiers("SELECT 't1 it''s', E'\\'t2', $$t3$$, $tag$ t4 $tag$ /* t5 /* t6 */ t7 */ FROM u -- t8"));
    }

    @Test
    void numbersAndParametersAreNotIdentifiers() {
        assertEquals(List.of("select", "as", "x"), identifiers("SELECT 1e+5, .5, 3.25, $1 AS x"));
    }
}
