#!/usr/bin/env python3
"""Checks that every rule example in a Markdown document is what it claims to be.

Usage: check_examples.py MEDEL DOC.md [-v]

Every ```medel block of DOC.md is validated with `MEDEL validate`, in a scratch
folder, following the conventions of the document's section 2:

- A block whose first line is `# fil: NAME` is written to NAME (a relative path)
  before anything is validated, so that `utökar "NAME"` finds it. The block
  `# fil: exempel.medel` is the preamble.
- A block with an agreement (`överenskommelse`, `agreement`, `ändra
  överenskommelse`) or `utökar`/`extends` is a whole file and is validated as it is.
- Any other block is a fragment: it is validated added to the end of the preamble.
- A ```csv block is a data file, written to the path named by its first line
  `# fil: PATH` (that line is dropped) or else by the last `….csv` in backquotes in
  the text just before it (§2: "with this data file `data/kommuner.csv` beside it").

A rule block must validate with exit code 0 and no diagnostics, unless it is marked:

- `<!-- error -->` on the line before it (blank lines between allowed): the block is
  deliberately wrong and must fail with exit code 65. `<!-- error: TEXT -->` also
  requires TEXT in the messages.
- `<!-- errors -->` … `<!-- /errors -->` around blocks, or a heading with the word
  "error(s)" or "fel" above them: every block there must fail with 65, except one
  marked `<!-- valid -->`.
- A first line `# fel: TEXT` (Swedish "wrong", visible to the reader) is the same
  as `<!-- error: TEXT -->`.
- `<!-- warning -->` (or `<!-- warning: TEXT -->`): the block validates (exit 0) but
  with a warning.
- `<!-- exit: N -->`: the block must fail with exit code N (say 69, a data file's
  columns that do not match its table); its messages are not checked.

One line is printed per failure, with the place in DOC.md (messages about the
block are moved to the document's lines); -v prints medel's whole output too.
The last line is "N passed, N failed". The exit code is 1 if a block failed or no
block was found, 2 if the command line or the document's conventions are wrong.
Standard library only.
"""

import os
import re
import subprocess
import sys
import tempfile

# The messages a document quotes are in its own language: Swedish for the
# handbook (handbok*.md), English for the engineers' reference.
MESSAGE_ENV = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
if len(sys.argv) > 2 and not os.path.basename(sys.argv[2]).startswith("handbok"):
    MESSAGE_ENV["LANGUAGE"] = "en"

PREAMBLE_NAME = "exempel.medel"
EXIT_RULES = 65

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)")
HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*)$")
MARKER = re.compile(r"^\s*<!--\s*(error|warning|valid|exit)\s*(?::\s*(.*?))?\s*-->\s*$")
REGION_OPEN = re.compile(r"^\s*<!--\s*errors\s*-->\s*$")
REGION_CLOSE = re.compile(r"^\s*<!--\s*/errors\s*-->\s*$")
ERROR_HEADING = re.compile(r"\b(errors?|fel)\b", re.IGNORECASE)
FILE_LINE = re.compile(r"^#\s*fil:\s*(\S+)\s*$")
WRONG_LINE = re.compile(r"^#\s*fel:\s*(.*?)\s*$")
WHOLE_FILE = re.compile(
    r"^\s*(?:(?:ändra|change)\s+)?(?:överenskommelse|agreement)\b|^\s*(?:utökar|extends)\b",
    re.MULTILINE)
CSV_NAME = re.compile(r"`([^`\s]+\.csv)`")
DIAG = re.compile(r"^(?P<file>[^:\s]+\.medel):(?P<line>\d+):(?P<col>\d+):(?P<rest>.*)$")


class ConventionError(Exception):
    """The document breaks the conventions above (exit code 2)."""


class Block:
    def __init__(self, lang, line, body, before, expect, expect_text, marked):
        self.lang = lang            # the info string: medel, csv, text, …
        self.line = line            # line of the opening fence in the document
        self.body = body            # the text between the fences
        self.before = before        # the document's text between the previous block and this one
        self.expect = expect        # "valid", "error" or "warning"
        self.expect_text = expect_text
        self.marked = marked        # marked by a comment, not by its section
        first = body.split("\n", 1)[0]
        m = FILE_LINE.match(first)
        self.name = m.group(1) if m else None
        w = WRONG_LINE.match(first)
        if w:
            self.expect, self.expect_text = "error", w.group(1) or None
            self.marked = True


def parse(text):
    """The fenced blocks of a Markdown text, with their marks."""
    blocks = []
    lines = text.split("\n")
    i = 0
    region = False           # inside <!-- errors --> … <!-- /errors -->
    heading_error = None     # level of the current "errors" heading, if any
    marker = None            # the marker just before the next block
    prose_start = 0
    while i < len(lines):
        line = lines[i]
        m = FENCE.match(line)
        if m:
            fence, lang = m.group(1), m.group(2).lower()
            start = i
            body = []
            i += 1
            while i < len(lines) and not re.match(r"^ {0,3}" + re.escape(fence[0]) + "{%d,}\\s*$" % len(fence), lines[i]):
                body.append(lines[i])
                i += 1
            if i == len(lines):
                raise ConventionError("%d: a code block is not closed" % (start + 1))
            expect, expect_text = "valid", None
            section_error = region or heading_error is not None
            if section_error:
                expect = "error"
            if marker:
                expect, expect_text = marker
            before = "\n".join(lines[prose_start:start])
            blocks.append(Block(lang, start + 1, "\n".join(body) + "\n", before,
                                expect, expect_text, marker is not None))
            marker = None
            i += 1
            prose_start = i
            continue
        h = HEADING.match(line)
        if h:
            level = len(h.group(1))
            if heading_error is not None and level <= heading_error:
                heading_error = None
            if ERROR_HEADING.search(h.group(2)):
                heading_error = level
            marker = None
        elif REGION_OPEN.match(line):
            region = True
        elif REGION_CLOSE.match(line):
            region = False
        else:
            mk = MARKER.match(line)
            if mk:
                marker = (mk.group(1), mk.group(2) or None)
            elif line.strip():
                marker = None   # a marker belongs to the block right after it
        i += 1
    return blocks


