package dev.salvo.internal.report;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Gives each test method a file name base, readable and unique within the report directory:
 * the class's and the method's names with every character other than letters, digits,
 * {@code . _ -} replaced by {@code _}, and {@code -2}, {@code -3}... added when two methods
 * (overloads, say) would otherwise share a name. Uniqueness ignores case, for file systems
 * that do. A base always holds a dot, so it never clashes with {@code index.html}. Thread-safe. Not API.
 */
final class FileNames {

    /** Longest base; the file system allows 255 bytes, and suffixes follow. */
    static final int MAX_BASE = 150;

    private final Map<String, String> byTest = new HashMap<>();
    private final Set<String> taken = new HashSet<>();

    /** @return the test's base, the same every time for the same unique id */
    synchronized String base(ReportedTest test) {
        String known = byTest.get(test.uniqueId());
        if (known != null) {
            return known;
        }
        String wanted = sanitize(test.className() + "." + test.methodName());
        String candidate = wanted;
        for (int n = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); n++) {
            candidate = wanted + "-" + n;
        }
        byTest.put(test.uniqueId(), candidate);
        return candidate;
    }

    static String sanitize(String name) {
        StringBuilder out = new StringBuilder(Math.min(name.length(), MAX_BASE));
        name.codePoints().limit(MAX_BASE).forEach(c -> {
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
            out.append(plain ? (char) c : '_');
        });
        if (out.length() == 0 || out.charAt(0) == '.' || out.charAt(0) == '-') {
            out.insert(0, '_');
        }
        if (name.codePointCount(0, name.length()) > MAX_BASE) {
            out.append('-').append(Integer.toHexString(name.hashCode()));
        }
        return out.toString();
    }
}
