package dev.salvo.internal.report;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes JSON text, escaping every string. Containers nested at least {@code inlineDepth}
 * deep are written on one line, so a burst of many requests gives one line per request.
 * Not API.
 */
final class JsonWriter {

    private final StringBuilder out = new StringBuilder();
    private final int inlineDepth;
    /** One entry per open container: whether it holds no member yet. */
    private final Deque<Boolean> empty = new ArrayDeque<>();
    private boolean afterName;

    JsonWriter(int inlineDepth) {
        this.inlineDepth = inlineDepth;
    }

    JsonWriter beginObject() {
        return open('{');
    }

    JsonWriter endObject() {
        return close('}');
    }

    JsonWriter beginArray() {
        return open('[');
    }

    JsonWriter endArray() {
        return close(']');
    }

    JsonWriter name(String name) {
        separate();
        string(name);
        out.append(inline() ? ":" : ": ");
        afterName = true;
        return this;
    }

    JsonWriter value(String value) {
        if (value == null) {
            return nullValue();
        }
        separate();
        string(value);
        return this;
    }

    JsonWriter value(long value) {
        separate();
        out.append(value);
        return this;
    }

    JsonWriter value(boolean value) {
        separate();
        out.append(value);
        return this;
    }

    /** @param number a JSON number, e.g. from {@link dev.salvo.internal.text.Format#exactMillis} */
    JsonWriter number(String number) {
        separate();
        out.append(number);
        return this;
    }

    JsonWriter nullValue() {
        separate();
        out.append("null");
        return this;
    }

    /** @return the JSON text; every container must be closed */
    String text() {
        if (!empty.isEmpty()) {
            throw new IllegalStateException(empty.size() + " JSON container(s) left open");
        }
        return out.append('\n').toString();
    }

    private JsonWriter open(char bracket) {
        separate();
        out.append(bracket);
        empty.push(true);
        return this;
    }

    private JsonWriter close(char bracket) {
        boolean wasEmpty = empty.pop();
        if (!wasEmpty && !inlineAt(empty.size())) {
            newline(empty.size());
        }
        out.append(bracket);
        return this;
    }

    /** Writes the comma and line break a new member needs. */
    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (empty.isEmpty()) {
            return;
        }
        if (!empty.peek()) {
            out.append(',');
        }
        empty.pop();
        empty.push(false);
        if (!inline()) {
            newline(empty.size());
        }
    }

    private boolean inline() {
        return inlineAt(empty.size() - 1);
    }

    private boolean inlineAt(int depth) {
        return depth >= inlineDepth;
    }

    private void newline(int depth) {
        out.append('\n');
        out.append("  ".repeat(depth));
    }

    private void string(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || isLoneSurrogate(text, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean isLoneSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return false;
    }
}
