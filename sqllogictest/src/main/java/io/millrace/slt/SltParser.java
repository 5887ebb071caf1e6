package io.millrace.slt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the SQLite sqllogictest format into {@link SltRecord}s.
 *
 * <p>The rules follow the reference runner: records are separated by blank lines (a line of only
 * white space is blank); a line starting with {@code #} is a comment wherever it appears and is
 * dropped without ending the record; {@code skipif}/{@code onlyif} lines stand directly in front of
 * the record they guard; a query's SQL runs until {@code ----} or the end of the record and its
 * expected values follow the separator, one per line.
 */
public final class SltParser {
    private final String[] lines;
    private int next; // index of the next unread line

    private SltParser(String text) {
        this.lines = text.split("\r?\n", -1);
    }

    /** Parses a whole script. */
    public static SltScript parse(String name, String text) throws SltParseException {
        return new SltScript(name, new SltParser(text).records());
    }

    private List<SltRecord> records() throws SltParseException {
        List<SltRecord> records = new ArrayList<>();
        while (true) {
            skipBlankLines();
            if (next >= lines.length) {
                return records;
            }
            records.add(record());
        }
    }

    private SltRecord record() throws SltParseException {
        List<SltRecord.Condition> conditions = new ArrayList<>();
        while (true) {
            int lineNo = next + 1;
            String[] tokens = tokens(lines[next++]);
            String kind = tokens[0];
            switch (kind) {
                case "skipif", "onlyif" -> {
                    if (tokens.length < 2) {
                        throw new SltParseException(lineNo, kind + " needs an engine name");
                    }
                    conditions.add(new SltRecord.Condition(kind.equals("onlyif"), tokens[1]));
                    if (atRecordEnd()) {
                        throw new SltParseException(lineNo, kind + " is not followed by a record");
                    }
                }
                case "statement" -> {
                    return statement(lineNo, tokens, conditions);
                }
                case "query" -> {
                    return query(lineNo, tokens, conditions);
                }
                case "hash-threshold" -> {
                    if (tokens.length < 2) {
                        throw new SltParseException(lineNo, "hash-threshold needs a number");
                    }
                    int threshold;
                    try {
                        threshold = Integer.parseInt(tokens[1]);
                    } catch (NumberFormatException e) {
                        throw new SltParseException(lineNo, "bad hash-threshold: " + tokens[1]);
                    }
                    skipRestOfRecord();
                    return new SltRecord.HashThreshold(lineNo, conditions, threshold);
                }
                case "halt" -> {
                    skipRestOfRecord();
                    return new SltRecord.Halt(lineNo, conditions);
                }
                default -> throw new SltParseException(lineNo, "unknown record type: '" + kind + "'");
            }
        }
    }

    private SltRecord.Statement statement(int lineNo, String[] tokens, List<SltRecord.Condition> conditions)
            throws SltParseException {
        boolean expectError;
        if (tokens.length >= 2 && tokens[1].equals("ok")) {
            expectError = false;
        } else if (tokens.length >= 2 && tokens[1].equals("error")) {
            expectError = true;
        } else {
            throw new SltParseException(lineNo, "statement must be followed by 'ok' or 'error'");
        }
        String pattern = String.join(" ", Arrays.asList(tokens).subList(2, tokens.length));
        List<String> sql = new ArrayList<>();
        while (!atRecordEnd()) {
            String line = lines[next++];
            if (line.equals("----")) {
                List<String> message = restOfRecord();
                if (pattern.isEmpty()) {
                    pattern = String.join("\n", message);
                }
                break;
            }
            sql.add(line);
        }
        if (sql.isEmpty()) {
            throw new SltParseException(lineNo, "statement without SQL");
        }
        return new SltRecord.Statement(lineNo, conditions, String.join("\n", sql), expectError, pattern);
    }

    private SltRecord.Query query(int lineNo, String[] tokens, List<SltRecord.Condition> conditions)
            throws SltParseException {
        if (tokens.length < 2) {
            throw new SltParseException(lineNo, "query without a type string");
        }
        String types = tokens[1];
        for (char c : types.toCharArray()) {
            if (c != 'I' && c != 'R' && c != 'T') {
                throw new SltParseException(lineNo, "unknown type character '" + c + "' in type string");
            }
        }
        SortMode sort = SortMode.NOSORT;
        String label = null;
        int i = 2;
        if (i < tokens.length && SortMode.fromToken(tokens[i]) != null) {
            sort = SortMode.fromToken(tokens[i++]);
        }
        if (i < tokens.length && !tokens[i].startsWith("#")) {
            label = tokens[i];
        }
        List<String> sql = new ArrayList<>();
        List<String> expected = null;
        while (!atRecordEnd()) {
            String line = lines[next++];
            if (line.equals("----")) {
                expected = restOfRecord();
                break;
            }
            sql.add(line);
        }
        if (sql.isEmpty()) {
            throw new SltParseException(lineNo, "query without SQL");
        }
        return new SltRecord.Query(lineNo, conditions, types, sort, label, String.join("\n", sql), expected);
    }

    /** Skips comment lines, then tells whether the record ends here (blank line or end of text). */
    private boolean atRecordEnd() {
        while (next < lines.length && isComment(lines[next])) {
            next++;
        }
        return next >= lines.length || isBlank(lines[next]);
    }

    private List<String> restOfRecord() {
        List<String> rest = new ArrayList<>();
        while (!atRecordEnd()) {
            rest.add(lines[next++]);
        }
        return rest;
    }

    private void skipRestOfRecord() {
        restOfRecord();
    }

    private void skipBlankLines() {
        while (next < lines.length && (isBlank(lines[next]) || isComment(lines[next]))) {
            next++;
        }
    }

    private static boolean isComment(String line) {
        return line.startsWith("#");
    }

    private static boolean isBlank(String line) {
        return line.isBlank();
    }

    private static String[] tokens(String line) {
        return line.strip().split("\\s+");
    }
}
