package dev.salvo.internal.gate;

import java.util.Locale;
import java.util.Set;

/**
 * What one SQL statement does, as far as the gate cares: does it write (or take a write lock),
 * or does it only read. Read from the statement's words, outside string literals, quoted
 * identifiers and comments; a statement it cannot place counts as a read, which the gate never
 * holds. Not API.
 */
enum SqlKind {

    /** Reads only: a plain {@code SELECT}, {@code VALUES}, {@code SHOW}, a transaction command. */
    READ,
    /**
     * Changes data or takes a lock a later write would need: {@code INSERT}, {@code UPDATE},
     * {@code DELETE}, {@code MERGE}, {@code UPSERT}, {@code REPLACE}, DDL, {@code CALL}, a
     * {@code SELECT ... FOR UPDATE} (or {@code FOR SHARE}, {@code LOCK IN SHARE MODE}, an
     * {@code UPDLOCK} hint), and a {@code WITH} whose body changes data.
     */
    WRITE;

    private static final Set<String> WRITING_VERBS = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE",
            "TRUNCATE", "CREATE", "ALTER", "DROP", "RENAME", "COMMENT", "GRANT", "REVOKE", "LOCK", "CALL", "EXEC",
            "EXECUTE", "COPY", "LOAD", "IMPORT", "REFRESH", "REINDEX", "VACUUM", "CLUSTER");
    private static final Set<String> CHANGING_WORDS = Set.of("INSERT", "UPDATE", "DELETE", "MERGE");
    private static final Set<String> LOCK_HINTS = Set.of("UPDLOCK", "XLOCK", "HOLDLOCK", "TABLOCKX");

    /**
     * @param sql one statement, or {@code null} when not known
     * @return what it does; {@link #READ} for {@code null} or blank text
     */
    static SqlKind of(String sql) {
        if (sql == null) {
            return READ;
        }
        Words words = new Words(sql);
        String first = words.next();
        if (first == null) {
            return READ;
        }
        if (first.equals("{")) {
            return WRITE; // a JDBC escape: {call ...} or {? = call ...}
        }
        if (WRITING_VERBS.contains(first)) {
            return WRITE;
        }
        if (!first.equals("SELECT") && !first.equals("WITH") && !first.equals("TABLE") && !first.equals("VALUES")) {
            return READ;
        }
        boolean with = first.equals("WITH");
        String previous = first;
        String beforePrevious = null;
        for (String word = words.next(); word != null; word = words.next()) {
            if (with && CHANGING_WORDS.contains(word)) {
                return WRITE; // a data-changing common table expression
            }
            if (LOCK_HINTS.contains(word)) {
                return WRITE;
            }
            boolean forUpdate = previous.equals("FOR") && (word.equals("UPDATE") || word.equals("SHARE"))
                    || previous.equals("KEY") && beforePrevious != null && beforePrevious.equals("NO") && word.equals("UPDATE")
                    || previous.equals("KEY") && word.equals("SHARE")
                    || previous.equals("SHARE") && word.equals("MODE") && "IN".equals(beforePrevious);
            if (forUpdate) {
                return WRITE;
            }
            beforePrevious = previous;
            previous = word;
        }
        return READ;
    }

    /** The words of a statement, upper case, skipping literals, quoted names and comments. */
    private static final class Words {

        private final String sql;
        private int at;

        Words(String sql) {
            this.sql = sql;
        }

        /** @return the next word in upper case, "{" for a JDBC escape, or {@code null} at the end */
        String next() {
            while (at < sql.length()) {
                char c = sql.charAt(at);
                if (Character.isLetter(c) || c == '_') {
                    int start = at;
                    while (at < sql.length() && (Character.isLetterOrDigit(sql.charAt(at)) || sql.charAt(at) == '_')) {
                        at++;
                    }
                    return sql.substring(start, at).toUpperCase(Locale.ROOT);
                }
                if (c == '{') {
                    at++;
                    return "{";
                }
                if (c == '-' && at + 1 < sql.length() && sql.charAt(at + 1) == '-') {
                    int end = sql.indexOf('\n', at);
                    at = end < 0 ? sql.length() : end + 1;
                } else if (c == '/' && at + 1 < sql.length() && sql.charAt(at + 1) == '*') {
                    int end = sql.indexOf("*/", at + 2);
                    at = end < 0 ? sql.length() : end + 2;
                } else if (c == '\'' || c == '"' || c == '`') {
                    skipQuoted(c);
                } else if (c == '[') {
                    int end = sql.indexOf(']', at + 1);
                    at = end < 0 ? sql.length() : end + 1;
                } else if (c == '$' && dollarQuoted()) {
                    continue;
                } else {
                    at++;
                }
            }
            return null;
        }

        /** Skips a quoted text whose quote is doubled inside it ('it''s'), and a backslash escape. */
        private void skipQuoted(char quote) {
            at++;
            while (at < sql.length()) {
                char c = sql.charAt(at);
                if (c == '\\' && quote == '\'') {
                    at += 2;
                } else if (c == quote) {
                    if (at + 1 < sql.length() && sql.charAt(at + 1) == quote) {
                        at += 2;
                    } else {
                        at++;
                        return;
                    }
                } else {
                    at++;
                }
            }
        }

        /** Skips a PostgreSQL dollar-quoted text ($$...$$ or $tag$...$tag$), if one starts here. */
        private boolean dollarQuoted() {
            int close = sql.indexOf('$', at + 1);
            if (close < 0) {
                return false;
            }
            String tag = sql.substring(at, close + 1);
            for (int i = 1; i < tag.length() - 1; i++) {
                if (!Character.isLetterOrDigit(tag.charAt(i)) && tag.charAt(i) != '_') {
                    return false; // $1, a parameter, or something else
                }
            }
            if (tag.length() > 2 && Character.isDigit(tag.charAt(1))) {
                return false;
            }
            int end = sql.indexOf(tag, close + 1);
            at = end < 0 ? sql.length() : end + tag.length();
            return true;
        }
    }
}
