package uk.nhs.incidents.evidence.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
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
import org.apache.tika.mime.MediaType;
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
import uk.nhs.incidents.evidence.domain.ByteRange;
import uk.nhs.incidents.evidence.domain.ContentPolicy;
import uk.nhs.incidents.evidence.domain.EvidenceKind;
import uk.nhs.incidents.evidence.domain.Filenames;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.incident.data.IncidentScope;
import uk.nhs.incidents.incident.domain.Actor;
import uk.nhs.incidents.incident.service.History;
import uk.nhs.incidents.security.Caller;

/**
 * Evidence in, out and accounted for. Uploads stream through in chunks, hashed and size-checked as they pass; a
 * refused or broken upload rolls back with everything it wrote. Downloads check the stored hashes first and
 * never serve content that no longer matches, and every download is logged.
 */
@ApplicationScoped
public class EvidenceService {

    private static final Logger LOG = Logger.getLogger(EvidenceService.class);
    private static final Set<Actor> CONTRIBUTORS = EnumSet.of(Actor.REPORTER, Actor.RESOLVER, Actor.ACCOUNTABLE);
    private static final int SNIFF_BYTES = 64 * 1024;

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
    private final History history;
    private final EntityManager entityManager;
    private final Clock clock;

    EvidenceService(IncidentRepository incidents, EvidenceStore store, EvidenceConfig config, History history,
            EntityManager entityManager, Clock clock) {
        this.incidents = incidents;
        this.store = store;
        this.config = config;
        this.history = history;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional
    public Optional<Evidence> upload(long incidentId, Upload upload, InputStream body, Caller caller) {
        return incidents.findInScope(incidentId, IncidentScope.reading(caller)).map(incident -> {
            requireContributor(incident, caller);
            if (incident.status.isEnded()) {
                throw new ConflictException("incident-closed", "Incident is closed",
                        "Evidence cannot be added to a " + incident.status + " incident.");
            }
            Evidence evidence = start(incident, upload, caller);
            receive(evidence, upload, body);
            history.record(incident, caller, evidence.uploadedAt, "EVIDENCE_ADDED", "evidence", null,
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

    public Optional<List<EvidenceAccess>> accessLog(long incidentId, long evidenceId, PageRequest page,
            Caller caller) {
        return incidents.findInScope(incidentId, IncidentScope.reading(caller)).map(incident -> {
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
            history.record(incidentId, caller, now, "EVIDENCE_REMOVED", "evidence", evidence.filename, null, reason);
            return evidence;
        });
    }

    private Evidence start(Incident incident, Upload upload, Caller caller) {
        ContentPolicy policy = config.policy();
        String filename = Filenames.sanitise(upload.filename())
                .orElseThrow(() -> new InvalidInputException("filename", "must name the file"));
        if (!policy.allowsDeclared(upload.kind(), upload.contentType())) {
            throw new UnsupportedMediaTypeException(upload.kind() + " evidence accepts " + policy.allowed(upload.kind())
                    + ", not " + upload.contentType() + ".");
        }
        if (upload.declaredLength() != null && upload.declaredLength() > config.maxSize().asLongValue()) {
            throw tooLarge();
        }
        Evidence evidence = new Evidence();
        evidence.incidentId = incident.id;
        evidence.kind = upload.kind();
        evidence.filename = filename;
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

    private void receive(Evidence evidence, Upload upload, InputStream body) {
        MessageDigest whole = sha256();
        byte[] buffer = new byte[EvidenceStore.CHUNK_SIZE];
        long size = 0;
        try {
            for (int seq = 0; ; seq++) {
                int length = body.readNBytes(buffer, 0, buffer.length);
                if (length == 0) {
                    break;
                }
                if (seq == 0) {
                    checkContent(upload, Arrays.copyOf(buffer, Math.min(length, SNIFF_BYTES)));
                }
                size += length;
                if (size > config.maxSize().asLongValue()) {
                    throw tooLarge();
                }
                whole.update(buffer, 0, length);
                MessageDigest chunk = sha256();
                chunk.update(buffer, 0, length);
                store.writeChunk(evidence.id, seq, buffer, length, chunk.digest());
                if (length < buffer.length) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("body", "the upload broke off before it completed");
        }
        if (size == 0) {
            throw new InvalidInputException("body", "the file is empty");
        }
        evidence.size = size;
        evidence.sha256 = HexFormat.of().formatHex(whole.digest());
    }

    private void checkContent(Upload upload, byte[] leadingBytes) {
        MediaType detected = ContentPolicy.detect(leadingBytes);
        if (!config.policy().accepts(upload.kind(), upload.contentType(), detected)) {
            throw new UnsupportedMediaTypeException("The file's content is " + detected + ", which is not "
                    + upload.contentType() + " or not accepted as " + upload.kind() + " evidence.");
        }
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

    private PayloadTooLargeException tooLarge() {
        return new PayloadTooLargeException("Evidence files may be at most " + config.maxSize().asLongValue() + " bytes.");
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
