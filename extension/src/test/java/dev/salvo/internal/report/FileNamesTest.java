package dev.salvo.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    private final FileNames names = new FileNames();

    @Test
    void keepsClassAndMethodNamesReadable() {
        assertThat(names.base(Fixtures.test("com.example.CouponTest", "redeem"))).isEqualTo("com.example.CouponTest.redeem");
        assertThat(names.base(Fixtures.test("com.example.Outer$Inner", "m_1"))).isEqualTo("com.example.Outer_Inner.m_1");
    }

    @Test
    void replacesEverythingButLettersDigitsDotsUnderscoresAndDashes() {
        assertThat(FileNames.sanitize("a/b\\c:d*e?f\"g<h>i|j k\u00e9\u0000l")).isEqualTo("a_b_c_d_e_f_g_h_i_j_k__l");
        assertThat(FileNames.sanitize("\ud83d\ude00x")).as("one _ per code point").isEqualTo("_x");
        assertThat(FileNames.sanitize("..hidden")).isEqualTo("_..hidden");
        assertThat(FileNames.sanitize("-rf")).isEqualTo("_-rf");
        assertThat(FileNames.sanitize("")).isEqualTo("_");
    }

    @Test
    void sameTestSameNameOtherTestsNumbered() {
        ReportedTest first = Fixtures.test("com.example.A", "m");
        ReportedTest overload = new ReportedTest(first.uniqueId() + "(int)", "com.example.A", "m", "m(int)");
        ReportedTest otherCase = new ReportedTest("other", "com.example.a", "M", "M()");

        assertThat(names.base(first)).isEqualTo("com.example.A.m");
        assertThat(names.base(overload)).isEqualTo("com.example.A.m-2");
        assertThat(names.base(otherCase)).as("unique ignoring case").isEqualTo("com.example.a.M-3");
        assertThat(names.base(first)).isEqualTo("com.example.A.m");
    }

    @Test
    void emptyNamesStillGiveAFileName() {
        assertThat(names.base(new ReportedTest("z", "", "", ""))).isEqualTo("_.");
    }

    @Test
    void cutsLongNamesAndKeepsThemApart() {
        String longClass = "com.example." + "VeryLong".repeat(40);
        String a = names.base(Fixtures.test(longClass, "first"));
        String b = names.base(Fixtures.test(longClass, "second"));

        assertThat(a).hasSizeLessThanOrEqualTo(FileNames.MAX_BASE + 9).isNotEqualTo(b).doesNotEndWith("-2");
        assertThat(b).hasSizeLessThanOrEqualTo(FileNames.MAX_BASE + 9);
    }
}
