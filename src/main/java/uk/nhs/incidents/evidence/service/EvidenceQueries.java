package uk.nhs.incidents.evidence.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.common.problem.ActionForbiddenException;
import uk.nhs.incidents.common.problem.GoneException;
import uk.nhs.incidents.common.problem.IntegrityException;
import uk.nhs.incidents.common.problem.RangeNotSatisfiableException;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.evidence.data.Evidence;
import uk.nhs.incidents.evidence.data.EvidenceAccess;
import uk.nhs.incidents.evidence.data.EvidenceAccessRepository;
import uk.nhs.incidents.evidence.data.EvidenceRepository;
import uk.nhs.incidents.evidence.data.EvidenceStore;
import uk.nhs.incidents.evidence.domain.ByteRange;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.incident.data.IncidentScope;
import uk.nhs.incidents.incident.domain.Actor;
import uk.nhs.incidents.security.Caller;

/**
 * Evidence read: its metadata by whoever sees the incident, its content by contributors, and the log of who
 * downloaded it. Downloads check the stored hashes first and never serve content that no longer matches, and every
 * download is logged.
 */
@ApplicationScoped
public class EvidenceQueries {

    private static final Logger LOG = Logger.getLogger(EvidenceQueries.class);
    /**
     * The chunks of a download hashed before anything is sent (a mismatch is then a clean 500): hashing all of a
     * 300 MB recording held a database connection and a core for 0.3 s at every request, which a player seeking
     * through it repeats. Every chunk is checked to be there, and every chunk is hashed as it is sent.
     */
    static final int HASHED_BEFORE_SENDING = 16;

    /**
     * A download that passed its checks: the evidence and the bytes asked for (all when no range); or, {@code unsent},
     * one whose conditions say the caller holds the content already, neither read nor logged.
     */
    public record Download(Evidence evidence, Optional<ByteRange> range, boolean unsent) {
    }

    private final IncidentRepository incidents;
    private final EvidenceRepository records;
    private final EvidenceLookup lookup;
    private final EvidenceAccessRepository accesses;
    private final EvidenceStore store;
    private final Clock clock;

    EvidenceQueries(IncidentRepository incidents, EvidenceRepository records, EvidenceLookup lookup,
            EvidenceAccessRepository accesses, EvidenceStore store, Clock clock) {
        this.incidents = incidents;
        this.records = records;
        this.lookup = lookup;
        this.accesses = accesses;
        this.store = store;
        this.clock = clock;
    }

    public Optional<List<Evidence>> list(long incidentId, PageRequest page, Caller caller) {
        return incidents.findInScope(incidentId, IncidentScope.reading(caller))
                .map(incident -> records.page(incident.id, page));
    }

    public Optional<Evidence> find(long incidentId, long evidenceId, Caller caller) {
        return lookup.find(incidentId, evidenceId, caller).map(EvidenceLookup.Found::evidence);
    }

    /**
     * The evidence, when the caller may download its content and it is still held: what a download checks first,
     * and all that a HEAD checks, which reads no content and is not logged.
     */
    public Optional<Evidence> downloadable(long incidentId, long evidenceId, Caller caller) {
        return lookup.find(incidentId, evidenceId, caller).map(found -> {
            ContentAccess.requireContributor(found.incident(), caller);
            return held(found.evidence());
        });
    }

    /**
     * Checks the caller, the conditions, the range and the stored content (every chunk there, the first {@link
     * #HASHED_BEFORE_SENDING} as recorded), and logs the access, before anything is sent. Conditions that say not to
     * send it are decided on the one lookup of the evidence, before it is locked, read or logged.
     */
    @Transactional
    public Optional<Download> download(long incidentId, long evidenceId, String rangeHeader, String ifRange,
            DownloadConditions conditions, Caller caller) {
        return downloadable(incidentId, evidenceId, caller).map(evidence -> {
            if (!conditions.send(evidence.etag())) {
                return new Download(evidence, Optional.empty(), true);
            }
            // Held while its chunks are checked: a removal committing in between would leave them missing, read as
            // tampering (a 500 and a false alarm); it is waited for, or seen as committed and answered 410.
            records.lockForReading(evidence);
            return prepare(held(evidence), ifRange == null || ifRange.strip().equals(evidence.etag()) ? rangeHeader
                    : null, caller);
        });
    }

    private static Evidence held(Evidence evidence) {
        if (evidence.isRemoved()) {
            throw new GoneException("This evidence was removed: " + evidence.removalReason);
        }
        return evidence;
    }

