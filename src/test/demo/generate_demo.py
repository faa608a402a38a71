#!/usr/bin/env python3
"""Writes the demo dataset (src/main/resources/demo/*.csv) in the import formats of docs/import.md.

Deterministic: no randomness beyond SHA-256 of fixed strings, so running it again gives the same files.
Run from the repository root: python3 src/test/demo/generate_demo.py. The figures it reproduces and the choices it
makes are described in docs/demo.md; DemoTest checks them on a registry that loaded the files.
"""
import csv
import datetime as dt
import hashlib
import os

OUT = "src/main/resources/demo"
REFERENCE = "src/main/resources/reference"
GENERATED = "demo: generated (docs/demo.md)"
PLAN = "Vervolgaanpak Eén tegen eenzaamheid 2022-2025 (programmeplan, infographic december 2021)"
LETTER_2024 = "Voortgangsbrief Eén tegen eenzaamheid 2024 (Kamerbrief)"
ANNUAL_2022 = "Jaarverslag VWS 2022, beleidsconclusies Eén tegen eenzaamheid"
MEMO_2022 = "Nota Aanbieding TK Voortgangsrapportage 2022 Eén tegen eenzaamheid"

# National Coalition members at the end of each year (2022: the annual report's 176; 169 on 30 September 2022).
MEMBERS = {2018: 65, 2019: 100, 2020: 137, 2021: 166, 2022: 176, 2023: 190, 2024: 206}
MEMBERS_SEPT_2022 = 169
# Municipalities taking part at the end of each year: 76% of 345 (2022) is 262, 80% of 342 (2024) is 274.
JOINED = {2018: 70, 2019: 128, 2020: 212, 2021: 263, 2022: 262, 2023: 268, 2024: 274}
# Municipalities with a local coalition at the end of each year: about 80% of those taking part, 81% in 2024.
COALITIONS = {2018: 56, 2019: 102, 2020: 170, 2021: 210, 2022: 210, 2023: 215, 2024: 222}

NAMED_2024 = [("mbo-raad", "MBO Raad", "EDUCATION"), ("mantelzorgnl", "MantelzorgNL", "CARE_AND_WELFARE"),
              ("vob", "Vereniging van Openbare Bibliotheken", "UMBRELLA_BODIES"),
              ("vrouwen-van-nu", "Vrouwen van Nu", "OTHER"), ("emb-nederland", "EMB Nederland", "CARE_AND_WELFARE"),
              ("abcdate", "ABCdate", "CARE_AND_WELFARE"), ("kinderpostzegels", "Stichting Kinderpostzegels", "FUNDS"),
              ("coc-nederland", "COC Nederland", "OTHER")]
NAMED_EARLIER = [("jumbo", "Jumbo", "COMPANIES"), ("postnl", "PostNL", "COMPANIES"),
                 ("regiobank", "RegioBank", "COMPANIES"), ("albert-heijn", "Albert Heijn", "COMPANIES"),
                 ("beter-horen", "Beter Horen", "COMPANIES"), ("deloitte", "Deloitte", "COMPANIES"),
                 ("de-luisterlijn", "De Luisterlijn", "CARE_AND_WELFARE"), ("ns", "NS", "COMPANIES"),
                 ("prorail", "ProRail", "COMPANIES"), ("join-us", "Join Us", "CARE_AND_WELFARE"),
                 ("mind-us", "Mind Us", "CARE_AND_WELFARE"), ("resto-vanharte", "Resto VanHarte", "CARE_AND_WELFARE"),
                 ("het-zuidelijk-toneel", "Het Zuidelijk Toneel", "CULTURE"),
                 ("sociaal-werk-nederland", "Sociaal Werk Nederland", "UMBRELLA_BODIES"),
                 ("movisie", "Movisie", "KNOWLEDGE"), ("oranje-fonds", "Oranje Fonds", "FUNDS"),
                 ("zonmw", "ZonMw", "KNOWLEDGE"), ("kunstmuseum-den-haag", "Kunstmuseum Den Haag", "CULTURE"),
                 ("stichting-thuisgekookt", "Stichting Thuisgekookt", "CARE_AND_WELFARE")]
