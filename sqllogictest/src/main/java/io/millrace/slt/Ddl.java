package io.millrace.slt;

import static java.util.Objects.requireNonNull;

import io.millrace.slt.SqlTokenizer.Token;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one SQL statement does to relations, recognised from its first tokens only: it creates,
 * drops or alters tables, views, materialized views, sequences or sources. Anything else is
 * {@link Action#OTHER}.
 *
 * @param action what the statement does
 * @param kind the relation kind as written in DDL ({@code TABLE}, {@code VIEW},
 *     {@code MATERIALIZED VIEW}, {@code SEQUENCE}, {@code SOURCE}); empty for {@link Action#OTHER}
 * @param names the relations named (one for CREATE and ALTER, one or more for DROP), case-folded
 * @param orReplace {@code CREATE OR REPLACE}
 * @param identifiers every identifier of the statement, case-folded (for dependency guesses)
 */
record Ddl(Action action, String kind, List<String> names, boolean orReplace, Set<String> identifiers) {
    enum Action { CREATE, DROP, ALTER, OTHER }

    Ddl {
        requireNonNull(action, "action is null");
        requireNonNull(kind, "kind is null");
        names = List.copyOf(names);
        identifiers = Set.copyOf(identifiers);
    }

    /** Classifies every statement of a (possibly multi-statement) SQL text. */
    static List<Ddl> classifyAll(String sql) {
        List<Ddl> result = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token t : SqlTokenizer.tokenize(sql)) {
            if (t.isSymbol(";")) {
                if (!current.isEmpty()) {
                    result.add(classify(current));
                }
                current = new ArrayList<>();
            } else {
                current.add(t);
            }
        }
        if (!current.isEmpty()) {
            result.add(classify(current));
        }
        return result;
    }

    static Ddl classify(List<Token> t) {
        Set<String> identifiers = new LinkedHashSet<>();
        for (Token token : t) {
            if (token.isIdentifier()) {
                identifiers.add(token.text());
            }
        }
        Cursor c = new Cursor(t);
        if (c.accept("create")) {
            boolean orReplace = c.accept("or", "replace");
            while (c.acceptAny("temp", "temporary", "unlogged", "global", "local")) {
                // modifiers that do not change what is created
            }
            String kind = c.relationKind();
            if (kind == null) {
                return other(identifiers);
            }
            c.accept("if", "not", "exists");
            String name = c.qualifiedName();
            if (name == null) {
                return other(identifiers);
            }
            return new Ddl(Action.CREATE, kind, List.of(name), orReplace, identifiers);
        }
        if (c.accept("drop")) {
            String kind = c.relationKind();
            if (kind == null) {
                return other(identifiers);
            }
            c.accept("if", "exists");
            List<String> names = new ArrayList<>();
            String name = c.qualifiedName();
            while (name != null) {
                names.add(name);
                name = c.acceptSymbol(",") ? c.qualifiedName() : null;
            }
            return names.isEmpty() ? other(identifiers) : new Ddl(Action.DROP, kind, names, false, identifiers);
        }
        if (c.accept("alter")) {
            String kind = c.relationKind();
            if (kind == null) {
                return other(identifiers);
            }
            c.accept("if", "exists");
            c.accept("only");
            String name = c.qualifiedName();
            return name == null ? other(identifiers) : new Ddl(Action.ALTER, kind, List.of(name), false, identifiers);
        }
        return other(identifiers);
    }

    private static Ddl other(Set<String> identifiers) {
        return new Ddl(Action.OTHER, "", List.of(), false, identifiers);
    }

    private static final class Cursor {
        private final List<Token> tokens;
        private int pos;

        Cursor(List<Token> tokens) {
            this.tokens = tokens;
        }

        /** Consumes the keywords {@code words} if they come next, all of them. */
        boolean accept(String... words) {
            for (int i = 0; i < words.length; i++) {
                if (pos + i >= tokens.size() || !tokens.get(pos + i).is(words[i])) {
                    return false;
                }
            }
            pos += words.length;
            return true;
        }

        boolean acceptAny(String... words) {
            for (String w : words) {
                if (accept(w)) {
                    return true;
                }
            }
            return false;
        }

        boolean acceptSymbol(String symbol) {
            if (pos < tokens.size() && tokens.get(pos).isSymbol(symbol)) {
                pos++;
                return true;
            }
            return false;
        }

        String relationKind() {
            if (accept("materialized", "view")) {
                return "MATERIALIZED VIEW";
            }
            if (accept("table")) {
                return "TABLE";
            }
            if (accept("view")) {
                return "VIEW";
            }
            if (accept("sequence")) {
                return "SEQUENCE";
            }
            if (accept("source")) {
                return "SOURCE";
            }
            return null;
        }

        /** {@code a.b.c} gives {@code c}: relations are matched by their unqualified name. */
        String qualifiedName() {
            if (pos >= tokens.size() || !tokens.get(pos).isIdentifier()) {
                return null;
            }
            String name = tokens.get(pos++).text();
            while (pos + 1 < tokens.size() && tokens.get(pos).isSymbol(".") && tokens.get(pos + 1).isIdentifier()) {
                name = tokens.get(pos + 1).text();
                pos += 2;
            }
            return name;
        }
    }
}
