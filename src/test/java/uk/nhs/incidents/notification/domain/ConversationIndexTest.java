package uk.nhs.incidents.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Exchange's conversation index, decoded here as a mail client decodes it. */
class ConversationIndexTest {

    private static final Instant RAISED = Instant.parse("2026-12-02T09:15:30.123Z");
    private static final String DOMAIN = "incidents.example.nhs.uk";

    private static byte[] decoded(String index) {
        return Base64.getDecoder().decode(index);
    }

    private static byte[] header(String index) {
        return Arrays.copyOf(decoded(index), 22);
    }

    /** The time of the block after the header, as the format reads it back (to 2^18 intervals, about 26 ms). */
    private static Instant blockTime(String index) {
        byte[] bytes = decoded(index);
        long start = ByteBuffer.wrap(Arrays.copyOf(Arrays.copyOfRange(bytes, 1, 6), 8)).getLong();
        int block = ByteBuffer.wrap(bytes, 22, 4).getInt();
        long delta = block < 0 ? (long) (block & 0x7FFFFFFF) << 23 : (long) block << 18;
        long fileTime = start + delta;
        long sinceEpoch = fileTime - ConversationIndex.fileTime(Instant.EPOCH);
        return Instant.EPOCH.plusSeconds(sinceEpoch / 10_000_000L).plusNanos(sinceEpoch % 10_000_000L * 100);
    }

    @Test
    void everyEmailAboutAnIncidentNamesTheSameConversationAndOtherIncidentsOthers() {
        String first = ConversationIndex.of(DOMAIN, 42, RAISED, RAISED, 901);
        String later = ConversationIndex.of(DOMAIN, 42, RAISED, RAISED.plus(Duration.ofDays(3)), 955);

        assertThat(decoded(first)).hasSize(27);
        assertThat(decoded(first)[0]).as("reserved byte").isEqualTo((byte) 1);
        assertThat(header(later)).isEqualTo(header(first));
        assertThat(header(ConversationIndex.of(DOMAIN, 43, RAISED, RAISED, 902))).isNotEqualTo(header(first));
        assertThat(header(ConversationIndex.of("other.example", 42, RAISED, RAISED, 901))).isNotEqualTo(header(first));
    }

    @Test
    void theHeaderHoldsTheRaisingTimeAndEachBlockTheEmailsTimeSinceThen() {
        Instant written = RAISED.plus(Duration.ofDays(3).plusMinutes(7));
        String index = ConversationIndex.of(DOMAIN, 42, RAISED, written, 955);

        assertThat(blockTime(index)).isBetween(written.minusMillis(30), written);
        Instant muchLater = RAISED.plus(Duration.ofDays(800));
        assertThat(blockTime(ConversationIndex.of(DOMAIN, 42, RAISED, muchLater, 955)))
                .as("past the fine range, in coarser units").isBetween(muchLater.minusSeconds(1), muchLater);
    }

    @Test
    void anEmailSentAgainCarriesTheSameIndex() {
        Instant written = RAISED.plusSeconds(60);
        assertThat(ConversationIndex.of(DOMAIN, 42, RAISED, written, 955))
                .isEqualTo(ConversationIndex.of(DOMAIN, 42, RAISED, written, 955));
    }

    @Test
    void aFileTimeCountsHundredsOfNanosecondsSince1601() {
        assertThat(ConversationIndex.fileTime(Instant.parse("1601-01-01T00:00:00Z"))).isZero();
        assertThat(ConversationIndex.fileTime(Instant.EPOCH)).isEqualTo(116_444_736_000_000_000L);
    }
}
