#!/usr/bin/env python3
"""Runs every example of the officers' handbook (docs/handbok.md).

Usage: check_handbook.py MEDEL SOURCE_DIR [DOC.md] [-v]

Three checks, each of which must find something to check:

1. Rule examples. Every ```medel block is validated as check_examples.py
   describes (the same conventions: `# fil: exempel.medel` is the preamble a
   fragment is added to; `# fil: NAME` names a file; `<!-- error -->` before a
   block means it must fail with exit code 65, `<!-- exit: N -->` with N).
   Only exit codes and the absence or presence of diagnostics are checked,
   never the text of a message: the handbook describes messages by meaning,
   so their wording may change without breaking it.

2. Commands. Every line of a ```sh block is run with bash, in order, in one
   scratch folder that holds a copy of SOURCE_DIR/rules and SOURCE_DIR/examples
   and every file the document names (`# fil: NAME` rule and CSV blocks, and a
   CSV block named by the last `….csv` in the text before it). `medel` on the
   PATH is MEDEL. A line ending in `\\` goes on on the next line. Each command
   must exit 0, or N when the line ends with `# avslutas med N`. The language
   variables (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) are removed, so medel speaks
   its default language, Swedish. The output is not compared: the ```text
   blocks of the handbook are examples.

3. Keywords. Every keyword of lang/keywords.h (MEDEL_KEYWORDS) appears, in one of
   its Swedish spellings, in at least one ```medel block, and in backquotes in
   the handbook's keyword index (the section whose heading starts with "7.").

The last line is "N passed, N failed"; the exit code is 1 if anything failed or
nothing was found to check, 2 if the command line is wrong. Standard library only.
"""

import io
import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_examples as ce  # noqa: E402

