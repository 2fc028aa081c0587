package uk.nhs.incidents.webhook.service;

import java.time.Duration;
import java.util.Optional;
import uk.nhs.incidents.webhook.domain.RetryRules;
import uk.nhs.incidents.webhook.domain.RetryRules.Verdict;

/** What one attempt to deliver came to: the receiver's status (and Retry-After), or why there was no answer. */
record Attempt(Integer status, String error, Optional<Duration> retryAfter) {

    static Attempt answered(int status, Optional<Duration> retryAfter) {
        return new Attempt(status, RetryRules.of(status) == Verdict.DELIVERED ? null : "HTTP " + status,
                retryAfter);
    }

    /** No answer: a timeout, a connection refused or reset, a host that does not resolve or is not allowed. */
    static Attempt unanswered(String error) {
        return new Attempt(null, error, Optional.empty());
    }

    Verdict verdict() {
        return status == null ? Verdict.RETRY : RetryRules.of(status);
    }
}
