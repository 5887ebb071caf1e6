package io.millrace.pgwire;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads COPY FROM STDIN data in text or CSV format, as PostgreSQL does, from CopyData chunks that
 * may split lines anywhere. Each complete line becomes a row of Java values typed by the target
 * columns. Line ends are {@code \n} or {@code \r\n}; in text format a line {@code \.} ends the data.
 */
final class CopyDecoder {
    /** The table named in errors' context, as PostgreSQL's "COPY t, line 3". */
    private final String table;
    private final PgResult.CopyFormat format;
    private final List<ResultColumn> columns;
    private final ZoneId zone;

    private byte[] pending = new byte[8192];
    private int pendingLength;
    /** Scan position within {@link #pending}, and the CSV quote state there. */
    private int scanned;
    private boolean inQuote;
    private boolean escaped;
    private long lineNumber;
    private boolean ended;

    CopyDecoder(String table, PgResult.CopyFormat format, List<ResultColumn> columns, ZoneId zone) {
        this.table = table;
        this.format = format;
        this.columns = columns;
        this.zone = zone;
    }

    /** Adds a chunk of data and appends the rows of every line it completes to {@code rows}. */
    void feed(byte[] data, List<Object[]> rows) {
        if (ended) {
            return;
        }
        if (pendingLength + data.length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + data.length));
        }
        System.arraycopy(data, 0, pending, pendingLength, data.length);
        pendingLength += data.length;
        int lineStart = 0;
        byte quote = (byte) format.quote();
        byte escape = (byte) format.escape();
        for (int i = scanned; i < pendingLength && !ended; i++) {
            byte b = pending[i];
            if (format.csv()) {
                if (inQuote) {
                    if (escaped) {
                        escaped = false;
                    } else if (b == escape && escape != quote) {
                        escaped = true;
                    } else if (b == quote) {
                        inQuote = false;
                    }
                    continue;
                }
                if (b == quote) {
                    inQuote = true;
                    continue;
                }
            }
            if (b == '\n') {
                int end = i > lineStart && pending[i - 1] == '\r' ? i - 1 : i;
                line(new String(pending, lineStart, end - lineStart, StandardCharsets.UTF_8), rows);
                lineStart = i + 1;
            }
        }
        if (ended) {
            pendingLength = 0;
            scanned = 0;
            return;
        }
        System.arraycopy(pending, lineStart, pending, 0, pendingLength - lineStart);
        pendingLength -= lineStart;
        scanned = pendingLength;
    }

    /** The client sent CopyDone: a last line without a newline still counts. */
    void finish(List<Object[]> rows) {
        if (!ended && pendingLength > 0) {
            int end = pendingLength;
            if (pending[end - 1] == '\r') {
                end--;
            }
            line(new String(pending, 0, end, StandardCharsets.UTF_8), rows);
        }
        pendingLength = 0;
        ended = true;
    }

    private void line(String line, List<Object[]> rows) {
        lineNumber++;
        if (line.equals("\\.")) {
            ended = true;
            return;
        }
        if (format.header() && lineNumber == 1) {
            return;
        }
        List<String> fields = format.csv() ? csvFields(line) : textFields(line);
        if (fields.size() > columns.size()) {
            throw copyError("extra data after last expected column", null);
        }
        if (fields.size() < columns.size()) {
            throw copyError("missing data for column \"" + columns.get(fields.size()).name() + "\"", null);
        }
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            String field = fields.get(i);
            if (field == null) {
                continue;
            }
            try {
                row[i] = PgValueCodec.decodeText(columns.get(i).type(), field, zone);
            } catch (MillraceException e) {
                throw new CopyDataException(e, "COPY " + table + ", line " + lineNumber + ", column " + columns.get(i).name()
                        + ": \"" + field + "\"");
            }
        }
        rows.add(row);
    }

    private MillraceException copyError(String message, String field) {
        return new CopyDataException(new MillraceException(SqlState.BAD_COPY_FILE_FORMAT, message),
                "COPY " + table + ", line " + lineNumber + (field == null ? "" : ": \"" + field + "\""));
    }

    /** A field error, with the line and column it happened at for the ErrorResponse's context. */
    static final class CopyDataException extends MillraceException {
        private static final long serialVersionUID = 1L;
        private final String where;

        CopyDataException(MillraceException cause, String where) {
            super(cause.sqlState(), cause.getMessage(), cause.position(), cause.detail(), cause.hint(), cause);
            this.where = where;
        }

        String where() {
            return where;
        }
    }

    /** Text format: fields split on the delimiter; backslash escapes; the raw null string is NULL. */
    private List<String> textFields(String line) {
        List<String> fields = new ArrayList<>(columns.size());
        char delimiter = format.delimiter();
        StringBuilder value = new StringBuilder();
        int rawStart = 0;
        int i = 0;
        while (true) {
            if (i == line.length() || line.charAt(i) == delimiter) {
                String raw = line.substring(rawStart, i);
                fields.add(raw.equals(format.nullString()) ? null : value.toString());
                value.setLength(0);
                if (i == line.length()) {
                    return fields;
                }
                rawStart = ++i;
                continue;
            }
            char c = line.charAt(i++);
            if (c != '\\' || i == line.length()) {
                value.append(c);
                continue;
            }
            char e = line.charAt(i++);
            switch (e) {
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'v' -> value.append((char) 0x0B);
                case 'x' -> {
                    int start = i;
                    while (i < line.length() && i - start < 2 && Character.digit(line.charAt(i), 16) >= 0) {
                        i++;
                    }
                    if (i == start) {
                        value.append('x');
                    } else {
                        value.append((char) Integer.parseInt(line.substring(start, i), 16));
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        int digits = 1;
                        while (digits < 3 && i < line.length() && line.charAt(i) >= '0' && line.charAt(i) <= '7') {
                            v = v * 8 + (line.charAt(i++) - '0');
                            digits++;
                        }
                        value.append((char) v);
                    } else {
                        value.append(e);
                    }
                }
            }
        }
    }

    /** CSV: quoted fields may hold delimiters, quotes (escaped) and newlines; unquoted null string is NULL. */
    private List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>(columns.size());
        char delimiter = format.delimiter();
        char quote = format.quote();
        char escape = format.escape();
        StringBuilder value = new StringBuilder();
        int i = 0;
        while (true) {
            value.setLength(0);
            boolean quoted = false;
            int rawStart = i;
            while (i < line.length() && line.charAt(i) != delimiter) {
                char c = line.charAt(i++);
                if (c != quote) {
                    value.append(c);
                    continue;
                }
                quoted = true;
                while (true) {
                    if (i == line.length()) {
                        throw copyError("unterminated CSV quoted field", null);
                    }
                    char q = line.charAt(i++);
                    if (q == escape && i < line.length() && (line.charAt(i) == quote || line.charAt(i) == escape)
                            && (escape != quote || line.charAt(i) == quote)) {
                        value.append(line.charAt(i++));
                    } else if (q == quote) {
                        break;
                    } else {
                        value.append(q);
                    }
                }
            }
            String raw = line.substring(rawStart, i);
            fields.add(!quoted && raw.equals(format.nullString()) ? null : value.toString());
            if (i == line.length()) {
                return fields;
            }
            i++;
        }
    }
}
