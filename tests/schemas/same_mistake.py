#!/usr/bin/env python3
"""The same mistake on the command line gets the same message in every
command. For every command, and every option its --help lists (so the help
and the parser cannot drift apart):

- an unknown option, an option's missing value, a value option given twice
  with two values, a flag given a value, a stray argument and a missing one
  are each a usage error (exit 64, nothing on standard output) whose first
  line is one template with the command's name (and the option's) filled in,
  followed by the command's one usage line and where its options are listed
  (never the whole help);
- a flag or a value option given twice alike is no usage error;
- --help and -h anywhere, `medel help CMD` and `medel --help CMD` print the
  same help on standard output and exit 0.

The messages are checked in Swedish, the language medel speaks with no
language in the environment.

Usage: same_mistake.py MEDEL WORK_DIR
"""
import os
import re
import subprocess
import sys

MEDEL, WORK = os.path.abspath(sys.argv[1]), sys.argv[2]
os.makedirs(WORK, exist_ok=True)
COMMANDS = ["validate", "check", "explain", "allocate", "whatif", "mall", "test", "fmt", "diff"]
# Operands that are enough for the parser (the files need not exist: parsing
# comes first).
OPERANDS = {"check": ["r.medel", "a.csv"], "explain": ["r.medel", "a.csv", "--id", "K"], "allocate": ["r.medel", "a.csv"],
            "whatif": ["r.medel", "a.csv"], "diff": ["a.medel", "b.medel"]}
TWO = {"check", "explain", "allocate", "whatif", "diff"}
failures = 0
checked = 0
ENV = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}


def medel(args):
    r = subprocess.run([MEDEL] + args, capture_output=True, cwd=WORK, env=ENV)
    return r.returncode, r.stdout.decode(), r.stderr.decode()


def fail(msg):
    global failures
    failures += 1
    print("FAIL: " + msg)


def refused(cmd, args, first):
    """medel CMD ARGS is a usage error whose first line is `first`."""
    global checked
    checked += 1
    rc, out, err = medel([cmd] + args)
    lines = err.splitlines()
    if rc != 64 or out or not lines:
        fail(f"medel {cmd} {args}: exit {rc}, stdout {out[:80]!r}, stderr {err[:200]!r}")
        return
    if lines[0] != first:
        fail(f"medel {cmd} {args}: {lines[0]!r}, not {first!r}")
    if lines[1:] != [f"användning: medel {cmd} {synopsis[cmd]}", f"skriv 'medel {cmd} --help' för alla flaggor"]:
        fail(f"medel {cmd} {args}: the usage after the message is {lines[1:]!r}")


def accepted(cmd, args):
    global checked
    checked += 1
    rc, _, err = medel([cmd] + args)
    if rc == 64:
        fail(f"medel {cmd} {args}: refused: {err.splitlines()[0] if err else ''}")


synopsis = {}
for cmd in COMMANDS:
    rc, help_text, err = medel([cmd, "--help"])
    checked += 1
    if rc != 0 or err or not help_text.startswith(f"användning: medel {cmd} "):
        fail(f"medel {cmd} --help: exit {rc}, stderr {err!r}")
        continue
    synopsis[cmd] = help_text.splitlines()[0][len(f"användning: medel {cmd} "):]
    for other in ([cmd, "-h"], ["help", cmd], ["--help", cmd], [cmd] + OPERANDS.get(cmd, ["x.medel"]) + ["--frob", "-h"]):
        checked += 1
        if medel(other) != (0, help_text, ""):
            fail(f"medel {' '.join(other)}: not the same help as medel {cmd} --help")
    # The options, as the help lists them: "  --name VALUE   text" or "  -o, --output FILE   text".
    opts = []
    for line in help_text.split("flaggor:\n", 1)[1].splitlines():
        m = re.match(r"^  (-[-\w]+)(?:, (--[-\w]+))?(?: (\"[^\"]*\"|\S+))?\s{3,}\S", line)
        if not m:
            fail(f"medel {cmd} --help: an option line that does not read as one: {line!r}")
            continue
        # --lang/--språk is taken before any command's parser (cli.c,
        # take_language), with messages of its own (tests/golden/bad/cases-lang).
        if m.group(1) not in ("-h", "--lang"):
            opts.append((m.group(1), m.group(2), m.group(3)))
    ops = OPERANDS.get(cmd, ["x.medel"])

    refused(cmd, ops + ["--frob"], f"medel: {cmd}: okänd flagga '--frob'")
    refused(cmd, ["-z"] + ops, f"medel: {cmd}: okänd flagga '-z'")
    if cmd in TWO:
        refused(cmd, ops + ["extra"], f"medel: {cmd}: ett argument för mycket: 'extra'; ange "
                + ("två regelfiler, GAMMAL och NY" if cmd == "diff" else "en regelfil och en ansökningsfil"))
        refused(cmd, ops[:1], f"medel: {cmd}: för få filer; ange "
                + ("två regelfiler, GAMMAL och NY" if cmd == "diff" else "en regelfil och en ansökningsfil"))
    else:
        rc, _, err = medel([cmd])
        checked += 1
        if rc != 64 or not err.startswith(f"medel: {cmd}: för få filer; ange "):
            fail(f"medel {cmd}: {err.splitlines()[:1]}")
    for name, alias, value in opts:
        if value is None:   # a flag
            refused(cmd, ops + [f"{name}=1"], f"medel: {cmd}: {name} tar inget värde, inte '1'")
            continue
        for spelling in filter(None, (name, alias)):
            rc, out, err = medel([cmd] + ops + [spelling])
            checked += 1
            first = err.splitlines()[0] if err else ""
            if rc != 64 or not first.startswith(f"medel: {cmd}: {spelling} behöver "):
                fail(f"medel {cmd} … {spelling}: {first!r}")
        choices = value.split("|") if "|" in value else None
        if choices:
            refused(cmd, ops + [name, "bogus"], f"medel: {cmd}: {'okänt indataformat' if name == '--input-format' else 'okänd tabell' if name == '--table' else 'okänt format'}"
                    f" 'bogus'; välj {', '.join(choices[:-1])} eller {choices[-1]}")
        if name in ("--scenario", "--set", "--drop"):
            continue   # repeatable
        a, b = (choices[0], choices[1]) if choices else ("one", "two")
        if name in ops:   # explain's --id, among the operands here
            a = ops[ops.index(name) + 1]
        both = f"{name}/{alias}" if alias else name
        refused(cmd, ops + ([] if name in ops else [name, a]) + [alias or name, b], f"medel: {cmd}: {both} angavs två gånger, som '{a}' och som '{b}'; ange den en gång")

# The same option in every command that has it gives the same message but
# for the command's name.
messages = {}
for cmd in ("check", "explain", "allocate", "whatif", "validate", "diff"):
    rc, _, err = medel([cmd] + OPERANDS.get(cmd, ["x.medel"]) + ["--format"])
    messages.setdefault(err.splitlines()[0].replace(f" {cmd}: ", " CMD: ").split(":", 2)[2].split(" ett värde")[0], []).append(cmd)
checked += 1
if len(messages) != 1:
    fail(f"--format without a value: {messages}")

print(f"{checked} command lines checked, {failures} failures")
sys.exit(1 if failures else 0)
