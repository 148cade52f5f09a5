#!/usr/bin/env python3
"""limits.py: rule files too big to commit, generated here and validated.

    limits.py MEDEL WORKDIR tokens|depth|subpots

tokens:  every kind of token (comment, text, name, digits, spaces, newlines)
         20 000, 70 000 and 1 000 000 bytes long, in a rule file and in
         --set and --drop: valid, or the documented error, exactly.
depth:   pots, brackets, inte, om, unary minus, + chains and och/eller
         chains nested 10 000 and 100 000 deep (and just within the limit):
         the one depth error of docs/language.md §22, never a crash.
subpots: 100 000 sub-pots of one pot validate, and the summary adds up.

Inputs go into WORKDIR (in the build tree), never into the source tree.
"""
import os
import re
import subprocess
import sys

MEDEL, WORK, WHAT = sys.argv[1], sys.argv[2], sys.argv[3]
# The messages are checked in Swedish, the language with none chosen.
for v in ('LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'LANG'):
    os.environ.pop(v, None)
os.makedirs(WORK, exist_ok=True)

HEAD = ('överenskommelse "T" { år 2021 }\n'
        'ansökan {\n    nyckel id: text\n    sökt belopp: belopp\n}\n')
HEAD_LINES = HEAD.count('\n')
LIMIT = 200
DEPTH_MSG = ('error: nästlad i mer än 200 nivåer (block, parenteser och operatorer räknas som en nivå var); '
             'dela upp den i mindre delar')
# A flat chain of more than 200 terms says so (it looks nested nowhere).
CHAIN_MSG = ("error: mer än 200 led förenade med '%s' i en följd: varje operator räknas som en nivå, "
             "och högst 200 nivåer får finnas i varandra; dela upp leden med parenteser, högst 200 i varje grupp, "
             "som i (a %s b %s …) %s (c %s d %s …)")
CHAIN_OP = {'plus': '+', 'och': 'och', 'eller': 'eller'}
failures = []


def run(name, text, *args):
    path = os.path.join(WORK, name + '.medel')
    with open(path, 'w', encoding='utf-8', newline='') as f:
        f.write(text)
    p = subprocess.run([MEDEL] + (list(args) or ['validate']) + [os.path.basename(path)],
                       cwd=WORK, capture_output=True)
    return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')


def check(name, cond, detail):
    if not cond:
        failures.append('%s: %s' % (name, detail))


def expect_ok(name, text, must_contain=None, *args):
    rc, out, err = run(name, text, *args)
    check(name, rc == 0 and err == '' and (out.startswith(name + '.medel: ok\n') or '--dump' in args),
          'expected ok, got exit %d, stderr %r' % (rc, err[:300]))
    if must_contain is not None:
        check(name, must_contain in out, 'output lacks the full token')
    return out


def expect_error(name, text, line, col, message, *args):
    """Exactly one error, at line:col, with this message."""
    rc, out, err = run(name, text, *args)
    first = err.split('\n', 1)[0]
    want = '%s.medel:%d:%d: %s' % (name, line, col, message)
    check(name, rc == 65, 'exit %d, expected 65; stderr %r' % (rc, err[:300]))
    check(name, first == want, 'first line %r, expected %r' % (first[:300], want[:300]))
    check(name, err.endswith('%s.medel: 1 fel\n' % name), 'not exactly one error: %r' % err[-300:])


def tokens():
    pot = 'pott p { belopp 10 MSEK }\n'
    for n in (20000, 70000, 1000000):
        expect_ok('comment_%d' % n, HEAD + '#' + 'x' * (n - 1) + '\n' + pot)
        label = 'å' * (n // 2)                     # n bytes of UTF-8
        out = expect_ok('text_%d' % n, HEAD + 'pott p "%s" { belopp 10 MSEK }\n' % label, label, 'validate', '--dump')
        name = 'p' + 'ö' * (n // 2 - 1) + 'x'      # n bytes
        expect_ok('name_%d' % n, HEAD + 'pott %s { belopp 10 MSEK }\n' % name, name)
        digits = '9' * n
        expect_error('digits_%d' % n, HEAD + 'pott p { belopp %s kr }\n' % digits, HEAD_LINES + 1, 17,
                     "error: beloppet '%s…' är för stort: belopp räknas i öre och måste vara mindre än "
                     "92 233 720 368 547 758 kr" % digits[:60])
        expect_error('number_%d' % n, HEAD + 'pott p { belopp 10 MSEK år %s }\n' % digits, HEAD_LINES + 1, 28,
                     "error: talet '%s…' är för stort" % digits[:60])
        # Layout: positions after it are still exact.
        expect_ok('spaces_%d' % n, HEAD + 'pott p {' + ' ' * n + 'belopp 10 MSEK }\n')
        expect_error('spaces_err_%d' % n, HEAD + 'pott p {' + ' ' * n + 'belopp 10 MSEKK }\n', HEAD_LINES + 1,
                     9 + n + 10, "error: okänd enhet 'MSEKK' i beloppet; skriv kr, kronor, tkr, MSEK eller miljoner kronor")
        for kind, eol in (('lf', '\n'), ('crlf', '\r\n'), ('cr', '\r')):
            expect_ok('newlines_%s_%d' % (kind, n), HEAD + 'pott p {' + eol * (n // len(eol)) + 'belopp 10 MSEK }\n')
            expect_error('newlines_%s_err_%d' % (kind, n),
                         HEAD + 'pott p {' + eol * (n // len(eol)) + 'belopp 10 MSEKK }\n',
                         HEAD_LINES + 1 + n // len(eol), 11,
                         "error: okänd enhet 'MSEKK' i beloppet; skriv kr, kronor, tkr, MSEK eller miljoner kronor")
        # The keywords of two words around long layout and long words.
        expect_ok('multiword_%d' % n,
                  HEAD + 'pott p { belopp 10 MSEK\n tilldelning rangordning\n lägsta' + ' ' * n + 'bidrag 1 kr\n'
                  ' vid lika lägst_belopp }\nvillkor v { krav id är inte "' + 'x' * n + '" skäl "s" }\n')
        # --set is read by the same scanner (one argument holds 128 KiB at most).
        if n > 100000:
            continue
        run_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'golden', 'run')
        p = subprocess.run([MEDEL, 'whatif', 'alla_policyer.medel', 'ansokningar.csv', '--set', 'total=%s kr' % digits],
                           cwd=run_dir, capture_output=True)
        err = p.stderr.decode('utf-8', 'replace')
        # A --set value is read as one value, not as rule text: a usage
        # error (64) that shows the value cut short.
        check('set_%d' % n, p.returncode == 64 and p.stdout == b'' and
              err.startswith('medel: --set "total=%s…": här ska det stå ett belopp' % digits[:94]) and
              err.endswith("beloppet '%s…' är för stort: belopp räknas i öre och måste vara mindre än "
                           "92 233 720 368 547 758 kr\n" % digits[:60]),
              'exit %d, stderr %r' % (p.returncode, err[:200]))
        name = 'k' * n
        p = subprocess.run([MEDEL, 'whatif', 'alla_policyer.medel', 'ansokningar.csv', '--drop', name],
                           cwd=run_dir, capture_output=True)
        err = p.stderr.decode('utf-8', 'replace')
        # A criterion the rule file lacks is a usage error (64), said before
        # any application is read, with the name cut short.
        check('drop_%d' % n, p.returncode == 64 and p.stdout == b'' and
              err.startswith("medel: whatif: --drop: det finns inget villkor '%s…' i regelfilen alla_policyer.medel; "
                             "villkoren är: " % name[:100]) and err.count('\n') == 1,
              'exit %d, stderr %r' % (p.returncode, err[:200]))


def nested(kind, depth):
    """A rule file whose one construct nests `depth` levels."""
    if kind == 'pots':
        body = ''.join('pott q%d { belopp resten\n' % i for i in range(depth))
        return HEAD + 'pott p { belopp 10 MSEK\n' + body + '}' * depth + '}\n'
    if kind == 'sets':
        return HEAD + 'pott p { belopp 10 MSEK }\nvillkor v { krav id i ' + '{' * depth + '"x"' + '}' * depth + ' skäl "s" }\n'
    if kind == 'parens':
        return HEAD + 'pott p { belopp ' + '(' * depth + '1 kr' + ')' * depth + ' }\n'
    if kind == 'plus':
        return HEAD + 'pott p { belopp ' + ' + '.join(['1 kr'] * (depth + 1)) + ' }\n'
    if kind == 'minus':
        return HEAD + 'pott p { belopp 10 MSEK }\nvillkor v { krav ' + '- ' * depth + '1 < 2 skäl "s" }\n'
    if kind == 'inte':
        return HEAD + 'pott p { belopp 10 MSEK }\nvillkor v { krav ' + 'inte ' * depth + 'ja skäl "s" }\n'
    if kind == 'om':
        return HEAD + 'pott p { belopp 10 MSEK }\nvillkor v { krav ' + 'om ja så ' * depth + 'ja skäl "s" }\n'
    if kind == 'och':
        return HEAD + 'pott p { belopp 10 MSEK }\nvillkor v { krav ' + ' och '.join(['ja'] * (depth + 1)) + ' skäl "s" }\n'
    if kind == 'eller':
        return HEAD + 'pott p { belopp 10 MSEK }\nvillkor v { krav ' + ' eller '.join(['ja'] * (depth + 1)) + ' skäl "s" }\n'
    raise ValueError(kind)


def depth():
    kinds = ('pots', 'sets', 'parens', 'plus', 'minus', 'inte', 'om', 'och', 'eller')
    for kind in kinds:
        # Deeper than the limit: the one depth error, nothing else, no crash.
        for d in (LIMIT + 1, 10000, 100000):
            name = 'deep_%s_%d' % (kind, d)
            rc, out, err = run(name, nested(kind, d))
            lines = [l for l in err.split('\n') if ': error: ' in l]
            check(name, rc == 65, 'exit %d, expected 65; stderr %r' % (rc, err[:300]))
            msg = CHAIN_MSG % ((CHAIN_OP[kind],) * 6) if kind in CHAIN_OP else DEPTH_MSG
            check(name, len(lines) == 1 and lines[0].endswith(msg) and
                  re.match(r'^%s\.medel:\d+:\d+: ' % name, lines[0]) is not None,
                  'expected one located depth error, got %r' % [l[:200] for l in lines])
        # At the limit (less the level the construct itself adds): fine.
        name = 'within_%s' % kind
        rc, out, err = run(name, nested(kind, LIMIT - 2))
        check(name, DEPTH_MSG not in err and rc in (0, 65), 'exit %d, stderr %r' % (rc, err[:300]))
        if kind in ('pots', 'parens', 'plus', 'inte', 'om', 'och', 'eller'):
            check(name, rc == 0, 'exit %d, expected 0; stderr %r' % (rc, err[:300]))


def subpots():
    n = 100000
    body = ''.join('    pott q%d { belopp 1 kr }\n' % i for i in range(n))
    out = expect_ok('subpots', HEAD + 'pott p { belopp %d kr\n%s}\n' % (n, body))
    lines = out.split('\n')
    check('subpots', len(lines) == n + 5, 'summary has %d lines' % len(lines))
    check('subpots', re.match(r'^  p +100 000 kr$', lines[2]) is not None, 'parent line %r' % lines[2])
    check('subpots', re.match(r'^    q99999 +1 kr$', lines[n + 2]) is not None, 'last sub-pot line %r' % lines[n + 2])


{'tokens': tokens, 'depth': depth, 'subpots': subpots}[WHAT]()
for f in failures:
    print(f)
sys.exit(1 if failures else 0)
