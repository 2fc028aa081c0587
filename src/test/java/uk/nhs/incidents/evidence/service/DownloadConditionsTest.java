package uk.nhs.incidents.evidence.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import uk.nhs.incidents.common.problem.PreconditionFailedException;

class DownloadConditionsTest {

    private static final String TAG = "\"9f86d081\"";

    @Test
    void noConditionSendsTheContent() {
        assertThat(new DownloadConditions(null, null).send(TAG)).isTrue();
    }

    @Test
    void ifMatchComparesStronglySoAWeakTagOrAnotherIsRefused() {
        assertThat(new DownloadConditions(TAG, null).send(TAG)).isTrue();
        assertThat(new DownloadConditions("\"other\", " + TAG, null).send(TAG)).isTrue();
        assertThat(new DownloadConditions("*", null).send(TAG)).isTrue();
        assertThatThrownBy(() -> new DownloadConditions("W/" + TAG, null).send(TAG))
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> new DownloadConditions("\"other\"", null).send(TAG))
                .isInstanceOf(PreconditionFailedException.class);
    }

    @Test
    void ifNoneMatchComparesWeaklyAndHoldsBackContentTheCallerHas() {
        assertThat(new DownloadConditions(null, "W/" + TAG).send(TAG)).isFalse();
        assertThat(new DownloadConditions(null, "*").send(TAG)).isFalse();
        assertThat(new DownloadConditions(null, "\"other\"").send(TAG)).isTrue();
    }

    /** RFC 9110 13.2.2: a failed If-Match is a 412 even where If-None-Match would have said 304. */
    @Test
    void ifMatchIsDecidedFirst() {
        assertThatThrownBy(() -> new DownloadConditions("\"other\"", TAG).send(TAG))
                .isInstanceOf(PreconditionFailedException.class);
    }
}
