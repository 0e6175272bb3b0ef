package dev.salvo.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Unwraps and describes failures for messages. Not API. */
public final class Failures {

    private Failures() {}

    /** @return the cause behind reflection and future wrappers */
    public static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof InvocationTargetException
                || current instanceof UndeclaredThrowableException
                || current instanceof CompletionException
                || current instanceof ExecutionException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** @return "SimpleName: message", or the simple name alone */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        String name = failure.getClass().getName();
        return message == null || message.isBlank() ? name : name + ": " + message;
    }
}
