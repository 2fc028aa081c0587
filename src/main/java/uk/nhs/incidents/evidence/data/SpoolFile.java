package uk.nhs.incidents.evidence.data;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jboss.logging.Logger;

/**
 * One upload body on local disk, hashed (SHA-256) as it is appended. It is written and read back through the one
 * channel that holds its lock; closing it deletes it.
 */
public final class SpoolFile implements Closeable {

    private static final Logger LOG = Logger.getLogger(SpoolFile.class);

    private final Path path;
    private final FileChannel channel;
    private final MessageDigest digest;
    private long size;
    private String sha256;

    SpoolFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public void append(byte[] data, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data, 0, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer, size + buffer.position());
        }
        digest.update(data, 0, length);
        size += length;
    }

    public long size() {
        return size;
    }

    /** The SHA-256 of everything appended, in hex, once the body is complete: nothing is appended after. */
    public String sha256() {
        if (sha256 == null) {
            sha256 = HexFormat.of().formatHex(digest.digest());
        }
        return sha256;
    }

    /** Fills {@code into} from {@code position} as far as the file goes; @return the bytes read (0 at the end). */
    public int read(long position, byte[] into) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(into);
        while (buffer.hasRemaining() && position + buffer.position() < size) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.position();
    }

    /** Deletes the file; a failure is logged, and the next start-up removes what is left. */
    @Override
    public void close() {
        try {
            channel.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warnf(e, "Cannot delete the upload spool file %s; it is removed at the next start-up", path);
        }
    }
}