    /**
     * Streams the content, re-checking each chunk, and the whole file's hash before its last byte leaves. No
     * database connection is held while the client takes the bytes, however slowly it reads. A chunk found missing
     * on the way is an admin's removal committed since the checks (the transfer ends there, as later downloads
     * answer 410), or, where the evidence is still held, tampering.
     */
    public void stream(Download download, OutputStream out) throws IOException {
        Evidence evidence = download.evidence();
        try {
            send(download, out);
        } catch (EvidenceStore.MissingChunk e) {
            if (QuarkusTransaction.requiringNew().call(() -> records.isRemoved(evidence.id))) {
                LOG.infof("Evidence %d of incident %d was removed while it was being sent; the transfer ends short",
                        evidence.id, evidence.incidentId);
                throw new GoneException("This evidence was removed while it was being sent.");
            }
            throw tampered(evidence, e.getMessage());
        }
    }

    private void send(Download download, OutputStream out) throws IOException {
        Evidence evidence = download.evidence();
        ByteRange range = download.range().orElse(new ByteRange(0, evidence.size - 1));
        int first = (int) (range.first() / evidence.chunkSize);
        int last = (int) (range.last() / evidence.chunkSize);
        int lastOfFile = (int) ((evidence.size - 1) / evidence.chunkSize);
        // A range of the whole file (a player's "bytes=0-") is checked as the whole file: only its hash ties the
        // chunks' order to the record.
        boolean wholeFile = range.first() == 0 && range.last() == evidence.size - 1;
        MessageDigest whole = Sha256.digest();
        store.readChunks(evidence.id, first, last, (seq, data, chunkSha) -> {
            if (!Arrays.equals(Sha256.digest().digest(data), chunkSha)) {
                throw tampered(evidence, "chunk " + seq + " does not match its recorded SHA-256");
            }
            if (wholeFile) {
                whole.update(data);
                if (seq == lastOfFile && !HexFormat.of().formatHex(whole.digest()).equals(evidence.sha256)) {
                    throw tampered(evidence, "the whole file does not match its recorded SHA-256");
                }
            }
            long chunkStart = (long) seq * evidence.chunkSize;
            int from = (int) Math.max(0, range.first() - chunkStart);
            int to = (int) Math.min(data.length, range.last() - chunkStart + 1);
            out.write(data, from, to - from);
        });
    }

    /** @return empty when the incident is not in the caller's scope or the evidence is not the incident's */
    public Optional<List<EvidenceAccess>> accessLog(long incidentId, long evidenceId, PageRequest page,
            Caller caller) {
        return lookup.find(incidentId, evidenceId, caller).map(found -> {
            if (!caller.isAdmin() && !ContentAccess.actors(found.incident(), caller).contains(Actor.ACCOUNTABLE)) {
                throw new ActionForbiddenException("The access log is for the accountable party and admins.");
            }
            return accesses.page(incidentId, evidenceId, page);
        });
    }

    private Download prepare(Evidence evidence, String rangeHeader, Caller caller) {
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(rangeHeader, evidence.size);
        } catch (ByteRange.Unsatisfiable e) {
            throw new RangeNotSatisfiableException(e.getMessage(), evidence.size);
        }
        ByteRange span = range.orElse(new ByteRange(0, evidence.size - 1));
        verify(evidence, (int) (span.first() / evidence.chunkSize), (int) (span.last() / evidence.chunkSize));
        EvidenceAccess access = new EvidenceAccess();
        access.evidenceId = evidence.id;
        access.incidentId = evidence.incidentId;
        access.accessedBy = caller.user();
        access.accessorOrganisation = caller.organisation();
        access.accessedAt = Timestamps.now(clock);
        access.byteRange = range.map(r -> r.first() + "-" + r.last()).orElse(null);
        accesses.persist(access);
        return new Download(evidence, range, false);
    }

    private void verify(Evidence evidence, int first, int last) {
        try {
            List<Integer> corrupt = store.corruptChunks(evidence.id, first, last, HASHED_BEFORE_SENDING);
            if (!corrupt.isEmpty()) {
                throw tampered(evidence, "chunks " + corrupt + " are missing or do not match their SHA-256");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IntegrityException tampered(Evidence evidence, String what) {
        // By id alone: a file name is free text that may identify a patient, and logs carry no personal data.
        LOG.errorf("EVIDENCE INTEGRITY FAILURE: evidence %d of incident %d: %s; not served", evidence.id,
                evidence.incidentId, what);
        return new IntegrityException("The stored content of this evidence no longer matches its SHA-256; it will "
                + "not be served. The failure has been logged for investigation.");
    }
}
