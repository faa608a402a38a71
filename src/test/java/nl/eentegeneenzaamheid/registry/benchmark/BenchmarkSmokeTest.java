package nl.eentegeneenzaamheid.registry.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark suite at a tiny size, as part of {@code ./mvnw verify}: every benchmark runs and {@code summary.json}
 * has every figure as a positive finite number. The goals are not asserted: a slow or busy machine must not fail the
 * build (the real figures come from {@link RegistryBenchmark}).
 */
class BenchmarkSmokeTest {

    @TempDir
    Path out;

    @Test
    void everyBenchmarkRunsAndWritesItsFigures() throws Exception {
        new BenchmarkSuite(new BenchmarkSuite.Settings(List.of(Dataset.generated(0.01, 1), Dataset.generated(0.02, 1)),
                                                       2, Duration.ofMillis(500), 1, false, out)).run();

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        List<String> names = new ArrayList<>();
        for (JsonNode figure : summary.path("figures")) {
            names.add(figure.path("name").asText());
            for (String field : List.of("value", "baseline", "ratio")) {
                assertThat(figure.path(field).isNumber()).as(figure + " " + field).isTrue();
                assertThat(figure.path(field).asDouble()).as(figure + " " + field).isPositive().isFinite();
            }
            assertThat(figure.path("met").isBoolean()).as(figure.toString()).isTrue();
            assertThat(figure.path("goal").asText()).isNotBlank();
            assertThat(figure.path("units").asText()).isNotBlank();
        }
        // The heap of each dataset, the rates of the last one, and the comparison of the larger with the smaller.
        assertThat(names).containsExactlyInAnyOrder(
                BenchmarkSuite.HEAP, BenchmarkSuite.HEAP, BenchmarkSuite.QUERIES_PER_PAGE, BenchmarkSuite.REPLAY,
                BenchmarkSuite.APPENDS, BenchmarkSuite.COMMANDS, BenchmarkSuite.GROWTH, BenchmarkSuite.INDICATORS);
        for (JsonNode figure : summary.path("figures")) {
            if (figure.path("name").asText().equals(BenchmarkSuite.APPENDS)) {
                assertThat(figure.path("details").path("unsyncedBaseline").asDouble()).isPositive().isFinite();
            }
            if (figure.path("name").asText().equals(BenchmarkSuite.COMMANDS)) {
                double p50 = figure.path("details").path("p50Ms").asDouble();
                assertThat(p50).isPositive();
                assertThat(figure.path("details").path("p99Ms").asDouble()).isGreaterThanOrEqualTo(p50);
            }
        }
    }
}
