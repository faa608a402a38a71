package nl.eentegeneenzaamheid.registry.demo;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a dataset of the programme's shape at any scale (docs/generator.md), as CSV files in the import formats
 * (docs/import.md), for an empty registry. Scale 1 is today's programme: about 210 National Coalition members, 275
 * of the 342 municipalities signed up, 220 local coalitions with some 15 parties each, 100 collaborations and 30
 * pilots over 2018-2024. A larger scale multiplies the national organisations, the parties per coalition, the
 * collaborations and the pilots; the municipalities stay the 342 of the reference data, and so do the local
 * coalitions (one per municipality at most). Below 1 (a small dataset for tests) fewer municipalities take part.
 *
 * <p>Deterministic: every choice is a hash of the seed and the thing chosen for (SplitMix64), never a shared random
 * sequence, so the same seed writes byte-identical files and any row can be worked out again where it is needed (a
 * party's branch in the organisations file and its join in the local coalitions file). Streamed: rows are written as
 * they are made, in date order; what is held is the municipalities (a constant 342) and the rows still to come of
 * entities already begun (a leave, a confirmation), never the rows of a file.
 *
 * <p>Every organisation is named {@code (generated) ...} and every row carries the {@code source}
 * {@code generated: DatasetGenerator x<scale> seed <seed>}.
 */
public final class DatasetGenerator {

    private static final String GENERATE = "--generate=";
    /** The programme's records start on 1 March 2018; nothing is dated after 2024. */
    static final LocalDate START = LocalDate.of(2018, 3, 1);
    static final LocalDate END = LocalDate.of(2024, 12, 31);
    private static final int FIRST_YEAR = 2018;
    /** National Coalition joins per year at x1 (the published curve's steps: 65, 100, 137, 166, 176, 190, 206). */
    private static final int[] MEMBER_JOINS = {65, 35, 37, 29, 10, 14, 16};
    /** National organisations at x1 (a few more than the 206 members at the end, since some leave). */
    private static final int NATIONAL_ORGANISATIONS = 214;
    /** Municipality sign-ups per year (70, 128, 212, 263, ... joined by the end of each year). */
    private static final int[] MUNICIPALITY_JOINS = {70, 58, 84, 51, 4, 4, 4};
    private static final int MUNICIPALITY_LEAVES = 3;
    /** Parties besides the municipality itself, per local coalition at x1. */
    private static final int PARTIES = 14;
    private static final int COLLABORATIONS = 100;
    private static final int PILOTS = 30;
    private static final String[] SECTORS = {"CARE_AND_WELFARE", "CARE_AND_WELFARE", "CARE_AND_WELFARE", "COMPANIES",
        "COMPANIES", "COMPANIES", "UMBRELLA_BODIES", "UMBRELLA_BODIES", "CULTURE", "RELIGIOUS", "KNOWLEDGE", "SPORT",
        "FUNDS", "MEDIA", "PUBLIC", "HOUSING", "EDUCATION", "OTHER"};
    /** Party types of a local coalition's parties (the municipality aside), with their organisations' sector. */
    private static final String[][] PARTY_TYPES = {{"CARE_AND_WELFARE", "CARE_AND_WELFARE", "Welzijn"},
        {"CARE_AND_WELFARE", "CARE_AND_WELFARE", "Zorg"}, {"LIBRARY", "CULTURE", "Bibliotheek"},
        {"RESIDENTS", "OTHER", "Bewonersvereniging"}, {"ENTREPRENEURS", "COMPANIES", "Ondernemers"},
        {"EDUCATION", "EDUCATION", "School"}, {"FINANCIAL", "FUNDS", "Fonds"}, {"HOUSING", "HOUSING", "Woningcorporatie"},
        {"SPORT", "SPORT", "Sportvereniging"}, {"CULTURE", "CULTURE", "Cultuur"}, {"RELIGIOUS", "RELIGIOUS", "Kerk"},
        {"HEALTHCARE", "CARE_AND_WELFARE", "Huisartsen"}, {"NATIONAL_PARTNER_BRANCH", "COMPANIES", "Vestiging"},
        {"OTHER", "OTHER", "Initiatief"}};

    /** One file written, in load order. {@code kind} is the import kind's slug ({@code local-coalitions}). */
    public record DataFile(String kind, Path path, long rows, Map<String, Long> rowsByEvent) {
    }

    /** What {@link #write} wrote: the files in the order they must be imported. */
    public record Dataset(double scale, long seed, List<DataFile> files) {

        public long rows() {
            return files.stream().mapToLong(DataFile::rows).sum();
        }
    }

    private final double scale;
    private final long seed;
    private final String source;
    private final int nationals;
    private final int parties;
    private final int collaborationCount;
    private final int pilotCount;
    private final List<Municipality> municipalities;
    /** Participating municipalities, by join date. */
    private final List<Municipality> joined = new ArrayList<>();
    /** Local coalitions, by founding date. */
    private final List<Municipality> coalitions = new ArrayList<>();
    /** Participating municipalities that exist all along: the places of collaborations and pilots. */
    private final List<Municipality> places = new ArrayList<>();

    private DatasetGenerator(double scale, long seed) {
        if (!(scale > 0) || scale > 10_000) {
            throw new IllegalArgumentException("scale must be more than 0 and at most 10000; got " + scale);
        }
        this.scale = scale;
        this.seed = seed;
        this.source = "generated: DatasetGenerator x" + scaleName(scale) + " seed " + seed;
        this.nationals = Math.max(4, (int) Math.round(NATIONAL_ORGANISATIONS * scale));
        this.parties = Math.max(1, (int) Math.round(PARTIES * scale));
        this.collaborationCount = Math.max(1, (int) Math.round(COLLABORATIONS * scale));
        this.pilotCount = Math.max(1, (int) Math.round(PILOTS * scale));
        this.municipalities = readMunicipalities();
        planMunicipalities();
    }

    /**
     * Writes the dataset at {@code scale} (1 = today's programme; fractions such as 0.1 give a small one for tests)
     * into {@code dir} (created if needed; files of the same name are replaced).
     */
    public static Dataset write(double scale, long seed, Path dir) {
        return new DatasetGenerator(scale, seed).writeAll(dir);
    }

    /** {@code --generate=<scale>} ({@code x10}, {@code 10} or {@code 0.1}) is on the command line. */
    public static boolean requested(String[] args) {
        return Arrays.stream(args).anyMatch(arg -> arg.startsWith(GENERATE));
    }

    /**
     * {@code java -jar registry.jar --generate=x10 [--seed=42] [--out=<dir>]}: writes the files without starting the
     * registry and prints them in load order. Returns the exit code (0 written, 1 failed, 2 wrong arguments).
     */
    public static int run(String[] args, PrintStream out) {
        double scale;
        long seed;
        Path dir;
        try {
            String value = option(args, GENERATE, null);
            scale = Double.parseDouble(value.startsWith("x") ? value.substring(1) : value);
            seed = Long.parseLong(option(args, "--seed=", "42"));
            dir = Path.of(option(args, "--out=", "generated-x" + scaleName(scale)));
        } catch (IllegalArgumentException e) {
            out.println("Wrong arguments: " + e.getMessage() + ". Usage: java -jar registry.jar --generate=x10 "
                        + "[--seed=42] [--out=<dir>]");
            return 2;
        }
        try {
            long started = System.nanoTime();
            Dataset dataset = write(scale, seed, dir);
            for (DataFile file : dataset.files()) {
                out.println(file.path() + ": " + file.rows() + " rows " + file.rowsByEvent());
            }
            out.printf(Locale.ROOT, "%d rows in %d ms; import them in this order with --import=<kind>:<file>%n",
                       dataset.rows(), (System.nanoTime() - started) / 1_000_000);
            return 0;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            out.println("The dataset was not written: " + e.getMessage());
            return 1;
        }
    }

    private static String option(String[] args, String prefix, String otherwise) {
        String value = otherwise;
        for (String arg : args) {
            if (arg.startsWith(prefix)) {
                value = arg.substring(prefix.length());
            }
        }
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(prefix + " needs a value");
        }
        return value;
    }

    private static String scaleName(double scale) {
        return scale == Math.rint(scale) ? Long.toString((long) scale) : Double.toString(scale);
    }

    private Dataset writeAll(Path dir) {
        try {
            Files.createDirectories(dir);
            List<DataFile> files = new ArrayList<>();
            files.add(file(dir, "organisations", "orgKey,name,kind,sector,kvkNumber,parentKey,municipalityCode",
                           this::organisations));
            files.add(file(dir, "national-coalition", "orgKey,event,date,reason", this::nationalCoalition));
            files.add(file(dir, "municipalities", "municipalityCode,event,date,reason", this::municipalitySignUps));
            files.add(file(dir, "local-coalitions",
                           "coalitionKey,event,date,municipalityCode,name,phase,orgKey,partyType,role,reason",
                           this::localCoalitions));
            files.add(file(dir, "collaborations", "collaborationKey,event,date,orgKey,partyKeys,municipalityCodes,"
                                                  + "title,description,reason", this::collaborations));
            files.add(file(dir, "pilots", "pilotKey,event,date,orgKey,partnerKeys,municipalityCodes,title,goal,"
                                          + "outcome,reason", this::pilots));
            return new Dataset(scale, seed, List.copyOf(files));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Body {
        void write(Csv csv) throws IOException;
    }

    private DataFile file(Path dir, String kind, String header, Body body) throws IOException {
        Path path = dir.resolve(kind + ".csv");
        try (Csv csv = new Csv(Files.newBufferedWriter(path, StandardCharsets.UTF_8), header.split(",").length,
                               source)) {
            csv.header(header + ",source,sourceDate");
            body.write(csv);
            return new DataFile(kind, path, csv.rows, Collections.unmodifiableMap(csv.events));
        }
    }

    // ---- organisations ----------------------------------------------------------------------------------------

    private void organisations(Csv csv) throws IOException {
        for (int i = 0; i < nationals; i++) {
            csv.row(null, nationalKey(i), "(generated) Organisation " + number(i + 1, nationals), "NATIONAL",
                    SECTORS[pick(SECTORS.length, Tag.SECTOR, i)], "", "", "");
        }
        for (int c = 0; c < coalitions.size(); c++) {
            Municipality m = coalitions.get(c);
            for (int k = 0; k < parties; k++) {
                String[] type = partyType(m, k);
                csv.row(null, partyKey(m, k), "(generated) " + type[2] + " " + m.name + " " + number(k + 1, parties),
                        "LOCAL", type[1], "", nationalKey(pick(nationals, Tag.PARENT, m.number, k)), m.code);
            }
        }
    }

    private String nationalKey(int i) {
        return "gen-national-" + number(i + 1, nationals);
    }

    private static String partyKey(Municipality m, int k) {
        return "gen-local-" + m.code + "-" + (k + 1);
    }

    private String[] partyType(Municipality m, int k) {
        return PARTY_TYPES[pick(PARTY_TYPES.length, Tag.PARTY_TYPE, m.number, k)];
    }

    // ---- the National Coalition -------------------------------------------------------------------------------

    /** Organisation i joins as the i-th, on a day spread over its year; some leave after one to four years. */
    private void nationalCoalition(Csv csv) throws IOException {
        Agenda leaves = new Agenda();
        int[] perYear = proportional(MEMBER_JOINS, nationals);
        int i = 0;
        for (int y = 0; y < perYear.length; y++) {
            for (int k = 0; k < perYear[y]; k++, i++) {
                int day = spread(FIRST_YEAR + y, k, perYear[y], Tag.MEMBER_JOIN, i);
                while (leaves.dueOn(day)) {
                    long[] leave = leaves.poll();
                    csv.row("LEAVE", nationalKey((int) leave[2]), date(leave[0]), "stopped its membership (generated)");
                }
                csv.row("JOIN", nationalKey(i), date(day), "");
                if (chance(0.08, Tag.MEMBER_LEAVE, i)) {
                    int leftOn = day + 365 + pick(1100, Tag.MEMBER_LEAVE_DAY, i);
                    if (leftOn <= epochDay(END)) {
                        leaves.add(leftOn, i, 0);
                    }
                }
            }
        }
        while (!leaves.isEmpty()) {
            long[] leave = leaves.poll();
            csv.row("LEAVE", nationalKey((int) leave[2]), date(leave[0]), "stopped its membership (generated)");
        }
    }

    // ---- municipalities ---------------------------------------------------------------------------------------

    /**
     * Which municipalities sign up when (each on a day it exists), which of them leave again and which found a local
     * coalition: constant work on the 342 municipalities, whatever the scale.
     */
    private void planMunicipalities() {
        List<Municipality> order = new ArrayList<>(municipalities);
        order.sort(Comparator.comparingLong(m -> hash(Tag.MUNICIPALITY_ORDER, m.number)));
        // Below scale 1 (a small dataset for tests) fewer municipalities take part, too.
        int[] perYear = proportional(MUNICIPALITY_JOINS, (int) Math.round(Arrays.stream(MUNICIPALITY_JOINS).sum()
                                                                          * Math.min(1, scale)));
        int slot = 0;
        for (int y = 0; y < perYear.length; y++) {
            for (int k = 0; k < perYear[y]; k++, slot++) {
                int day = spread(FIRST_YEAR + y, k, perYear[y], Tag.MUNICIPALITY_JOIN, slot);
                Municipality m = order.stream().filter(c -> c.joinedOn < 0 && c.existsFrom <= day).findFirst()
                                      .orElseThrow();
                m.joinedOn = day;
                joined.add(m);
            }
        }
        joined.sort(Comparator.comparingInt((Municipality m) -> m.joinedOn).thenComparing(m -> m.code));
        int leaves = 0;
        for (Municipality m : joined) {
            int founded = m.joinedOn + pick(400, Tag.FOUNDED, m.number);
            if (chance(0.79, Tag.COALITION, m.number) && founded <= epochDay(END) - 60) {
                m.foundedOn = founded;
            } else if (leaves < MUNICIPALITY_LEAVES && m.joinedOn < epochDay(LocalDate.of(2021, 1, 1))) {
                m.leftOn = epochDay(LocalDate.of(2022 + leaves % 2, 3 + 3 * leaves, 1));
                leaves++;
            }
        }
        joined.stream().filter(m -> m.foundedOn >= 0).forEach(coalitions::add);
        joined.stream().filter(m -> m.existsFrom == Integer.MIN_VALUE).forEach(places::add);
        coalitions.sort(Comparator.comparingInt((Municipality m) -> m.foundedOn).thenComparing(m -> m.code));
    }

    private void municipalitySignUps(Csv csv) throws IOException {
        List<long[]> rows = new ArrayList<>();
        for (int i = 0; i < joined.size(); i++) {
            rows.add(new long[] {joined.get(i).joinedOn, 1, i});
            if (joined.get(i).leftOn >= 0) {
                rows.add(new long[] {joined.get(i).leftOn, 0, i});
            }
        }
        rows.sort(Comparator.<long[]>comparingLong(r -> r[0]).thenComparingLong(r -> r[1])
                            .thenComparingLong(r -> r[2]));
        for (long[] row : rows) {
            Municipality m = joined.get((int) row[2]);
            if (row[1] == 0) {
                csv.row("LEAVE", m.code, date(row[0]), "stopped taking part (generated)");
            } else {
                csv.row("JOIN", m.code, date(row[0]), "");
            }
        }
    }

    // ---- local coalitions -------------------------------------------------------------------------------------

    /**
     * Day by day: what falls due (a party leaving, a phase change), then each coalition's founding and the parties
     * joining that day. A coalition's parties join spread over its first three years.
     */
    private void localCoalitions(Csv csv) throws IOException {
        Agenda agenda = new Agenda();
        int[] nextParty = new int[coalitions.size()];
        for (int day = epochDay(START); day <= epochDay(END); day++) {
            while (agenda.dueOn(day)) {
                long[] due = agenda.poll();
                Municipality m = coalitions.get((int) due[2]);
                int step = (int) due[3];
                if (step < 0) {
                    csv.row("PHASE", key(m), date(day), "", "", step == -1 ? "INITIATING" : "ESTABLISHED", "", "", "",
                            "");
                } else {
                    csv.row("LEAVE", key(m), date(day), "", "", "", partyKey(m, step), "", "",
                            "no longer takes part (generated)");
                }
            }
            for (int c = 0; c < coalitions.size(); c++) {
                Municipality m = coalitions.get(c);
                if (m.foundedOn == day) {
                    String municipality = "municipality-" + m.code;
                    csv.row("FOUND", key(m), date(day), m.code, "", "EXPLORING", "", "", "", "");
                    csv.row("JOIN", key(m), date(day), "", "", "", municipality, "MUNICIPALITY", "ACTIVE", "");
                    csv.row("LEAD", key(m), date(day), "", "", "", municipality, "", "", "");
                    int initiating = day + 200 + pick(300, Tag.PHASE, m.number, 1);
                    int established = initiating + 300 + pick(500, Tag.PHASE, m.number, 2);
                    if (initiating <= epochDay(END)) {
                        agenda.add(initiating, c, -1);
                        if (chance(0.67, Tag.PHASE, m.number, 3) && established <= epochDay(END)) {
                            agenda.add(established, c, -2);
                        }
                    }
                }
                while (m.foundedOn >= 0 && m.foundedOn <= day && nextParty[c] < parties
                       && partyJoinedOn(m, nextParty[c]) == day) {
                    int k = nextParty[c]++;
                    csv.row("JOIN", key(m), date(day), "", "", "", partyKey(m, k), partyType(m, k)[0],
                            chance(0.15, Tag.ROLE, m.number, k) ? "INFORMED" : "ACTIVE", "");
                    int leftOn = day + 180 + pick(900, Tag.PARTY_LEAVE_DAY, m.number, k);
                    if (chance(0.1, Tag.PARTY_LEAVE, m.number, k) && leftOn <= epochDay(END)) {
                        agenda.add(leftOn, c, k);
                    }
                }
            }
        }
    }

    private int partyJoinedOn(Municipality m, int k) {
        int last = Math.min(m.foundedOn + 3 * 365, epochDay(END));
        return m.foundedOn + (int) ((k + unit(Tag.PARTY_JOIN, m.number, k)) * (last - m.foundedOn + 1) / parties);
    }

    private static String key(Municipality m) {
        return "gen-coalition-" + m.code;
    }

    // ---- collaborations ---------------------------------------------------------------------------------------

    /**
     * Proposed over 2019-2024 by a national organisation with one to three others, sometimes in a few municipalities.
     * The others confirm one by one within two months (the last confirmation makes it active from its start), or one
     * of them declines; a quarter of the active ones end after half a year to two and a half years.
     */
    private void collaborations(Csv csv) throws IOException {
        int count = collaborationCount;
        Agenda agenda = new Agenda();
        int first = epochDay(LocalDate.of(2019, 1, 1));
        int span = epochDay(LocalDate.of(2024, 10, 1)) - first;
        for (int j = 0; j < count; j++) {
            int day = first + (int) ((j + unit(Tag.PROPOSED, j)) * span / count);
            while (agenda.dueOn(day)) {
                collaborationStep(csv, agenda, agenda.poll());
            }
            collaborationStep(csv, agenda, new long[] {day, 0, j, 0});
        }
        while (!agenda.isEmpty()) {
            collaborationStep(csv, agenda, agenda.poll());
        }
    }

    /** Step 0 proposes, 1..n are the other parties' answers, n + 1 ends it. */
    private void collaborationStep(Csv csv, Agenda agenda, long[] due) throws IOException {
        int j = (int) due[2];
        int step = (int) due[3];
        int day = (int) due[0];
        int[] parties = distinct(nationals, 2 + pick(3, Tag.PARTIES, j), Tag.PARTY, j);
        int proposedOn = step == 0 ? day : (int) due[1];
        String key = "gen-collaboration-" + number(j + 1, collaborationCount);
        int declining = chance(0.08, Tag.DECLINE, j) ? 1 + pick(parties.length - 1, Tag.DECLINE, j, 1) : -1;
        if (step == 0) {
            List<String> others = new ArrayList<>();
            for (int p = 1; p < parties.length; p++) {
                others.add(nationalKey(parties[p]));
            }
            int municipalityCount = chance(0.4, Tag.COLLABORATION_PLACES, j) ? 1 + pick(3, Tag.COLLABORATION_PLACES, j, 1)
                    : 0;
            List<String> codes = new ArrayList<>();
            for (int p : distinct(places.size(), municipalityCount, Tag.COLLABORATION_PLACE, j)) {
                codes.add(places.get(p).code);
            }
            csv.row("PROPOSE", key, date(day), nationalKey(parties[0]), String.join(";", others),
                    String.join(";", codes), "(generated) Collaboration " + number(j + 1, collaborationCount),
                    "a joint activity against loneliness (generated)", "");
        } else if (step < parties.length) {
            if (step == declining) {
                csv.row("DECLINE", key, date(day), nationalKey(parties[step]), "", "", "", "", "no capacity (generated)");
                return;
            }
            csv.row("CONFIRM", key, date(day), nationalKey(parties[step]), "", "", "", "", "");
        } else {
            csv.row("END", key, date(day), "", "", "", "", "", "the activity was completed (generated)");
            return;
        }
        int next = step + 1;
        if (next < parties.length) {
            int answerOn = day + 1 + pick(60, Tag.ANSWER, j, next);
            if (answerOn <= epochDay(END)) {
                agenda.add(answerOn, proposedOn, j, next);
            }
        } else if (declining < 0 && chance(0.25, Tag.COLLABORATION_END, j)) {
            int endedOn = Math.max(day, proposedOn) + 180 + pick(730, Tag.COLLABORATION_END, j, 1);
            if (endedOn <= epochDay(END)) {
                agenda.add(endedOn, proposedOn, j, next);
            }
        }
    }

    // ---- pilots -----------------------------------------------------------------------------------------------

    /**
     * Started over 2019-2024 by a national organisation, with up to two partners, in one to three municipalities that
     * exist then; most are extended to one or two more, evaluated, and then converted into a durable project or
     * stopped.
     */
    private void pilots(Csv csv) throws IOException {
        int count = pilotCount;
        Agenda agenda = new Agenda();
        int first = epochDay(LocalDate.of(2019, 1, 1));
        int span = epochDay(LocalDate.of(2024, 6, 1)) - first;
        for (int j = 0; j < count; j++) {
            int day = first + (int) ((j + unit(Tag.STARTED, j)) * span / count);
            while (agenda.dueOn(day)) {
                pilotStep(csv, agenda, agenda.poll(), count);
            }
            pilotStep(csv, agenda, new long[] {day, 0, j, 0}, count);
        }
        while (!agenda.isEmpty()) {
            pilotStep(csv, agenda, agenda.poll(), count);
        }
    }

    /** Steps: 0 start, 1 extend, 2 evaluate, 3 convert, 4 stop; each schedules the next that happens. */
    private void pilotStep(Csv csv, Agenda agenda, long[] due, int count) throws IOException {
        int j = (int) due[2];
        int step = (int) due[3];
        int day = (int) due[0];
        String key = "gen-pilot-" + number(j + 1, count);
        int startedOn = step == 0 ? day : (int) due[1];
        // Its places: the first ones where it starts, the rest where it is extended to.
        int[] places = distinct(this.places.size(), 5, Tag.PILOT_PLACE, j);
        int starting = 1 + pick(3, Tag.PILOT_PLACES, j);
        switch (step) {
            case 0 -> {
                int[] partners = distinct(nationals, 1 + pick(3, Tag.PILOT_PARTNERS, j), Tag.PILOT_PARTNER, j);
                List<String> others = new ArrayList<>();
                for (int p = 1; p < partners.length; p++) {
                    others.add(nationalKey(partners[p]));
                }
                csv.row("START", key, date(day), nationalKey(partners[0]), String.join(";", others),
                        codes(places, 0, starting), "(generated) Pilot " + number(j + 1, count),
                        "fewer lonely residents (generated)", "", "");
            }
            case 1 -> csv.row("EXTEND", key, date(day), "", "", codes(places, starting, places.length), "", "", "",
                              "");
            case 2 -> csv.row("EVALUATE", key, date(day), "", "", "", "", "",
                              chance(0.6, Tag.OUTCOME, j) ? "promising (generated)" : "mixed results (generated)", "");
            case 3 -> csv.row("CONVERT", key, date(day), "", "", "", "", "", "", "");
            default -> csv.row("STOP", key, date(day), "", "", "", "", "", "",
                               "the approach did not fit (generated)");
        }
        int next;
        int on;
        if (step == 0) {
            boolean extended = starting < places.length && chance(0.6, Tag.EXTEND, j);
            next = extended ? 1 : 2;
            on = day + (extended ? 90 + pick(300, Tag.EXTEND, j, 1) : 180 + pick(400, Tag.EVALUATE, j));
        } else if (step == 1) {
            next = 2;
            on = day + 60 + pick(300, Tag.EVALUATE, j);
        } else if (step == 2) {
            double fate = unit(Tag.FATE, j);
            if (fate >= 0.7) {
                return;
            }
            next = fate < 0.4 ? 3 : 4;
            on = day + 30 + pick(300, Tag.FATE, j, 1);
        } else {
            return;
        }
        if (on <= epochDay(END)) {
            agenda.add(on, startedOn, j, next);
        }
    }

    private String codes(int[] chosen, int from, int to) {
        List<String> codes = new ArrayList<>();
        for (int p = from; p < to; p++) {
            codes.add(places.get(chosen[p]).code);
        }
        return String.join(";", codes);
    }

    // ---- choices ----------------------------------------------------------------------------------------------

    /** What a choice is for: the same seed and tag give the same choice, different tags independent ones. */
    private enum Tag {
        SECTOR, PARENT, PARTY_TYPE, MEMBER_JOIN, MEMBER_LEAVE, MEMBER_LEAVE_DAY, MUNICIPALITY_ORDER, MUNICIPALITY_JOIN,
        FOUNDED, COALITION, PHASE, PARTY_JOIN, ROLE, PARTY_LEAVE, PARTY_LEAVE_DAY, PROPOSED, PARTIES, PARTY, DECLINE,
        COLLABORATION_PLACES, COLLABORATION_PLACE, ANSWER, COLLABORATION_END, STARTED, PILOT_PLACE, PILOT_PLACES,
        PILOT_PARTNERS, PILOT_PARTNER, OUTCOME, EXTEND, EVALUATE, FATE
    }

    private long hash(Tag tag, long... parts) {
        long h = mix(seed + 0x9E3779B97F4A7C15L * (tag.ordinal() + 1));
        for (long part : parts) {
            h = mix(h ^ mix(part + 0x632BE59BD9B4E019L));
        }
        return h;
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** In [0, 1). */
    private double unit(Tag tag, long... parts) {
        return (hash(tag, parts) >>> 11) * 0x1.0p-53;
    }

    private int pick(int n, Tag tag, long... parts) {
        return (int) (unit(tag, parts) * n);
    }

    private boolean chance(double p, Tag tag, long... parts) {
        return unit(tag, parts) < p;
    }

    /** {@code count} distinct numbers below {@code n} (count at most n). */
    private int[] distinct(int n, int count, Tag tag, long entity) {
        int wanted = Math.min(count, n);
        int[] chosen = new int[wanted];
        Set<Integer> seen = new HashSet<>();
        for (int i = 0, attempt = 0; i < wanted; attempt++) {
            int value = pick(n, tag, entity, attempt);
            if (seen.add(value)) {
                chosen[i++] = value;
            }
        }
        return chosen;
    }

    /** The k-th of {@code count} days spread over the year, in order (the programme's first year from 1 March). */
    private int spread(int year, int k, int count, Tag tag, long entity) {
        int from = epochDay(year == FIRST_YEAR ? START : LocalDate.of(year, 1, 1));
        int days = epochDay(LocalDate.of(year, 12, 31)) - from + 1;
        return from + (int) ((k + unit(tag, entity)) * days / count);
    }

    /** The counts scaled to add up to {@code total}, each at least its share rounded down. */
    private static int[] proportional(int[] counts, int total) {
        int sum = Arrays.stream(counts).sum();
        int[] scaled = new int[counts.length];
        int given = 0;
        for (int i = 0; i < counts.length; i++) {
            scaled[i] = (int) ((long) counts[i] * total / sum);
            given += scaled[i];
        }
        for (int i = 0; given < total; i = (i + 1) % counts.length, given++) {
            scaled[i]++;
        }
        return scaled;
    }

    private static int epochDay(LocalDate date) {
        return (int) date.toEpochDay();
    }

    private static String date(long epochDay) {
        return LocalDate.ofEpochDay(epochDay).toString();
    }

    /** Zero-padded to the width of {@code of}, so that keys and names sort in order. */
    private static String number(int value, int of) {
        String digits = Integer.toString(value);
        int width = Math.max(3, Integer.toString(of).length());
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    // ---- municipalities of the reference data -----------------------------------------------------------------

    private static final class Municipality {
        final String code;
        final String name;
        /** Its CBS number, for the choices about it. */
        final int number;
        final int existsFrom;
        int joinedOn = -1;
        int leftOn = -1;
        int foundedOn = -1;

        Municipality(String code, String name, int existsFrom) {
            this.code = code;
            this.name = name;
            this.number = Integer.parseInt(code.substring(2));
            this.existsFrom = existsFrom;
        }
    }

    /** The 342 municipalities of 2024; one formed by a reorganisation since 2019 exists from that day. */
    private static List<Municipality> readMunicipalities() {
        Map<String, Integer> formedOn = new HashMap<>();
        for (String[] row : readCsv("reference/municipal-mergers-2019-2024.csv")) {
            if (row[4].equals("true")) {
                formedOn.merge(row[1], epochDay(LocalDate.parse(row[0])), Math::min);
            }
        }
        Map<String, Municipality> byCode = new TreeMap<>();
        for (String[] row : readCsv("reference/municipalities-nl-2024.csv")) {
            byCode.put(row[0], new Municipality(row[0], row[1], formedOn.getOrDefault(row[0], Integer.MIN_VALUE)));
        }
        return List.copyOf(byCode.values());
    }

    /** The rows after the header; the reference files have no quoted commas. */
    private static List<String[]> readCsv(String resource) {
        InputStream in = DatasetGenerator.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("The reference file " + resource + " is not on the class path");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().skip(1).filter(line -> !line.isBlank()).map(line -> line.split(",", -1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- writing ----------------------------------------------------------------------------------------------

    /** Rows scheduled for a later day, by day, then in the order they were scheduled. */
    private static final class Agenda {
        private final PriorityQueue<long[]> queue = new PriorityQueue<>(
                Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[4]));
        private long scheduled;

        /** {@code {day, context, entity, step}}. */
        void add(long day, long context, long entity, long step) {
            queue.add(new long[] {day, context, entity, step, scheduled++});
        }

        void add(long day, long entity, long step) {
            add(day, 0, entity, step);
        }

        boolean dueOn(long day) {
            return !queue.isEmpty() && queue.peek()[0] <= day;
        }

        boolean isEmpty() {
            return queue.isEmpty();
        }

        long[] poll() {
            return queue.poll();
        }
    }

    /** A CSV file being written: the header, then rows of the fact's columns plus the source. */
    private static final class Csv implements AutoCloseable {
        private final Writer writer;
        private final int columns;
        private final String source;
        long rows;
        final Map<String, Long> events = new LinkedHashMap<>();

        Csv(BufferedWriter writer, int columns, String source) {
            this.writer = writer;
            this.columns = columns;
            this.source = source;
        }

        void header(String header) throws IOException {
            writer.write(header);
            writer.write('\n');
        }

        /**
         * The values of the fact's columns in the header's order; {@code event} (counted) is the second column's
         * value, or {@code null} for a file without events.
         */
        void row(String event, String first, String... rest) throws IOException {
            List<String> values = new ArrayList<>(columns + 2);
            values.add(first);
            if (event != null) {
                values.add(event);
            }
            values.addAll(Arrays.asList(rest));
            if (values.size() != columns) {
                throw new IllegalStateException("A row of " + values.size() + " values for " + columns + " columns");
            }
            values.add(source);
            values.add("");
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    writer.write(',');
                }
                writer.write(quoted(values.get(i)));
            }
            writer.write('\n');
            rows++;
            events.merge(event == null ? "REGISTER" : event, 1L, Long::sum);
        }

        private static String quoted(String value) {
            if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
                return value;
            }
            return '"' + value.replace("\"", "\"\"") + '"';
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }
}
