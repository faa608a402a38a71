package nl.eentegeneenzaamheid.registry.municipality;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import nl.eentegeneenzaamheid.registry.common.Commands;
import nl.eentegeneenzaamheid.registry.common.Commands.Actor;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityCommand.MergeMunicipalities;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityCommand.Receiver;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityCommand.RecordMunicipalities;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityCommand.RecordMunicipality;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityCommand.SplitMunicipality;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Records the municipalities since 2018 and the reorganisations since 2019 from the CBS reference files, through
 * the same events as any user's commands, as the system: the municipalities of 2018 in one command (one commit
 * rather than 380 keeps the first start short), then each reorganisation in date order. Each command has a fixed
 * requestId, so a restart records nothing new; it runs before the application reports itself ready.
 */
@Component
class ReferenceMunicipalities implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReferenceMunicipalities.class);
    static final String MUNICIPALITIES = "reference/municipalities-nl-2024.csv";
    static final String REORGANISATIONS = "reference/municipal-mergers-2019-2024.csv";

    private final Commands commands;

    ReferenceMunicipalities(Commands commands) {
        this.commands = commands;
    }

    @Override
    public void run(ApplicationArguments args) {
        long start = System.nanoTime();
        List<CSVRecord> current = read(MUNICIPALITIES);
        List<CSVRecord> changes = read(REORGANISATIONS);
        Map<String, String> currentNames = new LinkedHashMap<>();
        Map<String, String> shortNames = new LinkedHashMap<>();
        current.forEach(r -> currentNames.put(r.get("cbs_code"), r.get("name")));
        current.forEach(r -> shortNames.put(r.get("cbs_code"), r.get("short_name")));

        // Those that existed before the first reorganisation: today's, less the newly formed, plus the dissolved.
        Map<String, RecordMunicipality> existing = new TreeMap<>();
        List<String> formed = changes.stream().filter(r -> Boolean.parseBoolean(r.get("new_is_formed")))
                                     .map(r -> r.get("new_code")).toList();
        current.stream().filter(r -> !formed.contains(r.get("cbs_code"))).forEach(
                r -> existing.put(r.get("cbs_code"), new RecordMunicipality(
                        r.get("cbs_code"), r.get("name"), r.get("short_name"),
                        Province.fromDutchName(r.get("province")), null)));
        // The reorganisations file has no short names; a dissolved municipality goes by its official name.
        changes.forEach(r -> existing.putIfAbsent(r.get("old_code"), new RecordMunicipality(
                r.get("old_code"), r.get("old_name"), null, Province.fromDutchName(r.get("old_province")), null)));
        List<RecordMunicipality> all = List.copyOf(existing.values());
        // The arguments are what the requestId stood for before short names existed: a database recorded then
        // holds this requestId, and a changed fingerprint would refuse it on start-up (see docs/event-store.md).
        send("reference:" + MUNICIPALITIES, "recordMunicipalities",
             Map.of("municipalities", all.stream().map(m -> m.code() + "=" + m.name() + "@" + m.province()).toList()),
             () -> new RecordMunicipalities(all));

        // Per date, mergers before splits: Winsum was split over two municipalities formed that same day.
        Map<LocalDate, Map<String, List<CSVRecord>>> merges = new TreeMap<>();
        Map<LocalDate, Map<String, List<CSVRecord>>> splits = new TreeMap<>();
        for (CSVRecord r : changes) {
            boolean split = "split".equals(r.get("change_type"));
            (split ? splits : merges).computeIfAbsent(LocalDate.parse(r.get("effective_date")), d -> new TreeMap<>())
                                     .computeIfAbsent(r.get(split ? "old_code" : "new_code"), c -> new ArrayList<>())
                                     .add(r);
        }
        TreeSet<LocalDate> dates = new TreeSet<>(merges.keySet());
        dates.addAll(splits.keySet());
        for (LocalDate date : dates) {
            merges.getOrDefault(date, Map.of()).forEach((intoCode, rows) -> {
                String intoName = currentNames.getOrDefault(intoCode, rows.get(0).get("new_name"));
                Province province = Province.fromDutchName(rows.get(0).get("new_province"));
                List<String> mergedCodes = rows.stream().map(r -> r.get("old_code")).toList();
                send("reference:merge:" + date + ":" + intoCode, "mergeMunicipalities",
                     Map.of("intoCode", intoCode, "intoName", intoName, "province", province,
                            "mergedCodes", mergedCodes, "effectiveOn", date.toString()),
                     () -> new MergeMunicipalities(intoCode, intoName, shortNames.get(intoCode), province,
                                                   mergedCodes, date));
            });
            splits.getOrDefault(date, Map.of()).forEach((code, rows) -> {
                List<Receiver> receivers = rows.stream().map(r -> new Receiver(
                        r.get("new_code"), new BigDecimal(r.get("address_share")))).toList();
                send("reference:split:" + date + ":" + code, "splitMunicipality",
                     Map.of("code", code, "receivers", receivers.stream().map(
                             r -> r.code() + "=" + r.addressShare()).toList(), "effectiveOn", date.toString()),
                     () -> new SplitMunicipality(code, receivers, date));
            });
        }
        log.info("Reference municipalities in place ({} municipalities, {} reorganisation rows) after {} ms",
                 existing.size(), changes.size(), (System.nanoTime() - start) / 1_000_000);
    }

    private void send(String requestId, String operation, Map<String, ?> arguments, Supplier<Object> command) {
        commands.sendWhenSettled(Actor.SYSTEM, requestId, operation, arguments, command);
    }

    private static List<CSVRecord> read(String resource) {
        try (Reader reader = new InputStreamReader(new ClassPathResource(resource).getInputStream(),
                                                   StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the reference data " + resource, e);
        }
    }
}
