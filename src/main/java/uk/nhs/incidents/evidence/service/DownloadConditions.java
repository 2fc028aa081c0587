package uk.nhs.incidents.evidence.service;

import uk.nhs.incidents.common.http.EntityTag;
import uk.nhs.incidents.common.problem.PreconditionFailedException;

/**
 * A download's {@code If-Match} and {@code If-None-Match}, either absent (null), evaluated against the content's ETag
 * as RFC 9110 13.2.2 orders them: {@code If-Match} first, strongly; then {@code If-None-Match}, weakly.
 */
public record DownloadConditions(String ifMatch, String ifNoneMatch) {

    /**
     * Whether the content is to be sent: not when the caller holds it already ({@code If-None-Match} names its tag,
     * a 304). Content other than the one {@code If-Match} names is refused (412).
     */
    public boolean send(String etag) {
        if (ifMatch != null && !EntityTag.matches(ifMatch, etag)) {
            throw new PreconditionFailedException("This evidence's content is " + etag
                    + ", not the one If-Match names.");
        }
        return ifNoneMatch == null || !EntityTag.matchesWeakly(ifNoneMatch, etag);
    }
}