# Generated members' sectors, in proportions like the coalition's (companies and care and welfare the largest).
SECTORS = ["CARE_AND_WELFARE"] * 5 + ["COMPANIES"] * 4 + ["UMBRELLA_BODIES"] * 2 + [
    "KNOWLEDGE", "CULTURE", "RELIGIOUS", "SPORT", "FUNDS", "MEDIA", "PUBLIC", "HOUSING", "EDUCATION"]
BORSSELE = ("GM0654", dt.date(2022, 2, 25))
# A named fact whose year the document gives, but not its day.
DAY_GENERATED = "; day generated (docs/demo.md)"
# A named fact whose date the documents do not give at all.
DATE_GENERATED = "; date generated (docs/demo.md)"
END_OF_DATA = dt.date(2024, 12, 31)
# Collaborations that start each year, named ones included (about 100 over 2018-2024; more each year, as the
# programme plan and the annual report say the members seek each other out more and more).
COLLABORATIONS = {2018: 4, 2019: 8, 2020: 12, 2021: 16, 2022: 18, 2023: 20, 2024: 22}
# Pilots that start each year, named ones included (about 30).
PILOTS = {2018: 2, 2019: 4, 2020: 6, 2021: 6, 2022: 5, 2023: 4, 2024: 3}
# PostNL's signalling by post and parcel deliverers runs in 260 municipalities at the end of 2024.
POSTNL_MUNICIPALITIES = 260

# (key, title, proposer, other parties, municipalities, year, source): the letter names them in 2024; the first three
# started in the week against loneliness of 2024, the year of the last one is chosen (with the project it serves).
NAMED_COLLABORATIONS = [
    ("steljevoor", "Steljevoor-campagne onder treinreizigers", "ns", ["prorail", "join-us"], ["GM0546"], 2024,
     LETTER_2024 + DAY_GENERATED),
    ("resto-vanharte-zaandam", "Resto VanHarte Zaandam", "resto-vanharte", ["albert-heijn"], ["GM0479"], 2024,
     LETTER_2024 + DAY_GENERATED),
    ("beter-horen-luisterlijn", "Beter Horen en De Luisterlijn", "beter-horen", ["de-luisterlijn"], [], 2024,
     LETTER_2024 + DAY_GENERATED),
    ("signaleren-bezorgers", "Signaleren van eenzaamheid door post- en pakketbezorgers", "postnl",
     ["sociaal-werk-nederland"], [], 2022, LETTER_2024 + DATE_GENERATED),
]


def h(text):
    return int(hashlib.sha256(text.encode()).hexdigest(), 16)


def day_in(year, key, first=None, last=None):
    first = first or dt.date(year, 1, 1)
    last = last or dt.date(year, 12, 31)
    return first + dt.timedelta(days=h(key) % ((last - first).days + 1))


