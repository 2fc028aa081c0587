package uk.nhs.incidents.evidence.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import uk.nhs.incidents.common.problem.ConflictException;
import uk.nhs.incidents.common.problem.GoneException;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.problem.PayloadTooLargeException;
import uk.nhs.incidents.common.problem.UnsupportedMediaTypeException;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.evidence.data.Evidence;
import uk.nhs.incidents.evidence.data.EvidenceRepository;
import uk.nhs.incidents.evidence.data.EvidenceStore;
import uk.nhs.incidents.evidence.data.SpoolFile;
import uk.nhs.incidents.evidence.domain.ContentPolicy;
import uk.nhs.incidents.evidence.domain.DeclaredDigest;
import uk.nhs.incidents.evidence.domain.EvidenceKind;
import uk.nhs.incidents.evidence.domain.Filenames;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.incident.data.IncidentScope;
import uk.nhs.incidents.incident.domain.HistoryAction;
import uk.nhs.incidents.incident.service.HistoryRecorder;
import uk.nhs.incidents.security.Caller;

/**
 * Evidence added and removed. An upload is admitted before its body is read, and stored from its spool file in one
 * transaction once complete (see {@link EvidenceUploads}), so nothing partial is ever visible. An admin's removal
 * deletes the content for good and keeps the record of what it was.
 */
@ApplicationScoped
public class EvidenceChanges {

    /** What the uploader says about the file; {@code digest}, its SHA-256 as the uploader gave it, or null. */
    public record Upload(EvidenceKind kind, String filename, String contentType, String description,
            Long declaredLength, DeclaredDigest.Declared digest) {
    }

    private final IncidentRepository incidents;
    private final EvidenceRepository records;
    private final EvidenceStore store;
    private final EvidenceConfig config;
    private final ContentPolicy policy;
    private final HistoryRecorder history;
    private final Clock clock;

