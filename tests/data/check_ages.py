#!/usr/bin/env python3
"""check_ages.py: the single-year table agrees with the summed one.

    check_ages.py SOURCE_DIR

rules/data/befolkning_ettarsklasser_2019-12-31.csv holds, per municipality of
Stockholms län, the inhabitants of each single year of age 10..25 on
31 Dec 2019. Summed over ages it must give exactly the columns age_12_22,
age_13_19, age_15_24, age_10_19 and age_13_25 of
rules/data/befolkning_2019-12-31.csv, for all 26 municipalities, with the
same codes and names in the same order.

Ends with "N passed, N failed"; exit status 1 on any failure.
"""
import csv
import os
import sys

DATA = os.path.join(sys.argv[1], 'rules', 'data')
SINGLE = os.path.join(DATA, 'befolkning_ettarsklasser_2019-12-31.csv')
SUMMED = os.path.join(DATA, 'befolkning_2019-12-31.csv')
AGES = range(10, 26)
RANGES = {'age_12_22': (12, 22), 'age_13_19': (13, 19), 'age_15_24': (15, 24),
          'age_10_19': (10, 19), 'age_13_25': (13, 25)}

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print('FAIL:', what)


def read(path):
    with open(path, encoding='utf-8', newline='') as f:
        text = f.read()
    check(text.endswith('\n'), f'{path}: no newline at the end')
    rows = list(csv.reader(text.splitlines()))
    return rows[0], rows[1:]


header, single = read(SINGLE)
check(header == ['municipality_code', 'municipality'] + [f'age_{a}' for a in AGES],
      f'{SINGLE}: header {header}')
summed_header, summed = read(SUMMED)
summed = [dict(zip(summed_header, r)) for r in summed]

check(len(single) == 26, f'{SINGLE}: {len(single)} rows, not 26')
check(len(single) == len(summed), f'{len(single)} rows against {len(summed)}')

for row, ref in zip(single, summed):
    name = f'{ref["municipality_code"]} {ref["municipality"]}'
    check(len(row) == 2 + len(AGES), f'{name}: {len(row)} cells')
    check(row[:2] == [ref['municipality_code'], ref['municipality']],
          f'{name}: the row says {row[:2]}')
    by_age = dict(zip(AGES, (int(n) for n in row[2:])))
    check(all(n >= 0 for n in by_age.values()), f'{name}: a negative count')
    for column, (lo, hi) in RANGES.items():
        got = sum(by_age[a] for a in range(lo, hi + 1))
        check(got == int(ref[column]), f'{name}: ages {lo}-{hi} sum to {got}, {column} is {ref[column]}')

print(f'{passed} passed, {failed} failed')
sys.exit(1 if failed else 0)
