package dev.salvo.internal.report;

import java.util.Objects;

/**
 * The test method a burst belongs to. All rounds of one method share one {@link #uniqueId()}
 * and so one report page. Not API.
 *
 * @param uniqueId identifies the method within the run, e.g. JUnit's unique id of the test template
 * @param className the test class's fully qualified name
 * @param methodName the method's name, without parameters
 * @param displayName how the test runner shows the method
 */
public record ReportedTest(String uniqueId, String className, String methodName, String displayName) {

    public ReportedTest {
        Objects.requireNonNull(uniqueId, "uniqueId");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(methodName, "methodName");
        Objects.requireNonNull(displayName, "displayName");
    }

    /** @return "CouponTest.redeem": the class's simple name (nested classes joined by dots) and the method */
    public String shortName() {
        String simple = className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
        return simple + "." + methodName;
    }
}
