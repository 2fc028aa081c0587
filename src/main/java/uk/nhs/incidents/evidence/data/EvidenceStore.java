package uk.nhs.incidents.evidence.data;

import java.io.IOException;
import java.util.List;

/**
 * Where evidence content lives, in fixed-size chunks each with its SHA-256. The PostgreSQL store keeps it in the
 * service's own database, so replicas share it with nothing else to run; an object store can implement the same.
 */
public interface EvidenceStore {

    /** Chunks are this large, except the last. */
    int CHUNK_SIZE = 1024 * 1024;

    /** Writes one chunk inside the caller's transaction. */
    void writeChunk(long evidenceId, int seq, byte[] data, int length, byte[] sha256) throws IOException;

    /**
     * Chunks in {@code [first, last]} that are missing, or, among the first {@code hashed} of them, whose content no
     * longer matches their SHA-256.
     */
    List<Integer> corruptChunks(long evidenceId, int first, int last, int hashed) throws IOException;

    /**
     * Streams chunks {@code first} to {@code last} to the sink, in order. The sink may write to a slow client, so no
     * connection to the store is held while it runs.
     */
    void readChunks(long evidenceId, int first, int last, ChunkSink sink) throws IOException;

    void delete(long evidenceId) throws IOException;

    /** A chunk the store does not hold: removed with its evidence since the download was checked, or lost. */
    final class MissingChunk extends IOException {

        public MissingChunk(long evidenceId, int seq) {
            super("chunk " + seq + " of evidence " + evidenceId + " is missing");
        }
    }

    /** Receives chunks as they are read. */
    @FunctionalInterface
    interface ChunkSink {

        void accept(int seq, byte[] data, byte[] sha256) throws IOException;
    }
}