    EvidenceChanges(IncidentRepository incidents, EvidenceRepository records, EvidenceStore store,
            EvidenceConfig config, ContentPolicy policy, HistoryRecorder history, Clock clock) {
        this.incidents = incidents;
        this.records = records;
        this.store = store;
        this.config = config;
        this.policy = policy;
        this.history = history;
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
     * Stores a received body from its spool file and makes it visible, in one transaction. The incident may have
     * ended, or the caller's part in it, while the body arrived or was copied, so once the copy is done it is
     * checked again under the incident's lock: a close, a cancellation or the end of a wait commits either before
     * that check, which then refuses the upload and rolls it back, or after the evidence is recorded. The lock is
     * held only for that last step. Copying from local disk takes seconds even for the largest file; the timeout
     * is only a backstop. The same file (kind, name and content) added again by the same organisation, as a retry
     * whose answer was lost does, is the evidence already there, found under the lock once the caller may still add
     * evidence: its copy is rolled back and nobody is told; two such uploads at once meet there, the second finding
     * the first.
     */
    @Transactional
    @TransactionConfiguration(timeout = 600)
    public Optional<Stored> store(long incidentId, Upload upload, SpoolFile file, Caller caller) {
        Evidence evidence = described(incidentId, upload, caller);
        // A retry of an upload already stored is seen before its copy, so that a long recording is not written
        // again only to be rolled back; it is decided under the lock below, after the access checks.
        boolean copied = records.sameFile(incidentId, evidence, file.sha256()).isEmpty();
        if (copied) {
            stored(evidence, file);
        }
        return incidents.findInScopeForUpdate(incidentId, IncidentScope.reading(caller)).map(incident -> {
            requireOpenTo(incident, caller);
            Optional<Evidence> twin = records.sameFile(incidentId, evidence, file.sha256());
            if (twin.isPresent()) {
                QuarkusTransaction.setRollbackOnly();
                return Stored.existing(twin.get());
            }
            if (!copied) {
                stored(evidence, file); // the one seen before was removed meanwhile
            }
            // Dated as it is recorded, under the lock: after every change it commits behind, so the history keeps
            // their order and a poller's updatedSince window finds it however long the copy and the lock took.
            evidence.uploadedAt = Timestamps.now(clock);
            evidence.size = file.size();
            evidence.sha256 = file.sha256();
            history.record(incident, caller, evidence.uploadedAt, HistoryAction.EVIDENCE_ADDED, "evidence", null,
                    asRecorded(evidence), upload.description());
            return new Stored(evidence, true);
        }).or(EvidenceChanges::nothingStored);
    }

    /** Stored evidence, and whether this upload added it or found it added already. */
    public record Stored(Evidence evidence, boolean created) {

        static Stored existing(Evidence evidence) {
            return new Stored(evidence, false);
        }
    }

    /** The incident left the caller's scope while the body was copied: the copy is rolled back. */
    private static Optional<Stored> nothingStored() {
        QuarkusTransaction.setRollbackOnly();
        return Optional.empty();
    }

    /**
     * Admin only: removes the content for good, keeping the record of what it was and why it went. The incident is
     * locked first, as every change of it is: an upload of the same file decides under that lock whether the file is
     * held already, so it is never told the evidence is held while a removal of it is about to commit.
     */
    @Transactional
    public Optional<Evidence> remove(long incidentId, long evidenceId, String reason, Caller caller) {
        return incidents.findInScopeForUpdate(incidentId, IncidentScope.reading(caller))
                .flatMap(incident -> records.findOnIncident(incident.id, evidenceId))
                .map(evidence -> removed(evidence, reason, caller));
    }

    /** The evidence's content removed, its row locked first, once its incident is held. */
    private Evidence removed(Evidence evidence, String reason, Caller caller) {
        records.lockForRemoval(evidence);
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
        HistoryEntry removal = HistoryRecorder.entry(evidence.incidentId, caller, now, HistoryAction.EVIDENCE_REMOVED,
                "evidence", asRecorded(evidence), null, reason);
        removal.toldToo = evidence.uploaderOrganisation;
        history.recordAll(List.of(removal));
        return evidence;
    }

    /**
     * The evidence as its history entries name it: by id and hash as well as by name, since files of one name can
     * be added again, and the record must say which of them was removed.
     */
    private static String asRecorded(Evidence evidence) {
        return evidence.filename + " (evidence " + evidence.id + ", " + evidence.kind + ", " + evidence.size
                + " bytes, sha256 " + evidence.sha256 + ")";
    }

    private void requireOpenTo(Incident incident, Caller caller) {
        ContentAccess.requireContributor(incident, caller);
        if (incident.status.isEnded()) {
            throw new ConflictException("incident-closed", "Incident is closed",
                    "Evidence cannot be added to a " + incident.status + " incident.");
        }
    }

    /** The name the evidence is kept and offered under: cleaned, and with an extension its type is known by. */
    private static String filename(Upload upload) {
        return Filenames.sanitise(upload.filename()).map(name -> Filenames.forType(name, upload.contentType()))
                .orElseThrow(() -> new InvalidInputException("filename", "must name the file"));
    }

    private void stored(Evidence evidence, SpoolFile file) {
        records.persistAndFlush(evidence);
        copy(evidence, file);
    }

    /** The record of the upload, not yet stored; its time is a placeholder until it is recorded. */
    private Evidence described(long incidentId, Upload upload, Caller caller) {
        Evidence evidence = new Evidence();
        evidence.incidentId = incidentId;
        evidence.kind = upload.kind();
        evidence.filename = filename(upload);
        evidence.contentType = upload.contentType();
        evidence.description = upload.description();
        evidence.chunkSize = EvidenceStore.CHUNK_SIZE;
        evidence.uploadedBy = caller.user();
        evidence.uploaderOrganisation = caller.organisation();
        evidence.uploadedAt = Timestamps.now(clock);
        return evidence;
    }

    /**
     * Copies the spooled body into the store in chunks, each with its own SHA-256; the record takes the file's size
     * and hash once the incident is locked, with its time, all in one write (the record is write-once after).
     */
    private void copy(Evidence evidence, SpoolFile file) {
        byte[] buffer = new byte[EvidenceStore.CHUNK_SIZE];
        try {
            for (int seq = 0, length; (length = file.read((long) seq * buffer.length, buffer)) > 0; seq++) {
                MessageDigest chunk = Sha256.digest();
                chunk.update(buffer, 0, length);
                store.writeChunk(evidence.id, seq, buffer, length, chunk.digest());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PayloadTooLargeException tooLarge(long maxSize) {
        return new PayloadTooLargeException("Evidence files may be at most " + maxSize + " bytes.");
    }
}
