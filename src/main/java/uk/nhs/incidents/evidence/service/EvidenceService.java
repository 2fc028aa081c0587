package uk.nhs.incidents.evidence.service;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.common.problem.ActionForbiddenException;
import uk.nhs.incidents.common.problem.ConflictException;
import uk.nhs.incidents.common.problem.GoneException;
import uk.nhs.incidents.common.problem.IntegrityException;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.problem.PayloadTooLargeException;
import uk.nhs.incidents.common.problem.RangeNotSatisfiableException;
import uk.nhs.incidents.common.problem.UnsupportedMediaTypeException;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.evidence.data.Evidence;
import uk.nhs.incidents.evidence.data.EvidenceAccess;
import uk.nhs.incidents.evidence.data.EvidenceStore;
import uk.nhs.incidents.evidence.data.SpoolFile;
import uk.nhs.incidents.evidence.domain.ByteRange;
import uk.nhs.incidents.evidence.domain.ContentPolicy;
import uk.nhs.incidents.evidence.domain.EvidenceKind;
import uk.nhs.incidents.evidence.domain.Filenames;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.incident.data.IncidentScope;
import uk.nhs.incidents.incident.domain.Actor;
import uk.nhs.incidents.incident.domain.HistoryAction;
import uk.nhs.incidents.incident.service.HistoryRecorder;
import uk.nhs.incidents.security.Caller;

/**
 * Evidence in, out and accounted for. An upload is admitted before its body is read, and stored from its spool file
 * in one transaction once complete (see {@link EvidenceUploads}), so nothing partial is ever visible. Downloads
 * check the stored hashes first and never serve content that no longer matches, and every download is logged.
 */
@ApplicationScoped
public class EvidenceService {

    private static final Logger LOG = Logger.getLogger(EvidenceService.class);
    private static final Set<Actor> CONTRIBUTORS = EnumSet.of(Actor.REPORTER, Actor.RESOLVER, Actor.ACCOUNTABLE);

    /** What the uploader says about the file. */
    public record Upload(EvidenceKind kind, String filename, String contentType, String description,
            Long declaredLength) {
    }

    /** A download that passed its checks: the evidence and the bytes asked for (all when no range). */
    public record Download(Evidence evidence, Optional<ByteRange> range) {
    }

    private final IncidentRepository incidents;
    private final EvidenceStore store;
    private final EvidenceConfig config;
    private final HistoryRecorder history;
    private final EntityManager entityManager;
    private final Clock clock;