EXPECT_EXIT = re.compile(r"#\s*avslutas med\s+(\d+)\s*$")
LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def keywords(path):
    """{token: [Swedish spellings]} from keywords.h: the main spelling first."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    start = text.find("#define MEDEL_KEYWORDS(X)")
    if start < 0:
        raise ce.ConventionError("%s: no MEDEL_KEYWORDS list" % path)
    text = text[start:]
    main = re.findall(r'X\((\w+), "([^"]+)", "[^"]+"\)', text)
    if not main:
        raise ce.ConventionError("%s: no MEDEL_KEYWORDS entry found" % path)
    spell = {tok: [sv] for tok, sv in main}
    for tok, s in re.findall(r'X\((\w+), "([^"]+)"\)', text):
        if tok in spell:
            spell[tok].append(s)
    return spell


def word_pattern(spelling):
    """A spelling as a whole word; a space (or '_') of a two-word keyword may be any blanks."""
    parts = [re.escape(p) for p in re.split(r"[ _]", spelling)]
    return re.compile(r"(?<!\w)" + r"[\s_]+".join(parts) + r"(?!\w)")


def check_keywords(text, blocks, spell):
    passed = failed = 0
    rule_text = "\n".join(re.sub(r"#.*", "", b.body) for b in blocks if b.lang == "medel")
    m = re.search(r"^## 7\..*?$(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    index = m.group(1) if m else ""
    if not index:
        print("handbook: no keyword index (a section '## 7. …')")
        return 0, 1
    quoted = " ".join(re.findall(r"`([^`]+)`", index))
    for tok, spellings in spell.items():
        pats = [word_pattern(s) for s in spellings]
        if not any(p.search(rule_text) for p in pats):
            failed += 1
            print("keyword '%s' is in no rule example of the handbook" % spellings[0])
        elif not any(p.search(quoted) for p in pats):
            failed += 1
            print("keyword '%s' is not in the keyword index (section 7)" % spellings[0])
        else:
            passed += 1
    return passed, failed


def commands(blocks):
    """(document line, command, expected exit code) of every ```sh block."""
    out = []
    for b in blocks:
        if b.lang not in ("sh", "bash", "shell"):
            continue
        pending, start = "", None
        for i, line in enumerate(b.body.split("\n")):
            if not line.strip() or (not pending and line.lstrip().startswith("#")):
                continue
            if start is None:
                start = b.line + 1 + i
            if line.endswith("\\"):
                pending += line[:-1] + " "
                continue
            cmd = pending + line
            pending = ""
            m = EXPECT_EXIT.search(cmd)
            want = int(m.group(1)) if m else 0
            out.append((start, cmd, want))
            start = None
    return out


def run_commands(medel, source, doc, blocks, verbose):
    cmds = commands(blocks)
    if not any(re.match(r"\s*medel\s", c) for _, c, _ in cmds):
        print("%s: no ```sh block with a 'medel …' command found" % doc)
        return 0, 1
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="medel-handbok-") as work:
        for d in ("rules", "examples"):
            shutil.copytree(os.path.join(source, d), os.path.join(work, d), symlinks=True)
        for b in blocks:
            if b.lang == "csv":
                body, name = b.body, b.name
                if name:
                    body = body.split("\n", 1)[1]
                else:
                    found = ce.CSV_NAME.findall(b.before)
                    name = found[-1] if found else None
                if name:
                    ce.write(ce.safe_path(work, name), body)
            elif b.lang == "medel" and b.name:
                ce.write(ce.safe_path(work, b.name), b.body)
        bindir = os.path.join(work, ".bin")
        os.makedirs(bindir)
        os.symlink(medel, os.path.join(bindir, "medel"))
        env = {k: v for k, v in os.environ.items() if k not in LANGUAGE_VARIABLES}
        env["PATH"] = bindir + os.pathsep + env.get("PATH", "/usr/bin:/bin")
        for line, cmd, want in cmds:
            try:
                r = subprocess.run(["bash", "-c", cmd], cwd=work, env=env, timeout=300,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                got = r.returncode
            except subprocess.TimeoutExpired:
                got, r = "a timeout", None
            if got == want:
                passed += 1
                if verbose:
                    print("%s:%d: ok (exit %d): %s" % (doc, line, want, cmd))
            else:
                failed += 1
                print("%s:%d: exit %s, the handbook says %d: %s" % (doc, line, got, want, cmd))
                if r is not None:
                    err = r.stderr.decode("utf-8", "replace").splitlines()
                    for m in err[:20]:
                        print("    " + m)
    return passed, failed


def main(argv):
    args = [a for a in argv[1:] if a not in ("-v", "--verbose")]
    verbose = len(args) != len(argv) - 1
    if len(args) not in (2, 3):
        print("usage: check_handbook.py MEDEL SOURCE_DIR [DOC.md] [-v]", file=sys.stderr)
        return 2
    medel, source = os.path.abspath(args[0]), os.path.abspath(args[1])
    doc = args[2] if len(args) == 3 else os.path.join(source, "docs", "handbok.md")
    if not os.access(medel, os.X_OK):
        print("check_handbook: '%s' is not an executable" % args[0], file=sys.stderr)
        return 2
    try:
        with open(doc, encoding="utf-8") as f:
            text = f.read()
        blocks = ce.parse(text)
        spell = keywords(os.path.join(source, "lang", "keywords.h"))
    except (OSError, UnicodeDecodeError) as e:
        print("check_handbook: %s" % e, file=sys.stderr)
        return 2
    except ce.ConventionError as e:
        print("%s:%s" % (doc, e), file=sys.stderr)
        return 2

    # 1. Rule examples, with check_examples.py's own report.
    report = io.StringIO()
    with contextlib.redirect_stdout(report):
        try:
            rc = ce.run(medel, doc, blocks, verbose)
        except ce.ConventionError as e:
            print("%s:%s" % (doc, e))
            rc = 2
    lines = report.getvalue().splitlines()
    summary = re.match(r"(\d+) passed, (\d+) failed", lines[-1]) if lines else None
    for ln in lines[:-1] if summary else lines:
        print(ln)
    r_pass, r_fail = (int(summary.group(1)), int(summary.group(2))) if summary else (0, 1)
    if rc and not r_fail:
        r_fail = 1
    print("rule examples: %d passed, %d failed" % (r_pass, r_fail))

    # 2. Commands.
    c_pass, c_fail = run_commands(medel, source, doc, blocks, verbose)
    print("commands: %d passed, %d failed" % (c_pass, c_fail))

    # 3. Keywords.
    k_pass, k_fail = check_keywords(text, blocks, spell)
    print("keywords: %d passed, %d failed" % (k_pass, k_fail))

    passed, failed = r_pass + c_pass + k_pass, r_fail + c_fail + k_fail
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not (r_pass and c_pass and k_pass) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
