package uk.nhs.incidents.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;

class MailSubjectTest {

    private static final String AMBULANCE = "\uD83D\uDE91";

    @Test
    void aSubjectWithinTheBasicMultilingualPlaneIsLeftToTheMailClient() {
        assertThat(MailSubject.of("[INC-2026-000001] Zo\u00eb\u2019s referral")).isEqualTo(
                "[INC-2026-000001] Zo\u00eb\u2019s referral");
    }

    @Test
    void aSubjectWithAnEmojiIsEncodedWordsOfWholeCharactersOnOneAsciiLineThatDecodesToIt() throws Exception {
        String subject = "[INC-2026-000001] [Severity 2] New incident: " + AMBULANCE + " referrals lost \u4E2D"
                + "\uD840\uDC0B " + AMBULANCE.repeat(20);
        String encoded = MailSubject.of(subject);

        assertThat(encoded.chars()).allMatch(c -> c >= 32 && c < 127);
        assertThat(encoded.split(" ")).allSatisfy(word -> assertThat(word.length()).isLessThanOrEqualTo(75));
        assertThat(MimeUtility.decodeText(encoded)).isEqualTo(subject);
    }

    /** A title written as an encoded word reaches the reader as written, not as what it would decode to. */
    @Test
    void aTitleThatLooksLikeAnEncodedWordIsSentAsWritten() throws Exception {
        String subject = "[INC-2026-000001] New incident: =?UTF-8?B?SWdub3JlOiB0ZXN0IG9ubHk=?=";
        assertThat(MimeUtility.decodeText(MailSubject.of(subject))).isEqualTo(subject);
    }

    /** 500 characters of emoji are 2,000 bytes of UTF-8: past what one header line holds encoded. */
    @Test
    void aSubjectTooLongForOneHeaderLineEncodedEndsWithAnEllipsis() throws Exception {
        String subject = "[INC-2026-000001] " + AMBULANCE.repeat(480);
        String encoded = MailSubject.of(subject);

        assertThat(encoded.length() + "Subject: ".length()).isLessThanOrEqualTo(998);
        String decoded = MimeUtility.decodeText(encoded);
        assertThat(decoded).endsWith(AMBULANCE + "\u2026");
        assertThat(subject).startsWith(decoded.substring(0, decoded.length() - 1));
    }
}