def write(name, header, rows):
    with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def members():
    """Organisations and their joins: the named ones with the year the documents give, the rest generated."""
    orgs, joins = [], []
    # The programme started in 2018; members joined from March on.
    per_year = {y: MEMBERS[y] - MEMBERS.get(y - 1, 0) for y in MEMBERS}
    named_by_year = {2024: NAMED_2024}
    for i, org in enumerate(NAMED_EARLIER):
        named_by_year.setdefault(2018 + i % 4, []).append(org)
    number = 0
    for year in sorted(MEMBERS):
        named = named_by_year.get(year, [])
        count = per_year[year]
        entries = []
        for key, name, sector in named:
            source = LETTER_2024 if year == 2024 else PLAN
            entries.append((key, name, sector, source))
        while len(entries) < count:
            number += 1
            key = "gen-%03d" % number
            entries.append((key, "(generated) Organisation %03d" % number, SECTORS[h(key) % len(SECTORS)], GENERATED))
        first = dt.date(2018, 3, 1) if year == 2018 else None
        dates = sorted(day_in(year, "member:" + e[0], first) for e in entries)
        if year == 2022:
            # 169 on 30 September 2022 (the infographic of September), 176 at the end of the year.
            early = MEMBERS_SEPT_2022 - MEMBERS[2021]
            dates = sorted(day_in(2022, "m:%d" % i, last=dt.date(2022, 9, 30)) for i in range(early)) + sorted(
                day_in(2022, "m:%d" % i, first=dt.date(2022, 10, 1)) for i in range(early, count))
        for (key, name, sector, source), date in zip(sorted(entries, key=lambda e: h("order:" + e[0])), dates):
            orgs.append([key, name, "NATIONAL", sector, "", "", "", source, ""])
            joins.append([key, "JOIN", date.isoformat(), "", source, ""])
    orgs.sort(key=lambda r: r[0])
    joins.sort(key=lambda r: (r[2], r[0]))
    return orgs, joins


