package dev.salvo.internal.junit;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Names methods and fields the way messages show them. Not API. */
final class Describe {

    private Describe() {}

    /** @return "CouponTest.redeem(Responses)" */
    static String method(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName()
                + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                        .collect(Collectors.joining(", ", "(", ")"));
    }

    /** @return "CouponTest.baseUrl" */
    static String field(Field field) {
        return field.getDeclaringClass().getSimpleName() + "." + field.getName();
    }
}