    EvidenceService(IncidentRepository incidents, EvidenceStore store, EvidenceConfig config, HistoryRecorder history,
            EntityManager entityManager, Clock clock) {
        this.incidents = incidents;
        this.store = store;
        this.config = config;
        this.history = history;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * Whether the caller may add this evidence to the incident, checked before any of the body is accepted: the
     * incident in scope (false otherwise), the caller a contributor, the incident not ended, a usable filename, a
     * declared type the kind accepts and a declared length within the limit.
     */
    @Transactional
    public boolean admits(long incidentId, Upload upload, Caller caller) {
        return incidents.findInScope(incidentId, IncidentScope.reading(caller)).map(incident -> {
            requireOpenTo(incident, caller);
            filename(upload);
            ContentPolicy policy = config.policy();
            if (!policy.allowsDeclared(upload.kind(), upload.contentType())) {
                throw new UnsupportedMediaTypeException("The declared Content-Type " + upload.contentType()
                        + " is not accepted: " + upload.kind() + " evidence accepts " + policy.allowed(upload.kind())
                        + ".");
            }
            if (upload.declaredLength() != null && upload.declaredLength() > config.maxSize().asLongValue()) {
                throw tooLarge(config.maxSize().asLongValue());
            }
            return true;
        }).orElse(false);
    }

    /**
     * Stores a received body from its spool file and makes it visible, in one transaction: the incident is checked
     * again, as it may have ended while the body arrived. Copying from local disk takes seconds even for the
     * largest file; the timeout is only a backstop.
     */
    @Transactional
    @TransactionConfiguration(timeout = 600)
    public Optional<Evidence> store(long incidentId, Upload upload, SpoolFile file, Caller caller) {
        return incidents.findInScope(incidentId, IncidentScope.reading(caller)).map(incident -> {
            requireOpenTo(incident, caller);
            Evidence evidence = start(incident, upload, caller);
            copy(evidence, file);
            history.record(incident, caller, evidence.uploadedAt, HistoryAction.EVIDENCE_ADDED, "evidence", null,
                    evidence.filename + " (" + evidence.kind + ", " + evidence.size + " bytes, sha256 "
                            + evidence.sha256 + ")", upload.description());
            return evidence;
        });
    }

    public Optional<List<Evidence>> list(long incidentId, PageRequest page, Caller caller) {
        return incidents.findInScope(incidentId, IncidentScope.reading(caller))
                .map(incident -> Evidence.page(incident.id, page));
    }

    public Optional<Evidence> find(long incidentId, long evidenceId, Caller caller) {
        return incidents.findInScope(incidentId, IncidentScope.reading(caller))
                .flatMap(incident -> Evidence.<Evidence>findByIdOptional(evidenceId))
                .filter(evidence -> evidence.incidentId == incidentId);
    }

    /** Checks the caller, the range and the stored content, and logs the access, before anything is sent. */
    @Transactional
    public Optional<Download> download(long incidentId, long evidenceId, String rangeHeader, Caller caller) {
        return incidents.findInScope(incidentId, IncidentScope.reading(caller)).flatMap(incident -> {
            Optional<Evidence> found = Evidence.<Evidence>findByIdOptional(evidenceId)
                    .filter(e -> e.incidentId == incidentId);
            found.ifPresent(evidence -> requireContributor(incident, caller));
            return found.map(evidence -> prepare(evidence, rangeHeader, caller));
        });
    }

    /** Streams the content, re-checking each chunk, and the whole file's hash before its last byte leaves. */
    public void stream(Download download, java.io.OutputStream out) throws IOException {
        Evidence evidence = download.evidence();
        ByteRange range = download.range().orElse(new ByteRange(0, evidence.size - 1));
        int first = (int) (range.first() / evidence.chunkSize);
        int last = (int) (range.last() / evidence.chunkSize);
        int lastOfFile = (int) ((evidence.size - 1) / evidence.chunkSize);
        MessageDigest whole = sha256();
        store.readChunks(evidence.id, first, last, (seq, data, chunkSha) -> {
            if (!Arrays.equals(sha256().digest(data), chunkSha)) {
                throw tampered(evidence, "chunk " + seq);
            }
            if (download.range().isEmpty()) {
                whole.update(data);
                if (seq == lastOfFile && !HexFormat.of().formatHex(whole.digest()).equals(evidence.sha256)) {
                    throw tampered(evidence, "the file's SHA-256");
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
        return incidents.findInScope(incidentId, IncidentScope.reading(caller))
                .filter(incident -> Evidence.count("id = ?1 and incidentId = ?2", evidenceId, incidentId) > 0)
                .map(incident -> {
                    if (!caller.isAdmin() && !actors(incident, caller).contains(Actor.ACCOUNTABLE)) {
                        throw new ActionForbiddenException("The access log is for the accountable party and admins.");
                    }
                    return EvidenceAccess.page(incident.id, evidenceId, page);
                });
    }

    /** Admin only: removes the content for good, keeping the record of what it was and why it went. */
    @Transactional
    public Optional<Evidence> remove(long incidentId, long evidenceId, String reason, Caller caller) {
        return find(incidentId, evidenceId, caller).map(evidence -> {
            if (evidence.isRemoved()) {
                throw new GoneException("This evidence was already removed.");
            }
            try {
                store.delete(evidence.id);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Instant now = Timestamps.now(clock);
            evidence.removedAt = now;
            evidence.removedBy = caller.user();
            evidence.removalReason = reason;
            history.record(incidentId, caller, now, HistoryAction.EVIDENCE_REMOVED, "evidence", evidence.filename, null, reason);
            return evidence;
        });
    }

    private void requireOpenTo(Incident incident, Caller caller) {
        requireContributor(incident, caller);
        if (incident.status.isEnded()) {
            throw new ConflictException("incident-closed", "Incident is closed",
                    "Evidence cannot be added to a " + incident.status + " incident.");
        }
    }

    private static String filename(Upload upload) {
        return Filenames.sanitise(upload.filename())
                .orElseThrow(() -> new InvalidInputException("filename", "must name the file"));
    }

    private Evidence start(Incident incident, Upload upload, Caller caller) {
        Evidence evidence = new Evidence();
        evidence.incidentId = incident.id;
        evidence.kind = upload.kind();
        evidence.filename = filename(upload);
        evidence.contentType = upload.contentType();
        evidence.description = upload.description();
        evidence.chunkSize = EvidenceStore.CHUNK_SIZE;
        evidence.uploadedBy = caller.user();
        evidence.uploaderOrganisation = caller.organisation();
        evidence.uploadedAt = Timestamps.now(clock);
        evidence.persist();
        entityManager.flush();
        return evidence;
    }

    /** Copies the spooled body into the store in chunks, each with its own SHA-256. */
    private void copy(Evidence evidence, SpoolFile file) {
        byte[] buffer = new byte[EvidenceStore.CHUNK_SIZE];
        try {
            for (int seq = 0, length; (length = file.read((long) seq * buffer.length, buffer)) > 0; seq++) {
                MessageDigest chunk = sha256();
                chunk.update(buffer, 0, length);
                store.writeChunk(evidence.id, seq, buffer, length, chunk.digest());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        evidence.size = file.size();
        evidence.sha256 = file.sha256();
    }

    private Download prepare(Evidence evidence, String rangeHeader, Caller caller) {
        if (evidence.isRemoved()) {
            throw new GoneException("This evidence was removed: " + evidence.removalReason);
        }
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
        access.persist();
        return new Download(evidence, range);
    }

    private void verify(Evidence evidence, int first, int last) {
        try {
            List<Integer> corrupt = store.corruptChunks(evidence.id, first, last);
            if (!corrupt.isEmpty()) {
                throw tampered(evidence, "chunks " + corrupt);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Evidence content is for the current reporter, supplier and accountable party, and for the party the incident
     * waits on for information, which may need to send some; a party only informed, or no longer routed, sees the
     * description alone.
     */
    private void requireContributor(Incident incident, Caller caller) {
        if (!caller.isAdmin() && !caller.organisation().equals(incident.waitingOn)
                && java.util.Collections.disjoint(actors(incident, caller), CONTRIBUTORS)) {
            throw new ActionForbiddenException("Evidence content is for the reporter, the supplier, the accountable"
                    + " party and the party waited on; others see its description only.");
        }
    }

    private static Set<Actor> actors(Incident incident, Caller caller) {
        return incident.parties().actorsFor(caller.roles(), caller.organisation());
    }

    static PayloadTooLargeException tooLarge(long maxSize) {
        return new PayloadTooLargeException("Evidence files may be at most " + maxSize + " bytes.");
    }

    private static IntegrityException tampered(Evidence evidence, String what) {
        LOG.errorf("EVIDENCE INTEGRITY FAILURE: evidence %d of incident %d (%s): %s does not match its recorded SHA-256;"
                + " not served", evidence.id, evidence.incidentId, evidence.filename, what);
        return new IntegrityException("The stored content of this evidence no longer matches its SHA-256; it will "
                + "not be served. The failure has been logged for investigation.");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
