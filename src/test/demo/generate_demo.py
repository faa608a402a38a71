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

    write("organisations.csv", ["orgKey", "name", "kind", "sector", "kvkNumber", "parentKey", "municipalityCode",
                                "source", "sourceDate"], orgs)
    write("national-coalition.csv", ["orgKey", "event", "date", "reason", "source", "sourceDate"], joins)
    write("municipalities.csv", ["municipalityCode", "event", "date", "reason", "source", "sourceDate"], rows)
    write("local-coalitions.csv", ["coalitionKey", "event", "date", "municipalityCode", "name", "phase", "orgKey",
                                   "partyType", "role", "reason", "source", "sourceDate"], coalitions)


if __name__ == "__main__":
    main()
