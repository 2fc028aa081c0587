package uk.nhs.incidents.notification.domain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.PrimitiveIterator;

/**
 * A subject as the mail client is given it. The client encodes a subject beyond ASCII one UTF-16 unit at a time, so a
 * character beyond the Basic Multilingual Plane (an emoji, a rare CJK character), two units, reached the reader as
 * "??". A subject holding one is handed over already encoded (RFC 2047: base64 of whole characters' UTF-8, in
 * encoded words of at most 75 characters), which the client sends as it is, being ASCII. The client refuses a line
 * break in a subject, so the words share one line, kept within the 998 characters a header line may hold: a subject
 * longer than that encoded ends with an ellipsis. So is a subject holding "=?", which the client would pass as it is
 * and readers would decode as an encoded word of its own. Other subjects the client encodes well, and are left to it.
 */
public final class MailSubject {

    /** The UTF-8 bytes one encoded word carries: 60 characters of base64, 72 with its delimiters. */
    private static final int WORD_BYTES = 45;
    /** Room for the encoded words on the subject's line, after "Subject: ", with a margin for the ellipsis. */
    private static final int LINE = 960;
    private static final String ELLIPSIS = encoded("\u2026".getBytes(StandardCharsets.UTF_8));

    private MailSubject() {
    }

    public static String of(String subject) {
        // An ASCII title holding "=?" is text the client passes as it is, which readers would decode as a word.
        if (subject.codePoints().noneMatch(Character::isSupplementaryCodePoint) && !subject.contains("=?")) {
            return subject;
        }
        StringBuilder line = new StringBuilder();
        ByteArrayOutputStream word = new ByteArrayOutputStream();
        PrimitiveIterator.OfInt codePoints = subject.codePoints().iterator();
        while (codePoints.hasNext()) {
            byte[] character = Character.toString(codePoints.nextInt()).getBytes(StandardCharsets.UTF_8);
            if (word.size() + character.length > WORD_BYTES) {
                if (!fits(line, word)) {
                    return line.append(' ').append(ELLIPSIS).toString();
                }
                append(line, word);
            }
            word.writeBytes(character);
        }
        if (!fits(line, word)) {
            return line.append(' ').append(ELLIPSIS).toString();
        }
        append(line, word);
        return line.toString();
    }

    private static boolean fits(StringBuilder line, ByteArrayOutputStream word) {
        return line.length() + 1 + encoded(word.toByteArray()).length() <= LINE;
    }

    private static void append(StringBuilder line, ByteArrayOutputStream word) {
        line.append(line.isEmpty() ? "" : " ").append(encoded(word.toByteArray()));
        word.reset();
    }

    private static String encoded(byte[] bytes) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(bytes) + "?=";
    }
}