def municipalities():
    """Sign-ups of municipalities that exist unchanged from 2018 to 2024 (see docs/demo.md), in a fixed order."""
    formed = set()
    with open(os.path.join(REFERENCE, "municipal-mergers-2019-2024.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["new_is_formed"] == "true":
                formed.add(r["new_code"])
    with open(os.path.join(REFERENCE, "municipalities-nl-2024.csv"), encoding="utf-8") as f:
        pool = [r["cbs_code"] for r in csv.DictReader(f) if r["cbs_code"] not in formed]
    pool.sort(key=lambda c: h("municipality:" + c))
    pool.remove(BORSSELE[0])
    rows, joined = [], {}
    taken = 0
    previous = 0
    leavers = []
    for year in sorted(JOINED):
        if year == 2022:
            # Borssele signed on 25 February 2022; two municipalities stop, so that 262 (76% of 345) take part.
            joined[BORSSELE[0]] = BORSSELE[1]
            rows.append([BORSSELE[0], "JOIN", BORSSELE[1].isoformat(), "", PLAN, ""])
            new = 0
        else:
            new = JOINED[year] - previous
        first = dt.date(2018, 3, 1) if year == 2018 else None
        for code in pool[taken:taken + new]:
            date = day_in(year, "join:" + code, first)
            joined[code] = date
            rows.append([code, "JOIN", date.isoformat(), "", GENERATED, ""])
        taken += new
        previous = JOINED[year]
    return rows, joined, pool


def collaborations(member_since, joined, leavers):
    """Collaborations: the four the documents name, the rest generated between members of the National Coalition."""
    rows = []
    taking_part = sorted(c for c in joined if c not in leavers)
    number = 0
    for year in sorted(COLLABORATIONS):
        named = [c for c in NAMED_COLLABORATIONS if c[5] == year]
        entries = [(key, title, proposer, others, codes, source)
                   for key, title, proposer, others, codes, _, source in named]
        while len(entries) < COLLABORATIONS[year]:
            number += 1
            key = "gen-collaboration-%03d" % number
            entries.append((key, "(generated) Collaboration %03d" % number, None, None, None, GENERATED))
        for key, title, proposer, others, codes, source in entries:
            if year == 2024 and source != GENERATED:
                # The letter names them from the week against loneliness (26 September - 3 October 2024).
                starts = day_in(year, "collaboration:" + key, dt.date(2024, 9, 26), dt.date(2024, 10, 3))
            else:
                starts = day_in(year, "collaboration:" + key, dt.date(2018, 6, 1) if year == 2018 else None)
            if proposer is None:
                # Two or three members that joined before it starts; one in three in one or two municipalities.
                members = sorted((m for m, since in member_since.items() if since < starts),
                                 key=lambda m: h(key + ":" + m))
                parties = members[:2 + (h("parties:" + key) % 4 == 0)]
                proposer, others = parties[0], parties[1:]
                codes = []
                if h("places:" + key) % 3 == 0:
                    eligible = [c for c in taking_part if joined[c] < starts]
                    codes = sorted(eligible, key=lambda c: h(key + ":" + c))[:1 + h("more:" + key) % 2]
            rows.append([key, "PROPOSE", starts.isoformat(), proposer, ";".join(others), ";".join(codes), title, "",
                         "", source, ""])
            fate = h("fate:" + key) % 20
            answered = starts + dt.timedelta(days=h("answered:" + key) % 21)
            if answered > END_OF_DATA or (source == GENERATED and year == 2024 and fate == 0):
                continue  # still waiting for an answer at the end of 2024
            if source == GENERATED and fate == 1:
                rows.append([key, "DECLINE", answered.isoformat(), others[0], "", "", "", "",
                             "no capacity this year (generated)", GENERATED, ""])
                continue
            for other in others:
                rows.append([key, "CONFIRM", answered.isoformat(), other, "", "", "", "", "", source, ""])
            if source == GENERATED and fate >= 14:
                ends = starts + dt.timedelta(days=365 + h("ends:" + key) % 730)
                if ends <= END_OF_DATA:
                    rows.append([key, "END", ends.isoformat(), "", "", "", "", "", "completed (generated)", GENERATED,
                                 ""])
    rank = {"PROPOSE": 0, "CONFIRM": 1, "DECLINE": 2, "END": 3}
    rows.sort(key=lambda r: (r[2], rank[r[1]], r[0], r[3]))
    return rows


def pilots(member_since, joined, leavers, pool):
    """Pilots: the five the documents name (PostNL's became a project), the rest generated."""
    rows = []
    taking_part = sorted(c for c in joined if c not in leavers)

    def places(key, on, count):
        """Municipalities taking part on the day, in an order of the key's own."""
        return sorted((c for c in taking_part if joined[c] <= on), key=lambda c: h(key + ":" + c))[:count]

    def start(key, on, partner, partners, codes, title, goal, source):
        rows.append([key, "START", on.isoformat(), partner, ";".join(partners), ";".join(codes), title, goal, "", "",
                     source, ""])

    # PostNL: started in 2020 (programme plan), converted into a durable project in 2022, in 260 municipalities at
    # the end of 2024 (progress letter); the extensions in between are generated.
    postnl_start = day_in(2020, "pilot:postnl")
    postnl_places = sorted(pool, key=lambda c: h("postnl:" + c))[:POSTNL_MUNICIPALITIES]
    start("postnl-signaleren", postnl_start, "postnl", ["sociaal-werk-nederland"], postnl_places[:4],
          "Pakketbezorgers signaleren eenzaamheid", "Bezorgers geven hun zorgen door aan het Signaalpunt",
          PLAN + DAY_GENERATED)
    converted = day_in(2022, "convert:postnl", last=dt.date(2022, 8, 31))
    rows.append(["postnl-signaleren", "CONVERT", converted.isoformat(), "", "", "", "", "", "", "",
                 PLAN + DAY_GENERATED, ""])
    steps = [(dt.date(2021, 6, 1), 10), (converted, 40), (dt.date(2023, 1, 1), 90), (dt.date(2023, 7, 1), 150),
             (dt.date(2024, 1, 1), 210), (dt.date(2024, 6, 1), POSTNL_MUNICIPALITIES)]
    reached = 4
    for on, total in steps:
        source = LETTER_2024 + DAY_GENERATED if total == POSTNL_MUNICIPALITIES else GENERATED
        rows.append(["postnl-signaleren", "EXTEND", on.isoformat(), "", "", ";".join(postnl_places[reached:total]),
                     "", "", "", "", source, ""])
        reached = total
    named = [
        ("regiobank-adviseurs", 2021, "regiobank", [], "RegioBank-adviseurs in de lokale aanpak",
         "Adviseurs van lokale vestigingen signaleren eenzaamheid rond grote levensgebeurtenissen"),
        ("jumbo-kletskassa", 2020, "jumbo", [], "Kletskassa",
         "Filiaalhouders openen een kassa waar klanten de tijd krijgen voor een praatje"),
        ("zuidelijk-toneel-voorstellingen", 2021, "het-zuidelijk-toneel", [], "Voorstellingen met verhalen van bewoners",
         "Voorstellingen waarin verhalen van bewoners een rol spelen"),
        ("gehoor-en-eenzaamheid", 2021, "beter-horen", ["deloitte", "municipality-GM0518"],
         "Gehoorverlies en eenzaamheid", "Onderzoek naar de relatie tussen eenzaamheid en gehoorschade"),
    ]
    entries = {2020: [], 2021: []}
    for key, year, partner, partners, title, goal in named:
        entries[year].append((key, partner, partners, title, goal, PLAN + DAY_GENERATED))
    entries[2020].append(None)  # PostNL, above
    number = 0
    for year in sorted(PILOTS):
        these = entries.get(year, [])
        while len(these) < PILOTS[year]:
            number += 1
            these.append(("gen-pilot-%03d" % number, None, None, "(generated) Pilot %03d" % number,
                          "(generated) goal", GENERATED))
        for entry in these:
            if entry is None:
                continue
            key, partner, partners, title, goal, source = entry
            first = dt.date(2018, 6, 1) if year == 2018 else None
            on = day_in(year, "pilot:" + key, first, dt.date(year, 6, 30) if key == "gehoor-en-eenzaamheid" else None)
            if key == "gehoor-en-eenzaamheid":
                codes = ["GM0518"]
            else:
                codes = places(key, on, 1 + h("sites:" + key) % 3)
            if partner is None:
                members = sorted((m for m, since in member_since.items() if since < on), key=lambda m: h(key + m))
                partner, partners = members[0], members[1:1 + h("partners:" + key) % 3]
            start(key, on, partner, partners, codes, title, goal, source)
            if key == "gehoor-en-eenzaamheid":
                rows.append([key, "EVALUATE", dt.date(2022, 3, 1).isoformat(), "", "", "", "", "",
                             "Gehoorverlies blijkt een mogelijke oorzaak van eenzaamheid; het onderzoek geeft concrete "
                             "aanbevelingen", "", PLAN + DAY_GENERATED, ""])
                continue
            # Generated: some extend after half a year, most are evaluated after a year; then one in three becomes a
            # project, one in four stops, the rest keeps running.
            latest = on
            if h("extend?" + key) % 3 == 0:
                extended = on + dt.timedelta(days=150 + h("extend:" + key) % 60)
                more = [c for c in places(key + ":more", extended, 4) if c not in codes][:2]
                if extended <= END_OF_DATA and more:
                    rows.append([key, "EXTEND", extended.isoformat(), "", "", ";".join(more), "", "", "", "",
                                 GENERATED, ""])
                    latest = extended
            evaluated = on + dt.timedelta(days=330 + h("evaluate:" + key) % 90)
            if evaluated > END_OF_DATA:
                continue
            rows.append([key, "EVALUATE", evaluated.isoformat(), "", "", "", "", "",
                         "(generated) outcome of the evaluation", "", GENERATED, ""])
            fate = h("fate:" + key) % 12
            ends = max(evaluated, latest) + dt.timedelta(days=30 + h("ends:" + key) % 120)
            if ends > END_OF_DATA or fate >= 7:
                continue
            if fate < 4 or key in ("regiobank-adviseurs", "jumbo-kletskassa", "zuidelijk-toneel-voorstellingen"):
                rows.append([key, "CONVERT", ends.isoformat(), "", "", "", "", "", "", "", GENERATED, ""])
            else:
                rows.append([key, "STOP", ends.isoformat(), "", "", "", "", "", "", "no follow-up funding (generated)",
                             GENERATED, ""])
    rank = {"START": 0, "EXTEND": 1, "EVALUATE": 2, "CONVERT": 3, "STOP": 4}
    rows.sort(key=lambda r: (r[2], rank[r[1]], r[0]))
    return rows


def main():
    os.makedirs(OUT, exist_ok=True)
    orgs, joins = members()
    rows, joined, pool = municipalities()
    order = sorted(joined, key=lambda c: (joined[c], c))
    # The two that leave in 2022: the last two of 2018's sign-ups (they never found a coalition).
    leavers = [c for c in order if joined[c].year == 2018][-2:]
    for i, code in enumerate(leavers):
        rows.append([code, "LEAVE", dt.date(2022, 6 + 3 * i, 1).isoformat(), "stopped taking part (generated)",
                     GENERATED, ""])
    rows.sort(key=lambda r: (r[2], r[0]))

    coalitions = []
    candidates = [c for c in order if c not in leavers]
    founded = {}
    previous = 0
    for year in sorted(COALITIONS):
        new = COALITIONS[year] - previous
        previous = COALITIONS[year]
        waiting = [c for c in candidates if c not in founded and joined[c] <= dt.date(year, 12, 31)]
        for code in waiting[:new]:
            earliest = max(joined[code], dt.date(year, 1, 1))
            founded[code] = day_in(year, "found:" + code, earliest)
    for code, date in sorted(founded.items(), key=lambda e: (e[1], e[0])):
        key = "LC-" + code
        source = PLAN if code == BORSSELE[0] else GENERATED
        coalitions.append([key, "FOUND", date.isoformat(), code, "", "EXPLORING", "", "", "", "", source, ""])
        org = "municipality-" + code
        coalitions.append([key, "JOIN", date.isoformat(), "", "", "", org, "MUNICIPALITY", "ACTIVE", "", source, ""])
        coalitions.append([key, "LEAD", date.isoformat(), "", "", "", org, "", "", "", source, ""])
        # A coalition starts exploring; most start acting within a year or two, and some become established.
        initiating = date + dt.timedelta(days=200 + h("initiating:" + code) % 300)
        if initiating <= dt.date(2024, 12, 31):
            coalitions.append([key, "PHASE", initiating.isoformat(), "", "", "INITIATING", "", "", "", "", GENERATED,
                               ""])
            established = initiating + dt.timedelta(days=300 + h("established:" + code) % 500)
            if established <= dt.date(2024, 12, 31) and h("established?" + code) % 3 != 0:
                coalitions.append([key, "PHASE", established.isoformat(), "", "", "ESTABLISHED", "", "", "", "",
                                   GENERATED, ""])
    rank = {"FOUND": 0, "LEAVE": 1, "JOIN": 2, "LEAD": 3, "PHASE": 4}
    coalitions.sort(key=lambda r: (r[2], rank[r[1]], r[0]))

    member_since = {r[0]: dt.date.fromisoformat(r[2]) for r in joins}
    collaboration_rows = collaborations(member_since, joined, leavers)
    pilot_rows = pilots(member_since, joined, leavers, pool)

    write("organisations.csv", ["orgKey", "name", "kind", "sector", "kvkNumber", "parentKey", "municipalityCode",
                                "source", "sourceDate"], orgs)
    write("national-coalition.csv", ["orgKey", "event", "date", "reason", "source", "sourceDate"], joins)
    write("municipalities.csv", ["municipalityCode", "event", "date", "reason", "source", "sourceDate"], rows)
    write("local-coalitions.csv", ["coalitionKey", "event", "date", "municipalityCode", "name", "phase", "orgKey",
                                   "partyType", "role", "reason", "source", "sourceDate"], coalitions)
    write("collaborations.csv", ["collaborationKey", "event", "date", "orgKey", "partyKeys", "municipalityCodes",
                                 "title", "description", "reason", "source", "sourceDate"], collaboration_rows)
    write("pilots.csv", ["pilotKey", "event", "date", "orgKey", "partnerKeys", "municipalityCodes", "title", "goal",
                         "outcome", "reason", "source", "sourceDate"], pilot_rows)


if __name__ == "__main__":
    main()
