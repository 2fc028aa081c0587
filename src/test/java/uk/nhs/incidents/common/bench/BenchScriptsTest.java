package uk.nhs.incidents.common.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The benchmark scripts are how performance is shown, and nothing else runs them on every change: a quote slipped
 * into an inline program (an apostrophe in a comment of a single-quoted {@code python3 -c '...'}) once left
 * {@code bench/raise.sh} unable to start while every test passed. Each script must at least parse.
 */
class BenchScriptsTest {

    @Test
    void everyBenchmarkScriptParses() throws IOException, InterruptedException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(Path.of("bench"))) {
            scripts = files.filter(file -> file.toString().endsWith(".sh")).sorted().toList();
        }
        assertThat(scripts).as("the benchmark scripts").isNotEmpty();
        for (Path script : scripts) {
            Process check = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
            String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(check.waitFor()).as("bash -n %s: %s", script, said).isZero();
        }
    }
}
