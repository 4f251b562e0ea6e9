#!/usr/bin/env python3
"""Writes the population fixtures of tests/golden/input_forms/population_* from one table of
single-age counts (README.md gives the numbers). Run from this folder; the outputs are committed,
so the tests need no Python."""
import json, os, shutil

# (municipality, name, sex 1/2): {age: count}; every other age 0..100 is 0. 100 means "100+ år".
COUNTS = {
    ("0880", "Kalmar", 1): {10: 1000, 40: 3000, 70: 500, 90: 200},
    ("0880", "Kalmar", 2): {10: 1000, 40: 3000, 70: 600, 100: 300},
    ("0881", "Nybro", 1): {5: 800, 30: 1200, 66: 400, 85: 100},
    ("0881", "Nybro", 2): {5: 800, 30: 1200, 66: 400, 81: 200},
}
YEARS = [2018, 2019]  # 2018 has one more person at age 40 of each: it must not be used
BANDS = [(0, 17), (18, 64), (65, 79), (80, 100)]
SEX = {1: "män", 2: "kvinnor"}


def count(key, age, year):
    n = COUNTS[key].get(age, 0)
    return n + (1 if year == 2018 and age == 40 else 0)


def age_text(age):
    return "100+ år" if age == 100 else f"{age} år"


def scb_rows():
    """(region, ålder, kön, [count per year]) with the totals SCB adds."""
    rows = []
    munis = sorted({(m, n) for (m, n, _) in COUNTS})
    for m, n in munis:
        for age in list(range(101)) + ["tot"]:
            per_sex = {}
            for sex in (1, 2):
                ages = range(101) if age == "tot" else [age]
                per_sex[sex] = [sum(count((m, n, sex), a, y) for a in ages) for y in YEARS]
            label = "totalt ålder" if age == "tot" else age_text(age)
            for sex in (1, 2):
                rows.append((f"{m} {n}", label, SEX[sex], per_sex[sex]))
            rows.append((f"{m} {n}", label, "totalt", [a + b for a, b in zip(per_sex[1], per_sex[2])]))
    # The county: its total only (the file holds both of its municipalities here).
    county = [0, 0]
    for (m, n) in munis:
        for r in rows:
            if r[0] == f"{m} {n}" and r[1] == "totalt ålder" and r[2] == "totalt":
                county = [a + b for a, b in zip(county, r[3])]
    rows.append(("08 Kalmar län", "totalt ålder", "totalt", county))
    return rows


def write(path, text, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as f:
        f.write(text)


def main():
    base = "population_banded"
    cases = ["population_scb_utf8", "population_scb_1252", "population_scb_json"]
    # The banded form.
    lines = ["year,municipality,sex,age_from,age_to,count"]
    for year in YEARS:
        for (m, n, sex) in sorted(COUNTS):
            for lo, hi in BANDS:
                total = sum(count((m, n, sex), a, year) for a in range(lo, hi + 1))
                lines.append(f"{year},{m},{'M' if sex == 1 else 'F'},{lo},{'' if hi == 100 else hi},{total}")
    write(os.path.join(base, "population.csv"), "\n".join(lines) + "\n")
    rows = scb_rows()
    title = '"Folkmängden efter region, ålder, kön och år"\n\n'
    # UTF-8 with BOM, comma, a title line and a blank line, one column per year.
    head = '"region","ålder","kön","2018","2019"\n'
    body = "".join(f'"{r}","{a}","{k}",{c[0]},{c[1]}\n' for r, a, k, c in rows)
    write(os.path.join(cases[0], "population.csv"), "\ufeff" + title + head + body)
    # Windows-1252, semicolon, CRLF, a title line, a year column (long form).
    head = "region;ålder;kön;år;Folkmängd\r\n"
    body = "".join(f"{r};{a};{k};{y};{c[i]}\r\n" for r, a, k, c in rows for i, y in enumerate(YEARS))
    write(os.path.join(cases[1], "population.csv"),
          "Folkmängden efter region, ålder, kön och år\r\n" + head + body, "cp1252")
    # JSON-stat2 as SCB's API returns it (format json-stat2), with the totals: every age and
    # sex of the county too, and the ages' and sexes' totals.
    regions = ["0880", "0881", "08"]
    region_labels = {"0880": "Kalmar", "0881": "Nybro", "08": "Kalmar län"}
    ages = [str(a) for a in range(100)] + ["100+", "tot"]
    sexes = ["1", "2", "1+2"]
    values = []
    for reg in regions:
        for age in ages:
            for sex in sexes:
                for y, year in enumerate(YEARS):
                    def cell(m, s):
                        key = [k for k in COUNTS if k[0] == m and k[2] == s][0]
                        a_range = range(101) if age == "tot" else [100 if age == "100+" else int(age)]
                        return sum(count(key, a, year) for a in a_range)
                    munis = ["0880", "0881"] if reg == "08" else [reg]
                    ss = [1, 2] if sex == "1+2" else [int(sex)]
                    values.append(sum(cell(m, s) for m in munis for s in ss))
    doc = {
        "class": "dataset",
        "label": "Folkmängden efter region, ålder, kön och år",
        "source": "SCB",
        "id": ["Region", "Alder", "Kon", "ContentsCode", "Tid"],
        "size": [len(regions), len(ages), len(sexes), 1, len(YEARS)],
        "dimension": {
            "Region": {"label": "region", "category": {
                "index": {r: i for i, r in enumerate(regions)}, "label": region_labels}},
            "Alder": {"label": "ålder", "category": {
                "index": {a: i for i, a in enumerate(ages)},
                "label": {a: ("totalt ålder" if a == "tot" else f"{a} år") for a in ages}}},
            "Kon": {"label": "kön", "category": {
                "index": {s: i for i, s in enumerate(sexes)},
                "label": {"1": "män", "2": "kvinnor", "1+2": "totalt"}}},
            "ContentsCode": {"label": "tabellinnehåll", "category": {
                "index": {"BE0101N1": 0}, "label": {"BE0101N1": "Folkmängd"}}},
            "Tid": {"label": "år", "category": {
                "index": {str(y): i for i, y in enumerate(YEARS)},
                "label": {str(y): str(y) for y in YEARS}}},
        },
        "value": values,
    }
    write(os.path.join(cases[2], "population.json"), json.dumps(doc, ensure_ascii=False))
    for case in cases:
        for f in ["extract.toml", "episodes.csv", "municipalities.csv", "expected.csv"]:  # README.md is by hand
            shutil.copy(os.path.join(base, f), os.path.join(case, f))


if __name__ == "__main__":
    main()
