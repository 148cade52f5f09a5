#!/usr/bin/env python3
"""Allocation over many sub-pots of one 'fördela' (each sub-pot looks only at
the applications routed to it, so this stays near-linear).

    subpots.py MEDEL WORKDIR [N]

N table rows (default 20 000), weight 1 each, 1 000 kr per sub-pot; two
applications of 600 kr routed to every row but the last, in a scattered
order. Each sub-pot funds the lower key in full and the other with the
400 kr left; the last sub-pot keeps its 1 000 kr. One application names no
row: it is for manual assessment in the split pot. Inputs go into WORKDIR (in
the build tree), never into the source tree.
"""
import json
import os
import subprocess
import sys

MEDEL, WORK = sys.argv[1], sys.argv[2]
N = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
M = N - 1                      # rows with applications
os.makedirs(WORK, exist_ok=True)

with open(os.path.join(WORK, 'k.csv'), 'w', encoding='utf-8') as f:
    f.write('kommun,antal\n')
    f.writelines('k%d,1\n' % i for i in range(N))
with open(os.path.join(WORK, 'a.csv'), 'w', encoding='utf-8') as f:
    f.write('Id,Belopp,Kommun\n')
    f.writelines('A%07d,600 kr,k%d\n' % (i, (i * 7919) % M) for i in range(2 * M))
    f.write('Z,600 kr,\n')     # routed nowhere: for manual assessment, not guessed into a sub-pot
with open(os.path.join(WORK, 'r.medel'), 'w', encoding='utf-8') as f:
    f.write('överenskommelse "T" { år 2021 }\n'
            'tabell kommuner från "k.csv" {\n    nyckel kommun: text "kommun"\n    antal: heltal "antal"\n}\n'
            'ansökan {\n    nyckel id: text "Id"\n    sökt belopp: belopp "Belopp"\n'
            '    kommun: nyckel i kommuner "Kommun"\n}\n'
            'pott p {\n    belopp %d kr\n    fördela per kommun efter kommuner.antal\n'
            '    tilldelning rangordning\n}\n' % (N * 1000))

p = subprocess.run([MEDEL, 'allocate', 'r.medel', 'a.csv', '--format', 'json'], cwd=WORK, capture_output=True)
failures = []


def check(cond, detail):
    if not cond:
        failures.append(detail)


check(p.returncode == 0, 'exit %d: %r' % (p.returncode, p.stderr[-300:]))
if p.returncode == 0:
    d = json.loads(p.stdout)
    check(d['total_ore'] == N * 100000, 'total %r' % d['total_ore'])
    check(d['granted_ore'] == M * 100000, 'granted %r' % d['granted_ore'])
    check(d['unallocated_ore'] == 100000, 'unallocated %r' % d['unallocated_ore'])
    pots = {q['name']: q for q in d['pots']}
    check(len(pots) == N + 1, '%d pots' % len(pots))
    for j in range(N):
        q = pots.get('p/k%d' % j)
        want = (0, 0, 0) if j == M else (2, 2, 100000)
        got = q and (q['considered'], q['funded'], q['granted_ore'])
        check(got == want, 'p/k%d: %r, expected %r' % (j, got, want))
    check([(m['application'], m['pot'], m['sub_pot'], [u['criterion'] for u in m['undecided']]) for m in d['manual']]
          == [('Z', 'p', None, ['(delpott)'])], 'manual %r' % d['manual'][:3])
    grants = {g['application']: g for g in d['grants']}
    check(len(grants) == 2 * M, '%d grants' % len(grants))
    for i in range(2 * M):
        g = grants.get('A%07d' % i)
        want = ('p/k%d' % ((i * 7919) % M), 60000 if i < M else 40000, 'full' if i < M else 'partial')
        got = g and (g['pot'], g['granted_ore'], g['status'])
        check(got == want, 'A%07d: %r, expected %r' % (i, got, want))
for f in failures[:20]:
    print(f)
sys.exit(1 if failures else 0)
