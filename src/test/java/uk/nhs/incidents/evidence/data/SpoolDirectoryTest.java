package uk.nhs.incidents.evidence.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolDirectoryTest {

    @TempDir
    Path directory;

    @Test
    void aFileNoProcessHoldsIsStaleAndRemovedWhileALiveUploadAndOtherFilesStay() throws Exception {
        Path leftByACrash = Files.writeString(directory.resolve("evidence-upload-123.part"), "half a recording");
        Path unrelated = Files.writeString(directory.resolve("notes.txt"), "not ours");
        SpoolDirectory spool = new SpoolDirectory(directory);

        try (SpoolFile live = spool.create()) {
            live.append("RIFF".getBytes(StandardCharsets.US_ASCII), 4);

            assertThat(spool.removeStale()).isEqualTo(1);

            assertThat(leftByACrash).doesNotExist();
            assertThat(unrelated).exists();
            try (var files = Files.list(directory)) {
                assertThat(files.filter(f -> f.getFileName().toString().startsWith("evidence-upload-"))).hasSize(1);
            }
        }
    }

    @Test
    void closingASpoolFileDeletesIt() throws Exception {
        SpoolDirectory spool = new SpoolDirectory(directory.resolve("spool"));
        byte[] content = "0123456789".getBytes(StandardCharsets.US_ASCII);
        byte[] back = new byte[16];

        try (SpoolFile file = spool.create()) {
            file.append(content, content.length);
            assertThat(file.read(0, back)).isEqualTo(10);
            assertThat(file.read(10, back)).isZero();
        }

        try (var files = Files.list(directory.resolve("spool"))) {
            assertThat(files).isEmpty();
        }
    }
}
