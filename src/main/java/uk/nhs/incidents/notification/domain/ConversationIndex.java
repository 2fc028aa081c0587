package uk.nhs.incidents.notification.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The {@code Thread-Index} header by which Exchange, and so NHSmail and Outlook, puts messages into one conversation
 * whatever their subjects: a 22-byte header naming the conversation (a reserved byte, the start time's 40 high bits
 * as a Windows FILETIME, a GUID) and, for each message after the first, a 5-byte block with its time since then
 * (the PidTagConversationIndex format). Both derive from the incident and the outbox row, never stored: every email
 * about an incident carries the same header, and an email sent again carries the same index.
 */
public final class ConversationIndex {

    /** 100-nanosecond intervals between 1601-01-01 (FILETIME's epoch) and 1970-01-01. */
    private static final long EPOCH_OFFSET = 116_444_736_000_000_000L;
    private static final int HEADER_BYTES = 22;
    private static final int CHILD_BYTES = 5;
    /** A delta of 2^49 intervals or more (about 1.8 years) is kept in coarser units (delta code 1). */
    private static final long FINE_LIMIT = 1L << 49;

    private ConversationIndex() {
    }

    /**
     * The index of one email about an incident: the incident's conversation, raised at {@code raisedAt}, and this
     * message's place in it, written at {@code writtenAt}; {@code variant} (the outbox row) fills the block's
     * otherwise random bits.
     */
    public static String of(String domain, long incidentId, Instant raisedAt, Instant writtenAt, long variant) {
        long start = fileTime(raisedAt) & ~0xFFFFFFL;
        ByteBuffer index = ByteBuffer.allocate(HEADER_BYTES + CHILD_BYTES);
        index.put((byte) 1);
        index.put(ByteBuffer.allocate(Long.BYTES).putLong(start).array(), 0, 5);
        UUID conversation = UUID.nameUUIDFromBytes(("incident/" + incidentId + "@" + domain)
                .getBytes(StandardCharsets.UTF_8));
        index.putLong(conversation.getMostSignificantBits()).putLong(conversation.getLeastSignificantBits());
        long delta = Math.max(0, fileTime(writtenAt) - start);
        int block = delta < FINE_LIMIT ? (int) ((delta >>> 18) & 0x7FFFFFFF)
                : (int) (0x80000000L | ((delta >>> 23) & 0x7FFFFFFF));
        index.putInt(block).put((byte) ((variant & 0x0F) << 4));
        return Base64.getEncoder().encodeToString(index.array());
    }

    /** The instant as a Windows FILETIME: 100-nanosecond intervals since 1601-01-01 UTC. */
    static long fileTime(Instant instant) {
        Duration since = Duration.between(Instant.EPOCH, instant);
        return EPOCH_OFFSET + since.getSeconds() * 10_000_000L + since.getNano() / 100;
    }
}
