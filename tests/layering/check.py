#!/usr/bin/env python3
"""check.py: medel's layering, checked on the source tree and the object files.

The flow is strictly downward: lang/ (the front end) uses nothing of runtime/
(the engine), server/ (the workbench's HTTP server) or cli/ (the program),
runtime/ nothing of server/ or cli/, and server/ nothing of cli/. server/ sits
on the engine's public API: of lang/ and runtime/ it includes medel.h alone
and calls only medel_* functions. Checked:

  * includes: no file in lang/ includes a header of runtime/ or cli/, no file
    in runtime/ a header of cli/; and no two headers include each other,
    directly or through others (an include cycle);
  * calls: from `nm` of each object file, file A uses file B when A refers to
    a symbol B defines. A lower folder must not use a higher one, and no
    files may use each other in a circle (a strongly connected component of
    more than one file): each such circle is named, file by file.

usage: check.py --source DIR --nm NM OBJECT...
Exits 0 when everything holds, 1 (saying what does not) otherwise.
"""
import argparse
import os
import re
import subprocess
import sys

LAYERS = ["lang", "runtime", "server", "cli"]   # lowest first
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def layer_of(path):
    top = path.split("/", 1)[0]
    if top == "gen":   # the parser and scanner bison and flex make from lang/
        return "lang"
    return top if top in LAYERS else None


def sccs(nodes, edges):
    """Tarjan's strongly connected components; edges: node -> set(node)."""
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return out


def check_includes(src):
    problems = []
    files = {}
    for layer in LAYERS:
        if not os.path.isdir(os.path.join(src, layer)):
            continue
        for name in sorted(os.listdir(os.path.join(src, layer))):
            if name.endswith((".c", ".h", ".y", ".l")):
                files[layer + "/" + name] = open(os.path.join(src, layer, name), encoding="utf-8").read()
    headers = {}   # basename -> [path]
    for path in files:
        if path.endswith(".h"):
            headers.setdefault(os.path.basename(path), []).append(path)

    def resolve(frm, name):
        here = os.path.dirname(frm) + "/" + name
        if here in files:
            return here
        found = headers.get(name, [])
        return found[0] if len(found) == 1 else None

    edges = {}
    for path, text in files.items():
        for name in INCLUDE.findall(text):
            to = resolve(path, name)
            if not to:
                continue   # a generated header (parser.h, lexer.h) or a system one in quotes
            if LAYERS.index(layer_of(to)) > LAYERS.index(layer_of(path)):
                problems.append(f"{path} includes {to}: {layer_of(path)}/ may not use {layer_of(to)}/")
            if layer_of(path) == "server" and layer_of(to) in ("lang", "runtime") and to != "runtime/medel.h":
                problems.append(f"{path} includes {to}: server/ uses the engine through medel.h alone")
            if path.endswith(".h") and to.endswith(".h"):
                edges.setdefault(path, set()).add(to)
    for comp in sccs(set(edges) | {t for ts in edges.values() for t in ts}, edges):
        if len(comp) > 1 or comp[0] in edges.get(comp[0], ()):
            problems.append("include cycle between headers: " + " -> ".join(comp))
    return problems


def source_of(obj):
    """CMakeFiles/runtime.dir/runtime/input.c.o -> runtime/input.c"""
    p = obj.replace(os.sep, "/")
    m = re.search(r"\.dir/(.*)\.o(bj)?$", p)
    rel = m.group(1) if m else os.path.basename(p)
    m = re.search(r"(?:^|/)((?:lang|runtime|server|cli|gen)/[^/]+)$", rel)
    return m.group(1) if m else rel


def symbols(nm, objects):
    """file -> (symbols it defines, symbols it uses), from nm of its object."""
    defines, uses = {}, {}
    for obj in objects:
        f = source_of(obj)
        out = subprocess.run([nm, "-P", obj], capture_output=True, text=True, check=True).stdout
        d, u = defines.setdefault(f, set()), uses.setdefault(f, set())
        for line in out.splitlines():
            parts = line.split()
            if len(parts) < 2:
                continue
            sym, kind = parts[0], parts[1]
            if kind == "U":
                u.add(sym)
            elif kind in "TDBRCVWGS" and kind.isupper():
                d.add(sym)
    return defines, uses


