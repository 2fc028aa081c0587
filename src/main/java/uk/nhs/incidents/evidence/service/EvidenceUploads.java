package uk.nhs.incidents.evidence.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.util.Optional;
import org.apache.tika.mime.MediaType;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.problem.UnsupportedMediaTypeException;
import uk.nhs.incidents.evidence.data.SpoolFile;
import uk.nhs.incidents.evidence.domain.ContentPolicy;
import uk.nhs.incidents.evidence.domain.DeclaredDigest;
import uk.nhs.incidents.security.Caller;

/**
 * An upload in three steps, so that no database connection waits on the client's link: a short transaction
 * admits it (who, which incident, the declared type and length); the body is received into a spool file under the
 * upload limits; a last transaction stores it from the spool and makes it visible, all at once or not at all.
 */
@ApplicationScoped
public class EvidenceUploads {

    private final EvidenceChanges changes;
    private final TransferLimits limits;
    private final UploadReceiver receiver;
    private final ContentPolicy policy;

    EvidenceUploads(EvidenceChanges changes, TransferLimits limits, UploadReceiver receiver, ContentPolicy policy) {
        this.changes = changes;
        this.limits = limits;
        this.receiver = receiver;
        this.policy = policy;
    }

    /** @return empty when the incident is not in the caller's scope */
    public Optional<EvidenceChanges.Stored> upload(long incidentId, EvidenceChanges.Upload upload, InputStream body,
            Caller caller) {
        if (!changes.admits(incidentId, upload, caller)) {
            return Optional.empty();
        }
        try (TransferLimits.Slot slot = limits.upload(caller.organisation());
                SpoolFile file = receiver.receive(body, leadingBytes -> checkContent(upload, leadingBytes))) {
            checkDigest(upload, file);
            return changes.store(incidentId, upload, file, caller);
        }
    }

    /** A file that is not the one its sender hashed was changed or cut on its way: nothing of it is kept. */
    private static void checkDigest(EvidenceChanges.Upload upload, SpoolFile file) {
        DeclaredDigest.Declared declared = upload.digest();
        if (declared != null && !declared.sha256().equals(file.sha256())) {
            throw new InvalidInputException(declared.header(), "gives sha-256 " + declared.sha256() + ", but the "
                    + "file received has " + file.sha256() + ": it was changed or cut on its way; send it again");
        }
    }

    private void checkContent(EvidenceChanges.Upload upload, byte[] leadingBytes) {
        MediaType detected = ContentPolicy.detect(leadingBytes);
        if (!policy.accepts(upload.kind(), upload.contentType(), detected)) {
            throw new UnsupportedMediaTypeException("The file's content is " + detected + ", which is not "
                    + upload.contentType() + " or not accepted as " + upload.kind() + " evidence.");
        }
    }
}
