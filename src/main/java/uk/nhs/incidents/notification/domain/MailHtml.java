package uk.nhs.incidents.notification.domain;

/**
 * An email's HTML body in as few lines as mail allows. The mail client sends a body a line at a time, each line a
 * write of its own that it waits to see flushed, and a relay reads it the same way: a rendered template of a few
 * dozen short lines cost the client and the relay two to three times the CPU of the same HTML on three lines
 * ({@code bench/README.md}). Lines end at whitespace outside tags, where HTML reads a line break as a space, and hold
 * at most {@value #MAX_LINE} characters, the limit of a mail line (RFC 5322). Characters outside ASCII become
 * numeric character references, so that one accented name does not make the client re-encode the whole body as
 * quoted-printable, which wraps it at 76 characters again.
 */
public final class MailHtml {

    /** The longest line mail carries, without its CRLF; the mail client quoted-printable encodes a body beyond it. */
    static final int MAX_LINE = 998;

    private MailHtml() {
    }

    /**
     * {@code html} with its lines joined: each stripped of surrounding whitespace, blank ones dropped, joined by a
     * space, then broken again at a space outside a tag wherever a line would pass {@value #MAX_LINE} characters. A
     * run with no such space is left whole (the client then encodes the body, still correctly). Not for HTML with
     * {@code pre} or {@code textarea} elements, whose line breaks are content, with a {@code >} inside an attribute
     * value, or with {@code style} or {@code script} content beyond ASCII (references are not read there); the
     * notification template has none of these, and what it renders from a message is escaped.
     */
    public static String of(String html) {
        StringBuilder out = new StringBuilder(html.length());
        int lineStart = 0;
        int lastSpace = -1;
        boolean inTag = false;
        for (String line : (Iterable<String>) html.lines()::iterator) {
            String content = stripped(line);
            if (content.isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                if (!inTag) {
                    lastSpace = out.length();
                }
                out.append(' ');
            }
            for (int i = 0; i < content.length(); i = content.offsetByCodePoints(i, 1)) {
                int c = content.codePointAt(i);
                if (c == '<') {
                    inTag = true;
                } else if (c == '>') {
                    inTag = false;
                } else if (c == ' ' && !inTag) {
                    lastSpace = out.length();
                }
                if (c < 128) {
                    out.append((char) c);
                } else {
                    out.append("&#").append(c).append(';');
                }
                if (out.length() - lineStart > MAX_LINE && lastSpace > lineStart) {
                    out.setCharAt(lastSpace, '\n');
                    lineStart = lastSpace + 1;
                }
            }
        }
        return out.append('\n').toString();
    }

    /** The line without the whitespace HTML collapses at its ends (spaces and tabs), keeping any other kind of space. */
    private static String stripped(String line) {
        int start = 0;
        int end = line.length();
        while (start < end && isHtmlSpace(line.charAt(start))) {
            start++;
        }
        while (end > start && isHtmlSpace(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(start, end);
    }

    private static boolean isHtmlSpace(char c) {
        return c == ' ' || c == '\t' || c == '\f';
    }
}
