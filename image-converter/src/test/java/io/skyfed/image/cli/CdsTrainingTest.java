package io.skyfed.image.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CdsTrainingTest {

    @Test
    void everyTrainingRunSucceedsAndNothingIsLeftBehind() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = countTrainingDirs(tmp);
        CdsTraining.main(new String[0]);
        assertThat(countTrainingDirs(tmp)).isEqualTo(before);
    }

    private static long countTrainingDirs(Path tmp) throws Exception {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("skyfed-image-cds")).count();
        }
    }
}