def safe_path(work, name):
    if os.path.isabs(name) or ".." in name.split("/"):
        raise ConventionError("'# fil: %s': the name must be a relative path without '..'" % name)
    path = os.path.join(work, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def relocate(output, name, doc, block, preamble, offset):
    """Moves the messages' places in the scratch file to places in the document.

    Lines 1..offset of a fragment's file are the preamble (and a blank line);
    the block's text follows. A whole block starts at line 1. The block's
    first body line is the document line after the fence."""
    out = []
    for ln in output.splitlines():
        m = DIAG.match(ln)
        if m and m.group("file") == name:
            n = int(m.group("line"))
            if n > offset:
                where = block.line + (n - offset)
            elif preamble is not None:
                where = preamble.line + n
            else:
                where = None
            if where is not None:
                ln = "%s:%d:%s:%s" % (doc, where, m.group("col"), m.group("rest"))
        out.append(ln)
    return out


def main(argv):
    args = [a for a in argv[1:] if a not in ("-v", "--verbose")]
    verbose = len(args) != len(argv) - 1
    if len(args) != 2:
        print("usage: check_examples.py MEDEL DOC.md [-v]", file=sys.stderr)
        return 2
    medel, doc = os.path.abspath(args[0]), args[1]
    if not os.access(medel, os.X_OK):
        print("check_examples: '%s' is not an executable" % args[0], file=sys.stderr)
        return 2
    try:
        with open(doc, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as e:
        print("check_examples: cannot read '%s': %s" % (doc, e), file=sys.stderr)
        return 2
    try:
        return run(medel, doc, parse(text), verbose)
    except ConventionError as e:
        print("%s:%s" % (doc, e), file=sys.stderr)
        return 2


def run(medel, doc, blocks, verbose):
    rule_blocks = [b for b in blocks if b.lang == "medel"]
    if not rule_blocks:
        print("%s: no ```medel block found" % doc)
        print("0 passed, 0 failed")
        return 1
    preamble = next((b for b in rule_blocks if b.name == PREAMBLE_NAME), None)

    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="medel-doc-") as work:
        # Data files and named rule files first: any block may use them.
        for b in blocks:
            if b.lang == "csv":
                body = b.body
                if b.name:
                    name, body = b.name, body.split("\n", 1)[1]
                else:
                    found = CSV_NAME.findall(b.before)
                    if not found:
                        continue    # a CSV example that no rule file reads
                    name = found[-1]
                write(safe_path(work, name), body)
            elif b.lang == "medel" and b.name:
                write(safe_path(work, b.name), b.body)

        for b in rule_blocks:
            if b.name:
                name, src, offset = b.name, b.body, 0
            elif WHOLE_FILE.search(b.body):
                name, src, offset = "block-%d.medel" % b.line, b.body, 0
            elif preamble is None:
                failed += 1
                print("%s:%d: a fragment, but there is no preamble block '# fil: %s'"
                      % (doc, b.line, PREAMBLE_NAME))
                continue
            else:
                name = "block-%d.medel" % b.line
                src = preamble.body + "\n" + b.body
                offset = preamble.body.count("\n") + 1
            if not b.name:
                write(safe_path(work, name), src)
            try:
                r = subprocess.run([medel, "validate", name], cwd=work, timeout=60, env=MESSAGE_ENV,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            except subprocess.TimeoutExpired:
                failed += 1
                print("%s:%d: medel validate did not finish in 60 s" % (doc, b.line))
                continue
            out = r.stdout.decode("utf-8", "replace")
            err = r.stderr.decode("utf-8", "replace")
            msgs = relocate(err, name, doc, b, preamble if offset else None, offset)
            diags = [m for m in msgs if re.search(r": (error|warning): ", m)]
            rc = r.returncode

            problem = None
            if b.expect == "valid":
                if rc != 0:
                    problem = "does not validate (exit %d)" % rc
                elif diags:
                    problem = "validates with diagnostics; mark it <!-- warning --> if that is intended"
            elif b.expect == "exit":
                if not (b.expect_text or "").isdigit():
                    raise ConventionError("%d: '<!-- exit: N -->' needs a number" % b.line)
                if rc != int(b.expect_text):
                    problem = "marked exit %s, exits %d" % (b.expect_text, rc)
            elif b.expect == "warning":
                if rc != 0:
                    problem = "marked warning, but does not validate (exit %d)" % rc
                elif not any(": warning: " in m for m in msgs):
                    problem = "marked warning, but medel gives none"
            else:
                why = "marked error" if b.marked else "in an errors section"
                if rc != EXIT_RULES:
                    problem = "%s: must fail with exit %d, exits %d" % (why, EXIT_RULES, rc)
            if not problem and b.expect != "exit" and b.expect_text and b.expect_text not in err:
                problem = "the messages do not contain: %s" % b.expect_text

            if problem:
                failed += 1
                first = diags[0] if diags else next((m for m in msgs if m.strip()), "")
                detail = ": " + first.strip() if first else ""
                if len(diags) > 1:
                    detail += " (+%d more)" % (len(diags) - 1)
                print("%s:%d: %s%s" % (doc, b.line, problem, detail))
                if verbose:
                    for m in msgs + out.splitlines():
                        print("    " + m)
            else:
                passed += 1
                if verbose:
                    print("%s:%d: ok (%s)" % (doc, b.line, b.expect))

    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
