package uk.nhs.incidents.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the test SMTP server received about one incident, by subject and recipient. */
public final class Inbox {

    private final GreenMail mail;

    public Inbox(GreenMail mail) {
        this.mail = mail;
    }

    public static String incidentMailbox(String ods) {
        return "incidents." + ods.toLowerCase(Locale.ROOT) + "@nhs.example";
    }

    public static String nationalMailbox(String ods) {
        return ods.toLowerCase(Locale.ROOT) + "@nhs.example";
    }

    /** One received message: to whom, its subject and its plain-text body, decoded. */
    public record Received(String to, String subject, String body) {
    }

    /** The first recipient of a received message. */
    public static String to(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the subject of every email about the incident starts with. */
    public static String subjectPrefix(String reference) {
        return "[" + reference + "] ";
    }

    /** Every message whose subject names the incident's reference and contains {@code subjectPart}. */
    public List<Received> about(String reference, String subjectPart) {
        List<Received> found = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            try {
                String subject = message.getSubject();
                if (subject.startsWith(subjectPrefix(reference)) && subject.contains(subjectPart)) {
                    for (var to : message.getRecipients(Message.RecipientType.TO)) {
                        found.add(new Received(to.toString(), subject, text(message)));
                    }
                }
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    /**
     * The plain-text part as its reader sees it: decoded from its transfer encoding, whose soft line breaks may
     * otherwise fall inside the words a test looks for.
     */
    private static String text(MimeMessage message) throws MessagingException, IOException {
        if (message.getContent() instanceof Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                if (parts.getBodyPart(i).isMimeType("text/plain")) {
                    return parts.getBodyPart(i).getContent().toString();
                }
            }
        }
        return GreenMailUtil.getBody(message);
    }

    /** The recipients of the messages about the incident whose subject contains {@code subjectPart}. */
    public List<String> recipients(String reference, String subjectPart) {
        return about(reference, subjectPart).stream().map(Received::to).sorted().toList();
    }
}