def check_calls(defines, uses):
    problems = []
    owner = {}
    for f, syms in defines.items():
        for s in syms:
            owner.setdefault(s, f)
    edges = {}
    why = {}
    for f, syms in uses.items():
        for s in sorted(syms):
            g = owner.get(s)
            if g and g != f:
                edges.setdefault(f, set()).add(g)
                why.setdefault((f, g), s)
    for (f, g), s in sorted(why.items()):
        lf, lg = layer_of(f), layer_of(g)
        if lf and lg and LAYERS.index(lg) > LAYERS.index(lf):
            problems.append(f"{f} calls {g} ({s}): {lf}/ may not use {lg}/")
    for f, syms in sorted(uses.items()):
        if layer_of(f) != "server":
            continue
        for s in sorted(syms):
            g = owner.get(s)
            if g and layer_of(g) in ("lang", "runtime", "gen") and not s.startswith("medel_"):
                problems.append(f"{f} calls {g} ({s}): server/ uses the engine through medel_* alone")
    for comp in sccs(set(defines), edges):
        if len(comp) > 1:
            links = [f"{a} -> {b} ({why[(a, b)]})" for a in comp for b in comp if (a, b) in why]
            problems.append("call cycle between " + ", ".join(comp) + ":\n    " + "\n    ".join(links))
    return problems


def self_test():
    """Each kind of problem, made on purpose, is found and named; a clean
    tree and a clean call graph give none."""
    import tempfile
    failures = []

    def expect(what, problems, want):
        got = "\n".join(problems)
        if any(w not in got for w in want) or (not want and problems):
            failures.append(f"{what}: expected {want}, got {problems}")

    with tempfile.TemporaryDirectory() as d:
        for layer in LAYERS:
            os.mkdir(os.path.join(d, layer))

        def put(path, text):
            with open(os.path.join(d, path), "w", encoding="utf-8") as f:
                f.write(text)

        put("lang/a.h", '#include "b.h"\n')
        put("lang/b.h", "\n")
        put("runtime/r.h", '#include "a.h"\n')
        put("cli/c.h", '#include "r.h"\n')
        put("runtime/medel.h", "\n")
        put("server/s.c", '#include "medel.h"\n')
        expect("clean includes", check_includes(d), [])
        put("server/t.c", '#include "r.h"\n')
        expect("server includes", check_includes(d), ["server/t.c includes runtime/r.h: server/ uses the engine through medel.h alone"])
        os.remove(os.path.join(d, "server/t.c"))
        put("lang/b.h", '#include "a.h"\n')
        put("lang/x.c", '#include "r.h"\n')
        put("runtime/y.c", '#include "c.h"\n')
        expect("bad includes", check_includes(d),
               ["include cycle between headers: lang/a.h -> lang/b.h", "lang/x.c includes runtime/r.h",
                "runtime/y.c includes cli/c.h"])
    defines = {"lang/a.c": {"fa"}, "runtime/b.c": {"fb"}, "runtime/c.c": {"fc"}, "cli/d.c": {"fd"}}
    uses = {"lang/a.c": set(), "runtime/b.c": {"fa", "fc"}, "runtime/c.c": {"fa"}, "cli/d.c": {"fb"}}
    expect("clean calls", check_calls(defines, uses), [])
    defines["runtime/m.c"], uses["runtime/m.c"] = {"medel_run", "helper"}, set()
    defines["server/s.c"], uses["server/s.c"] = set(), {"medel_run"}
    expect("server on the API", check_calls(defines, uses), [])
    uses["server/s.c"].add("helper")
    expect("server below the API", check_calls(defines, uses),
           ["server/s.c calls runtime/m.c (helper): server/ uses the engine through medel_* alone"])
    uses["server/s.c"].discard("helper")
    uses["runtime/c.c"].add("fb")
    defines["lang/e.c"], uses["lang/e.c"] = set(), {"fd"}
    expect("bad calls", check_calls(defines, uses),
           ["call cycle between runtime/b.c, runtime/c.c:", "runtime/b.c -> runtime/c.c (fc)",
            "runtime/c.c -> runtime/b.c (fb)", "lang/e.c calls cli/d.c (fd): lang/ may not use cli/"])
    for f in failures:
        print("layering self-test: " + f)
    print(f"layering self-test: {'failed' if failures else 'ok'}")
    return 1 if failures else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True)
    ap.add_argument("--nm", default="nm")
    ap.add_argument("--self-test", action="store_true", help="check that the checks find what they look for")
    ap.add_argument("objects", nargs="*")
    a = ap.parse_args()
    a.objects = [o for arg in a.objects for o in arg.split(";") if o]   # CMake passes each target's list as one
    if a.self_test:
        return self_test()
    problems = check_includes(a.source) + check_calls(*symbols(a.nm, a.objects))
    for p in problems:
        print("layering: " + p)
    if not a.objects:
        print("layering: no object files given")
        return 1
    print(f"layering: {len(a.objects)} object files, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
