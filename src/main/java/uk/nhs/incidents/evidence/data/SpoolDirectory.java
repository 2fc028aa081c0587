package uk.nhs.incidents.evidence.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where upload bodies wait on local disk while they arrive. Each file is locked by the process writing it, so a
 * file nobody holds a lock on was left by a process that died, and is removed; another instance's uploads in the
 * same directory keep their locks and are left alone.
 */
public final class SpoolDirectory {

    private static final String PREFIX = "evidence-upload-";
    private static final String SUFFIX = ".part";

    private final Path directory;

    public SpoolDirectory(Path directory) {
        this.directory = directory;
    }

    public Path path() {
        return directory;
    }

    /** A new, empty, locked spool file; closing it deletes it. */
    public SpoolFile create() throws IOException {
        Files.createDirectories(directory);
        Path path = Files.createTempFile(directory, PREFIX, SUFFIX);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            channel.lock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(path);
            throw e;
        }
        return new SpoolFile(path, channel);
    }

    /** Deletes the spool files no live upload holds; @return how many. */
    public int removeStale() throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
            for (Path file : files) {
                if (removeIfStale(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    private static boolean removeIfStale(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            Files.delete(file);
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // an upload in progress in this very process
        } catch (java.nio.file.NoSuchFileException e) {
            return false; // its upload finished meanwhile
        }
    }
}
