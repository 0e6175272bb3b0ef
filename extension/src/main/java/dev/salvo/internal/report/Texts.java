package dev.salvo.internal.report;

import dev.salvo.internal.text.Failures;

/** Shortening and describing of free text (failure messages) before it goes into a report. Not API. */
final class Texts {

    /** Longest failure message a report repeats; the test output has the whole one. */
    static final int MAX_MESSAGE_CHARS = 2_000;

    private Texts() {}

    /** @return the text, cut to {@code max} characters with a note saying how much was left out */
    static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "\u2026 (" + (text.length() - end) + " more characters)";
    }

    /** @return the failure's message, shortened, or {@code null} */
    static String message(Throwable failure) {
        return cut(Failures.unwrap(failure).getMessage(), MAX_MESSAGE_CHARS);
    }

    /** @return the failure's full class name, behind reflection and future wrappers, for JSON */
    static String type(Throwable failure) {
        return Failures.unwrap(failure).getClass().getName();
    }

    /** @return the failure in the one line Salvo prints it ({@link Failures#describe}), shortened */
    static String describe(Throwable failure) {
        return cut(Failures.describe(failure), MAX_MESSAGE_CHARS);
    }
}
