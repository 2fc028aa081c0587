package uk.nhs.incidents.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TextRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\tb", "a\nb", "a\rb", "\u007f", "\u0085", "a\u2028b", "\ud800", "x\udc00",
            "\udc00\ud800", "\u200b", "\ufeff\u200b", " ", "\u3164", "\u0301"})
    void singleLineTextRefusesControlsUnpairedSurrogatesAndInvisibleText(String text) {
        assertThat(TextRules.problem(text, false)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\u000bb", "\ud800", "\n\t", "\u200b\r\n"})
    void multiLineTextRefusesTheSameButTabsAndLineBreaks(String text) {
        assertThat(TextRules.problem(text, true)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Referrals to 111", "Zoë’s café", "\ud83d\ude91 ambulance", "日本語", "e\u0301"})
    void ordinaryTextIsAccepted(String text) {
        assertThat(TextRules.problem(text, false)).isEmpty();
    }

    @Test
    void multiLineTextKeepsTabsAndLineBreaks() {
        assertThat(TextRules.problem("one\r\ntwo\tthree", true)).isEmpty();
    }

    @Test
    void singleLineMakesAnyTextSafeForAHeaderOrALogLine() {
        assertThat(TextRules.singleLine("hdr\r\nBcc: x@example.org\u0000\ud800", 100))
                .isEqualTo("hdr  Bcc: x@example.org  ");
        assertThat(TextRules.singleLine("abcdef", 3)).isEqualTo("abc");
    }

    @Test
    void singleLineCutsShortBeforeACharacterItCannotKeepWhole() {
        assertThat(TextRules.singleLine("ab\ud83d\ude91cd", 3)).isEqualTo("ab");
        assertThat(TextRules.singleLine("ab\ud83d\ude91cd", 4)).isEqualTo("ab\ud83d\ude91");
    }
}
