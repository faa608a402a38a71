package nl.eentegeneenzaamheid.registry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import nl.eentegeneenzaamheid.registry.RegistryApplication;
import nl.eentegeneenzaamheid.registry.demo.DatasetGenerator.DataFile;
import nl.eentegeneenzaamheid.registry.demo.DatasetGenerator.Dataset;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's files: deterministic, of the programme's shape at every scale, consistent, written streaming. */
class DatasetGeneratorTest {

    private static final List<String> LOAD_ORDER = List.of("organisations", "national-coalition", "municipalities",
                                                           "local-coalitions", "collaborations", "pilots");

    @TempDir
    Path dir;

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedOtherFiles() throws IOException {
        Dataset first = DatasetGenerator.write(0.5, 7, dir.resolve("a"));
        Dataset again = DatasetGenerator.write(0.5, 7, dir.resolve("b"));
        Dataset other = DatasetGenerator.write(0.5, 8, dir.resolve("c"));
        assertThat(first.files()).extracting(DataFile::kind).containsExactlyElementsOf(LOAD_ORDER);
        for (int i = 0; i < first.files().size(); i++) {
            byte[] bytes = Files.readAllBytes(first.files().get(i).path());
            assertThat(Files.readAllBytes(again.files().get(i).path())).isEqualTo(bytes);
            if (!first.files().get(i).kind().equals("municipalities")) {
                // The municipalities' sign-ups differ too, but sorted by code a few could coincide; the rest may not.
                assertThat(Files.readAllBytes(other.files().get(i).path())).isNotEqualTo(bytes);
            }
        }
        assertThat(first.files().get(4).rowsByEvent()).isEqualTo(again.files().get(4).rowsByEvent());
    }

    @Test
    void x1IsTodaysProgrammeAndALargerScaleMultipliesOrganisationsPartiesCollaborationsAndPilots() throws IOException {
        Dataset x1 = DatasetGenerator.write(1, 42, dir.resolve("x1"));
        Dataset x3 = DatasetGenerator.write(3, 42, dir.resolve("x3"));
        Map<String, DataFile> one = byKind(x1);
        Map<String, DataFile> three = byKind(x3);

        Map<String, Long> members = one.get("national-coalition").rowsByEvent();
        assertThat(members.get("JOIN")).isBetween(205L, 220L);
        assertThat(members.get("JOIN") - members.get("LEAVE")).isBetween(195L, 215L);
        Map<String, Long> municipalities = one.get("municipalities").rowsByEvent();
        assertThat(municipalities.get("JOIN")).isEqualTo(275);
        Map<String, Long> coalitions = one.get("local-coalitions").rowsByEvent();
        assertThat(coalitions.get("FOUND")).isBetween(210L, 235L);
        // The municipality and some 14 others per coalition.
        assertThat(coalitions.get("JOIN") / coalitions.get("FOUND")).isEqualTo(15);
        assertThat(coalitions.get("LEAVE")).isPositive();
        assertThat(coalitions.get("PHASE")).isPositive();
        Map<String, Long> collaborations = one.get("collaborations").rowsByEvent();
        assertThat(collaborations.get("PROPOSE")).isEqualTo(100);
        assertThat(collaborations.keySet()).contains("CONFIRM", "DECLINE", "END");
        Map<String, Long> pilots = one.get("pilots").rowsByEvent();
        assertThat(pilots.get("START")).isEqualTo(30);
        assertThat(pilots.keySet()).contains("EXTEND", "EVALUATE", "CONVERT", "STOP");

        // x3: three times the organisations, the parties per coalition, the collaborations and the pilots; the
        // municipalities and their coalitions stay.
        assertThat(three.get("national-coalition").rowsByEvent().get("JOIN")).isEqualTo(3 * members.get("JOIN"));
        assertThat(three.get("municipalities").rowsByEvent()).isEqualTo(municipalities);
        assertThat(three.get("local-coalitions").rowsByEvent().get("FOUND")).isEqualTo(coalitions.get("FOUND"));
        assertThat(three.get("local-coalitions").rowsByEvent().get("JOIN") / coalitions.get("FOUND")).isEqualTo(43);
        assertThat(three.get("collaborations").rowsByEvent().get("PROPOSE")).isEqualTo(300);
        assertThat(three.get("pilots").rowsByEvent().get("START")).isEqualTo(90);
        assertThat(three.get("organisations").rows()).isBetween(3 * one.get("organisations").rows() - 300,
                                                               3 * one.get("organisations").rows());
        assertConsistent(x1);
    }

    /**
     * x100 (some 750,000 rows, 100 MB) in a JVM with a 32 MB heap: rows are written as they are made, never collected.
     */
    @Test
    void x100IsWrittenWithinASmallHeap() throws Exception {
        Path out = dir.resolve("x100");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                                             RegistryApplication.class.getName(), "--generate=x100", "--seed=1",
                                             "--out=" + out)
                .redirectErrorStream(true).start();
        String output;
        try (var in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("local-coalitions.csv: ");
        try (var lines = Files.lines(out.resolve("local-coalitions.csv"))) {
            assertThat(lines.count()).isGreaterThan(300_000);
        }
    }

