package nl.eentegeneenzaamheid.registry.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The issue 9 benchmarks at full size; figures in docs/performance.md. Not part of {@code ./mvnw verify}:
 * {@code ./mvnw -o test -Pbenchmark -Dtest=RegistryBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * [{@code -Dbench.scales=1,10 -Dbench.seed=42 -Dbench.writers=8 -Dbench.seconds=10 -Dbench.rounds=5}]: the
 * datasets of {@code DatasetGenerator} at those scales, smallest first. Prints the figures and writes
 * {@code target/benchmark/summary.json}; the goals are reported there, not asserted.
 */
@Tag("benchmark")
class RegistryBenchmark {

    @Test
    void issueNineFigures() throws Exception {
        long seed = Long.getLong("bench.seed", 42);
        List<Dataset> datasets = Arrays.stream(System.getProperty("bench.scales", "1,10").split(","))
                                       .map(scale -> Dataset.generated(Double.parseDouble(scale.trim()), seed))
                                       .toList();
        BenchmarkSuite.Settings settings = new BenchmarkSuite.Settings(
                datasets, Integer.getInteger("bench.writers", 8),
                Duration.ofSeconds(Integer.getInteger("bench.seconds", 10)), Integer.getInteger("bench.rounds", 5), true,
                Path.of("target", "benchmark"));
        List<Figure> figures = new BenchmarkSuite(settings).run();
        assertThat(figures).extracting(Figure::name).contains(BenchmarkSuite.APPENDS, BenchmarkSuite.COMMANDS,
                                                              BenchmarkSuite.REPLAY, BenchmarkSuite.QUERIES_PER_PAGE,
                                                              BenchmarkSuite.HEAP);
    }
}
