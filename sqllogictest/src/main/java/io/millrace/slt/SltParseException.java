package io.millrace.slt;

/** A script that does not follow the sqllogictest record format. */
public final class SltParseException extends Exception {
    private final int line;

    public SltParseException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