    private static Map<String, DataFile> byKind(Dataset dataset) {
        Map<String, DataFile> files = new LinkedHashMap<>();
        dataset.files().forEach(f -> files.put(f.kind(), f));
        return files;
    }

    /**
     * What the importer checks of collaborations and pilots (their import comes with their own format): known keys and
     * municipalities, rows in date order, answers only from parties while proposed, an end only of an active one, an
     * extension only to new places, a stop only after the last extension, nothing after a conversion or stop.
     */
    private static void assertConsistent(Dataset dataset) throws IOException {
        Map<String, DataFile> files = byKind(dataset);
        Set<String> organisations = new HashSet<>();
        for (CSVRecord row : read(files.get("organisations").path())) {
            assertThat(row.get("name")).startsWith("(generated) ");
            assertThat(row.get("source")).isEqualTo("generated: DatasetGenerator x1 seed 42");
            assertThat(organisations.add(row.get("orgKey"))).isTrue();
        }
        Set<String> municipalities = new HashSet<>();
        for (DataFile file : dataset.files()) {
            if (!file.kind().equals("organisations")) {
                assertInDateOrder(file.path());
            }
        }
        read(files.get("municipalities").path()).forEach(r -> municipalities.add(r.get("municipalityCode")));

        Map<String, Map<String, Boolean>> answers = new HashMap<>();
        Map<String, String> collaborationStatus = new HashMap<>();
        for (CSVRecord row : read(files.get("collaborations").path())) {
            String key = row.get("collaborationKey");
            switch (row.get("event")) {
                case "PROPOSE" -> {
                    assertThat(collaborationStatus.put(key, "PROPOSED")).isNull();
                    assertThat(organisations).contains(row.get("orgKey"));
                    Map<String, Boolean> parties = new HashMap<>();
                    for (String party : list(row.get("partyKeys"))) {
                        assertThat(organisations).contains(party);
                        parties.put(party, false);
                    }
                    assertThat(parties).isNotEmpty().doesNotContainKey(row.get("orgKey"));
                    assertThat(municipalities).containsAll(list(row.get("municipalityCodes")));
                    assertThat(row.get("title")).startsWith("(generated) ");
                    answers.put(key, parties);
                }
                case "CONFIRM", "DECLINE" -> {
                    assertThat(collaborationStatus.get(key)).isEqualTo("PROPOSED");
                    assertThat(answers.get(key).put(row.get("orgKey"), true)).isFalse();
                    if (row.get("event").equals("DECLINE")) {
                        assertThat(row.get("reason")).isNotBlank();
                        collaborationStatus.put(key, "DECLINED");
                    } else if (!answers.get(key).containsValue(false)) {
                        collaborationStatus.put(key, "ACTIVE");
                    }
                }
                case "END" -> assertThat(collaborationStatus.put(key, "ENDED")).isEqualTo("ACTIVE");
                default -> throw new AssertionError("event " + row.get("event"));
            }
        }
        Map<String, Set<String>> places = new HashMap<>();
        Map<String, LocalDate> lastExtension = new HashMap<>();
        Map<String, String> pilotStatus = new HashMap<>();
        for (CSVRecord row : read(files.get("pilots").path())) {
            String key = row.get("pilotKey");
            LocalDate date = LocalDate.parse(row.get("date"));
            if (!row.get("event").equals("START")) {
                assertThat(pilotStatus.get(key)).isEqualTo("RUNNING");
            }
            switch (row.get("event")) {
                case "START" -> {
                    assertThat(pilotStatus.put(key, "RUNNING")).isNull();
                    assertThat(organisations).contains(row.get("orgKey")).containsAll(list(row.get("partnerKeys")));
                    assertThat(list(row.get("municipalityCodes"))).isNotEmpty();
                    places.put(key, new HashSet<>(list(row.get("municipalityCodes"))));
                    lastExtension.put(key, date);
                    assertThat(row.get("goal")).isNotBlank();
                }
                case "EXTEND" -> {
                    assertThat(list(row.get("municipalityCodes"))).isNotEmpty()
                                                                  .doesNotContainAnyElementsOf(places.get(key));
                    places.get(key).addAll(list(row.get("municipalityCodes")));
                    lastExtension.put(key, date);
                }
                case "EVALUATE" -> assertThat(row.get("outcome")).isNotBlank();
                case "CONVERT" -> pilotStatus.put(key, "CONVERTED");
                case "STOP" -> {
                    assertThat(date).isAfter(lastExtension.get(key));
                    assertThat(row.get("reason")).isNotBlank();
                    pilotStatus.put(key, "STOPPED");
                }
                default -> throw new AssertionError("event " + row.get("event"));
            }
        }
    }

    private static void assertInDateOrder(Path file) throws IOException {
        List<String> dates = new ArrayList<>();
        read(file).forEach(r -> dates.add(r.get("date")));
        assertThat(dates).as(file.getFileName().toString()).isSorted()
                         .allMatch(d -> d.compareTo("2018-03-01") >= 0 && d.compareTo("2024-12-31") <= 0);
    }

    private static List<String> list(String cell) {
        return cell.isEmpty() ? List.of() : Arrays.asList(cell.split(";"));
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }
}
