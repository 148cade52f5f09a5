#!/usr/bin/env python3
"""http_tests.py: medel serve over HTTP, one case per run (docs/api.md).

usage: http_tests.py --medel PATH --source DIR --work DIR CASE

Each case copies rules/ and examples/ into its own fresh folder WORK, starts
its own server there (--port 0, the address read from the line it prints),
and stops it with SIGTERM at the end, which must end it cleanly (exit 0).
The server dies with this script too (PR_SET_PDEATHSIG), so a failing or
killed test leaves no server running. Python's standard library only.
"""
import argparse
import ctypes
import hashlib
import http.client
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import zipfile

RULES = "rules/ungdomsmottagningar-2021.medel"
APPS = "examples/ansokningar-ungdomsmottagningar-2021.xlsx"
SCENARIO = "scenario arbetsytan { ändra pott kommunerna { belopp 20 MSEK } }"


class Failure(Exception):
    pass


def expect(cond, what):
    if not cond:
        raise Failure(what)


def die_with_parent():
    # The server gets SIGTERM when this script ends, however it ends.
    libc = ctypes.CDLL(None, use_errno=True)
    PR_SET_PDEATHSIG = 1
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Server:
    def __init__(self, medel, folder, *extra):
        self.proc = subprocess.Popen([medel, "serve", folder, "--port", "0", *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     preexec_fn=die_with_parent,
                                     env=dict(os.environ, LANGUAGE="sv", LC_ALL="C.UTF-8"))
        line = self.proc.stdout.readline().decode("utf-8")
        m = re.match(r"^Öppna http://127\.0\.0\.1:(\d+)/\?token=([0-9a-f]{64})\n$", line)
        if not m:
            self.proc.kill()
            err = self.proc.stderr.read().decode("utf-8", "replace")
            raise Failure(f"the first line is not the address: {line!r} {err!r}")
        self.port = int(m.group(1))
        self.token = m.group(2)
        self.host = f"127.0.0.1:{self.port}"

    def request(self, method, path, body=None, headers=None, token=True, json_body=True, host=None):
        h = {}
        if token:
            h["Authorization"] = "Bearer " + self.token
        if body is not None and json_body and not isinstance(body, (bytes, str)):
            body = json.dumps(body).encode("utf-8")
            h["Content-Type"] = "application/json"
        if headers:
            h.update(headers)
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        if host is not None:
            c.putrequest(method, path, skip_host=True)
            c.putheader("Host", host)
            for k, v in h.items():
                c.putheader(k, v)
            if body is not None:
                c.putheader("Content-Length", str(len(body)))
            c.endheaders(body)
        else:
            c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data

    def json(self, method, path, body=None, **kw):
        status, headers, data = self.request(method, path, body, **kw)
        try:
            return status, json.loads(data.decode("utf-8")) if data else None
        except ValueError:
            raise Failure(f"{method} {path}: not JSON ({status}): {data[:200]!r}")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                rc = self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                raise Failure("the server did not stop on SIGTERM")
            err = self.proc.stderr.read().decode("utf-8", "replace")
            expect(rc == 0, f"the server's exit status after SIGTERM is {rc}, not 0: {err[-3000:]}")


def inputs(**more):
    d = {"rules": RULES, "applications": APPS}
    d.update(more)
    return d


def version_of(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def temporary_files(folder):
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        found += [os.path.join(dirpath, f) for f in filenames if f.startswith(".medel-")]
    return found


# ---- the security rules ----

def case_missing_token(s, work):
    for path in ["/", "/api/files", "/api/status", "/assets/app.js"]:
        status, _, _ = s.request("GET", path, token=False)
        expect(status == 401, f"GET {path} without the token: {status}, not 401")
    status, _, _ = s.request("POST", "/api/check", inputs(), token=False)
    expect(status == 401, f"POST without the token: {status}")


def case_wrong_token(s, work):
    wrong = ("0" if s.token[0] != "0" else "1") + s.token[1:]
    for headers in [{"Authorization": "Bearer " + wrong}, {"Cookie": "medel_token=" + wrong},
                    {"Authorization": "Bearer " + s.token[:-1]}, {"Cookie": "medel_token=" + s.token + "0"}]:
        status, _, _ = s.request("GET", "/api/files", headers=headers, token=False)
        expect(status == 401, f"a wrong token {headers}: {status}")
    status, _, _ = s.request("GET", "/?token=" + wrong, token=False)
    expect(status == 401, f"GET /?token=wrong: {status}")
    # The right one sets the cookie and redirects to /, and the cookie is enough.
    status, headers, _ = s.request("GET", "/?token=" + s.token, token=False)
    expect(status == 303 and headers.get("location") == "/", f"GET /?token=T: {status} {headers}")
    cookie = headers.get("set-cookie", "")
    expect(cookie.startswith("medel_token=" + s.token + ";") and "HttpOnly" in cookie and
           "SameSite=Strict" in cookie and "Path=/" in cookie, f"the cookie: {cookie!r}")
    status, headers, body = s.request("GET", "/", headers={"Cookie": "medel_token=" + s.token}, token=False)
    expect(status == 200 and headers["content-type"].startswith("text/html"), f"GET / with the cookie: {status}")


def case_foreign_host(s, work):
    for host in [f"evil.example:{s.port}", f"127.0.0.1:{s.port + 1}", "127.0.0.1", f"localhost.evil.example:{s.port}"]:
        status, _, _ = s.request("GET", "/api/status", host=host)
        expect(status == 421, f"Host {host}: {status}, not 421")
    for host in [f"localhost:{s.port}", f"127.0.0.1:{s.port}", f"[::1]:{s.port}"]:
        status, _, _ = s.request("GET", "/api/status", host=host)
        expect(status == 200, f"Host {host}: {status}, not 200")


def case_foreign_origin(s, work):
    body = {"path": RULES, "text": "x"}
    for origin in ["http://evil.example", f"http://evil.example:{s.port}", "null", f"https://127.0.0.1:{s.port}"]:
        status, answer = s.json("POST", "/api/validate", body, headers={"Origin": origin})
        expect(status == 403 and answer["status"] == 403, f"Origin {origin}: {status}")
        status, _ = s.json("PUT", "/api/file", {"path": "x.md", "text": "x", "version": None}, headers={"Origin": origin})
        expect(status == 403, f"PUT with Origin {origin}: {status}")
    expect(not os.path.exists(os.path.join(work, "x.md")), "a foreign PUT wrote its file")
    for origin in [None, f"http://127.0.0.1:{s.port}", f"http://localhost:{s.port}"]:
        status, _ = s.json("POST", "/api/validate", body, headers={"Origin": origin} if origin else None)
        expect(status == 200, f"Origin {origin}: {status}, not 200")


def case_content_type(s, work):
    body = json.dumps({"path": RULES, "text": "x"}).encode()
    for ctype in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", None]:
        headers = {"Content-Type": ctype} if ctype else {}
        status, _, _ = s.request("POST", "/api/validate", body, headers=headers, json_body=False)
        expect(status == 403, f"Content-Type {ctype}: {status}, not 403")
    status, _, _ = s.request("POST", "/api/validate", body, headers={"Content-Type": "application/json; charset=utf-8"},
                             json_body=False)
    expect(status == 200, f"application/json; charset=utf-8: {status}")


def case_paths(s, work):
    for path in ["../etc/passwd", "rules/../../etc/passwd", "/etc/passwd", ".medel/föregående/x.medel", "rules/.x"]:
        status, answer = s.json("GET", "/api/file?path=" + urlquote(path))
        expect(status == 403 and answer["status"] == 403, f"GET {path}: {status}")
        status, _ = s.json("PUT", "/api/file", {"path": path, "text": "x", "version": None})
        expect(status == 403, f"PUT {path}: {status}")
        status, _ = s.json("POST", "/api/check", inputs(rules=path))
        expect(status == 403, f"check with rules {path}: {status}")
    status, _ = s.json("GET", "/api/file?path=rules/finns-inte.medel")
    expect(status == 404, f"a missing file: {status}")
    status, _ = s.json("GET", "/api/file?path=" + "a/" * 2100 + "x.medel")
    expect(status == 403, f"a path over 4096 bytes: {status}")
    status, answer = s.json("GET", "/api/file?path=rules/../" + RULES)
    expect(status == 200 and answer["path"] == RULES, f"a .. that stays inside: {status}")


def case_symlink(s, work):
    outside = os.path.join(os.path.dirname(work), os.path.basename(work) + "-utanför")
    os.makedirs(outside, exist_ok=True)
    with open(os.path.join(outside, "hemlig.csv"), "w") as f:
        f.write("hemlig\n")
    os.symlink(os.path.join(outside, "hemlig.csv"), os.path.join(work, "länk.csv"))
    os.symlink(outside, os.path.join(work, "länkmapp"))
    os.symlink(os.path.join(work, "rules"), os.path.join(work, "regler"))   # inside: fine
    for path in ["länk.csv", "länkmapp/hemlig.csv"]:
        status, _ = s.json("GET", "/api/file?path=" + urlquote(path))
        expect(status == 403, f"GET {path} (a link out): {status}")
        status, _ = s.json("PUT", "/api/file", {"path": path, "text": "x", "version": None})
        expect(status == 403, f"PUT {path} (a link out): {status}")
    status, _ = s.json("PUT", "/api/file", {"path": "länkmapp/ny.csv", "text": "x", "version": None})
    expect(status == 403 and not os.path.exists(os.path.join(outside, "ny.csv")), f"PUT into a linked folder: {status}")
    with open(os.path.join(outside, "hemlig.csv")) as f:
        expect(f.read() == "hemlig\n", "the file outside was changed")
    os.symlink(outside, os.path.join(work, "uppladdat"))
    status, _, _ = s.request("POST", "/api/upload?name=u.csv", b"x", json_body=False)
    expect(status == 403 and not os.path.exists(os.path.join(outside, "u.csv")), f"an upload into a link out: {status}")
    status, _ = s.json("POST", "/api/assessment", inputs(assessments="länkmapp/b.csv", version=None,
                       application="UMO-2021-023", pot="", criterion="målgrupp", outcome="uppfyllt",
                       type="bedömning", by="A", date="2021-03-15", justification="x"))
    expect(status == 403 and not os.path.exists(os.path.join(outside, "b.csv")), f"assessments into a link out: {status}")
    status, _ = s.json("GET", "/api/file?path=regler/ungdomsmottagningar-2021.medel")
    expect(status == 200, f"a link inside the folder: {status}")
    status, listing = s.json("GET", "/api/files")
    paths = [f["path"] for f in listing["files"]]
    expect(not any(p.startswith("länk") for p in paths), f"the list shows links out: {paths}")


def raw_request(s, head, body_chunks=(), read=True):
    """Sends head (bytes), then each chunk, on a socket; the answer's status line."""
    sock = socket.create_connection(("127.0.0.1", s.port), timeout=30)
    try:
        sock.sendall(head)
        for chunk in body_chunks:
            try:
                sock.sendall(chunk)
            except (BrokenPipeError, ConnectionResetError):
                break
        data = b""
        while read and b"\r\n\r\n" not in data:
            try:
                more = sock.recv(65536)
            except ConnectionResetError:
                break
            if not more:
                break
            data += more
        return data
    finally:
        sock.close()


def case_body_limit(s, work):
    # 413 on the headers, before a byte of the body is sent.
    head = (f"POST /api/validate HTTP/1.1\r\nHost: {s.host}\r\nAuthorization: Bearer {s.token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {2 * 1024 * 1024}\r\n\r\n").encode()
    answer = raw_request(s, head)
    expect(answer.startswith(b"HTTP/1.1 413"), f"a 2 MiB body by Content-Length: {answer[:80]!r}")
    # Streamed in chunks past 1 MiB: 413 too, and nothing kept of it.
    head = (f"POST /api/validate HTTP/1.1\r\nHost: {s.host}\r\nAuthorization: Bearer {s.token}\r\n"
            f"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").encode()
    chunk = b"%x\r\n" % 65536 + b" " * 65536 + b"\r\n"
    answer = raw_request(s, head, [chunk] * 20 + [b"0\r\n\r\n"])
    expect(answer.startswith(b"HTTP/1.1 413"), f"a streamed 1.25 MiB body: {answer[:80]!r}")
    # Streamed on and on: closed once twice the limit has come.
    answer = raw_request(s, head, [chunk] * 64 + [b"0\r\n\r\n"])
    expect(answer == b"", f"a streamed 4 MiB body: {answer[:80]!r}")
    # Under the limit is fine.
    status, _ = s.json("POST", "/api/validate", {"path": RULES, "text": "# " + "x" * 500000})
    expect(status == 200, f"a 500 kB body: {status}")


def case_upload_limit(s, work):
    head = (f"POST /api/upload?name=stor.csv HTTP/1.1\r\nHost: {s.host}\r\nAuthorization: Bearer {s.token}\r\n"
            f"Content-Length: {33 * 1024 * 1024}\r\n\r\n").encode()
    answer = raw_request(s, head)
    expect(answer.startswith(b"HTTP/1.1 413"), f"a 33 MiB upload by Content-Length: {answer[:80]!r}")
    head = (f"POST /api/upload?name=stor.csv HTTP/1.1\r\nHost: {s.host}\r\nAuthorization: Bearer {s.token}\r\n"
            f"Transfer-Encoding: chunked\r\n\r\n").encode()
    chunk = b"%x\r\n" % (1 << 20) + b"a" * (1 << 20) + b"\r\n"
    answer = raw_request(s, head, [chunk] * 34 + [b"0\r\n\r\n"])
    expect(answer.startswith(b"HTTP/1.1 413"), f"a streamed 34 MiB upload: {answer[:80]!r}")
    expect(not os.path.exists(os.path.join(work, "uppladdat", "stor.csv")), "the oversized upload was saved")
    # 2 MiB is over the body limit but an upload may be that big.
    with open(os.path.join(work, "examples", "ansokningar-ungdomsmottagningar-2021.csv"), "rb") as f:
        data = f.read()
    status, _, body = s.request("POST", "/api/upload?name=" + urlquote("ansökningar.csv"), data, json_body=False)
    expect(status == 200 and json.loads(body)["path"] == "uppladdat/ansökningar.csv", f"an upload: {status} {body!r}")
    status, _, body = s.request("POST", "/api/upload?name=" + urlquote("ansökningar.csv"), data, json_body=False)
    expect(status == 200 and json.loads(body)["path"] == "uppladdat/ansökningar (2).csv", f"a second upload: {body!r}")
    status, _, body = s.request("POST", "/api/upload?name=" + urlquote("stor.csv"), b"x" * (2 << 20), json_body=False)
    expect(status == 200, f"a 2 MiB upload: {status}")
    for name in ["../x.csv", ".x.csv", "x.sh", "a/b.csv"]:
        status, _, _ = s.request("POST", "/api/upload?name=" + urlquote(name), b"x", json_body=False)
        expect(status == 400, f"upload name {name}: {status}")
    expect(temporary_files(work) == [], f"temporary files left: {temporary_files(work)}")


def case_slow_client(s, work):
    # --timeout 2: the headers a byte a second never make a request; the
    # server closes the connection long before they are all sent.
    head = (f"GET /api/status HTTP/1.1\r\nHost: {s.host}\r\nAuthorization: Bearer {s.token}\r\n"
            f"X-Padding: {'x' * 60}\r\n\r\n").encode()
    sock = socket.create_connection(("127.0.0.1", s.port), timeout=30)
    closed_after = None
    try:
        for i in range(len(head)):
            try:
                sock.sendall(head[i:i + 1])
            except (BrokenPipeError, ConnectionResetError):
                closed_after = i
                break
            # Has the server closed it?
            sock.setblocking(False)
            try:
                data = sock.recv(4096)
                if data == b"" or data:
                    closed_after = i
                    break
            except BlockingIOError:
                pass
            except ConnectionResetError:
                closed_after = i
                break
            finally:
                sock.setblocking(True)
            time.sleep(1)
    finally:
        sock.close()
    expect(closed_after is not None and closed_after < len(head) - 1,
           f"a client sending a byte a second was not disconnected (sent {closed_after})")
    # The server still answers others.
    status, _ = s.json("GET", "/api/status")
    expect(status == 200, f"after the slow client: {status}")


def case_conflict(s, work):
    status, first = s.json("GET", "/api/file?path=" + RULES)
    expect(status == 200 and first["version"] == version_of(os.path.join(work, RULES)), "GET /api/file's version")
    original = first["text"]
    a = original + "\n# flik A\n"
    b = original + "\n# flik B\n"
    status, saved = s.json("PUT", "/api/file", {"path": RULES, "text": a, "version": first["version"]})
    expect(status == 200 and saved["version"] == hashlib.sha256(a.encode()).hexdigest(), f"the first PUT: {status}")
    status, conflict = s.json("PUT", "/api/file", {"path": RULES, "text": b, "version": first["version"]})
    expect(status == 409 and conflict["version"] == saved["version"] and conflict["status"] == 409,
           f"the second PUT on the same version: {status} {conflict}")
    with open(os.path.join(work, RULES), encoding="utf-8") as f:
        expect(f.read() == a, "the file does not hold the first tab's text")
    expect(temporary_files(work) == [], f"temporary files left: {temporary_files(work)}")
    with open(os.path.join(work, ".medel", "föregående", RULES), encoding="utf-8") as f:
        expect(f.read() == original, "the previous version is not kept")
    # Undo puts the previous version back, and keeps the current one.
    status, undone = s.json("POST", "/api/undo", {"path": RULES, "version": saved["version"]})
    expect(status == 200 and undone["text"] == original and undone["version"] == first["version"], f"undo: {status}")
    with open(os.path.join(work, RULES), encoding="utf-8") as f:
        expect(f.read() == original, "undo did not restore the file")
    status, redone = s.json("POST", "/api/undo", {"path": RULES, "version": first["version"]})
    expect(status == 200 and redone["text"] == a, f"undoing the undo: {status}")
    status, _ = s.json("POST", "/api/undo", {"path": RULES, "version": first["version"]})
    expect(status == 409, f"undo on a stale version: {status}")
    status, _ = s.json("POST", "/api/undo", {"path": "rules/gemensam-pott-2017.medel",
                                             "version": version_of(os.path.join(work, "rules/gemensam-pott-2017.medel"))})
    expect(status == 404, f"undo with no previous version: {status}")
    # Eight tabs saving at once on one version: exactly one wins.
    import threading
    status, now = s.json("GET", "/api/file?path=" + RULES)
    results = []
    def save(k):
        results.append((k, s.json("PUT", "/api/file", {"path": RULES, "text": original + f"\n# flik {k}\n",
                                                       "version": now["version"]})[0]))
    threads = [threading.Thread(target=save, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    won = [k for k, st in results if st == 200]
    expect(len(won) == 1 and sorted(st for _, st in results) == [200] + [409] * 7, f"eight saves at once: {results}")
    with open(os.path.join(work, RULES), encoding="utf-8") as f:
        expect(f.read() == original + f"\n# flik {won[0]}\n", "the file does not hold the winner's text")
    # A new file: version null; null again is a conflict.
    status, _ = s.json("PUT", "/api/file", {"path": "anteckningar.md", "text": "hej", "version": None})
    expect(status == 200, f"a new file: {status}")
    status, _ = s.json("PUT", "/api/file", {"path": "anteckningar.md", "text": "hopp", "version": None})
    expect(status == 409, f"a new file that exists: {status}")
    # A rule file saved with errors: saved, and the errors counted.
    status, answer = s.json("PUT", "/api/file", {"path": "rules/trasig.medel", "text": "överenskommelse {", "version": None})
    expect(status == 200 and answer.get("errors", 0) >= 1, f"a broken rule file: {status} {answer}")
    expect(temporary_files(work) == [], f"temporary files left: {temporary_files(work)}")


def case_headers(s, work):
    for path, ctype in [("/", "text/html"), ("/assets/app.js", "text/javascript"), ("/assets/app.css", "text/css"),
                        ("/api/status", "application/json"), ("/api/finns-inte", "application/json")]:
        status, headers, _ = s.request("GET", path)
        expect(status == (404 if "finns" in path else 200), f"GET {path}: {status}")
        expect(headers["content-type"].startswith(ctype), f"{path}: type {headers['content-type']}")
        expect(headers.get("cache-control") == "no-store", f"{path}: Cache-Control")
        expect(headers.get("x-content-type-options") == "nosniff", f"{path}: nosniff")
        expect(headers.get("referrer-policy") == "no-referrer", f"{path}: Referrer-Policy")
        csp = headers.get("content-security-policy", "")
        expect("script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe-inline" not in csp and
               "default-src 'none'" in csp, f"{path}: CSP {csp!r}")
    status, answer = s.json("GET", "/api/status")
    expect(answer["language"] == "sv" and answer["folder"] == os.path.realpath(work), f"status: {answer}")


def case_files(s, work):
    # A build tree, a folder three levels down and node_modules are no
    # officer's files: not listed (but a request may still name one).
    for d, name in [("build-x", "CMakeCache.txt"), ("a/b/c", "djup.medel"), ("node_modules/x", "y.medel")]:
        os.makedirs(os.path.join(work, d), exist_ok=True)
        with open(os.path.join(work, d, name), "w", encoding="utf-8") as f:
            f.write("# x\n")
    with open(os.path.join(work, "build-x", "gammal.medel"), "w", encoding="utf-8") as f:
        f.write("# x\n")
    os.makedirs(os.path.join(work, "a/b"), exist_ok=True)
    with open(os.path.join(work, "a/b/två.medel"), "w", encoding="utf-8") as f:
        f.write("# x\n")
    status, answer = s.json("GET", "/api/files")
    listed = {f["path"] for f in answer["files"]}
    expect("a/b/två.medel" in listed, "a file two folders down is listed")
    expect(not any(p.startswith(("build-x/", "a/b/c/", "node_modules/")) for p in listed),
           f"a build tree, a deeper folder or node_modules listed: {sorted(p for p in listed if p.startswith(('build-x/', 'a/b/c/', 'node_modules/')))}")
    status, got = s.json("GET", "/api/file?path=" + urlquote("a/b/c/djup.medel"))
    expect(status == 200 and got["text"] == "# x\n", f"a deeper file opens when named: {status}")
    kinds = {f["path"]: f["kind"] for f in answer["files"]}
    expect(kinds.get(RULES) == "rules", f"kinds: {kinds.get(RULES)}")
    expect(kinds.get("rules/ungdomsmottagningar-2021.test.medel") == "tests", "a test file")
    expect(kinds.get("examples/scenarier-ungdomsmottagningar-2021.medel") == "scenarios", "a scenario file")
    expect(kinds.get("examples/bedomningar-ungdomsmottagningar-2021.csv") == "assessments", "an assessments file")
    expect(kinds.get(APPS) == "applications", "an applications file")
    expect(kinds.get("rules/data/befolkning_2019-12-31.csv") == "data", "a data file")
    expect(not any(p.startswith(".") or "/." in p for p in kinds), "hidden files listed")


# ---- end to end ----

def case_check(s, work):
    status, answer = s.json("POST", "/api/check", inputs())
    expect(status == 200 and answer["exit"] == 0, f"check: {status} {answer.get('exit')}")
    app = [a for a in answer["report"]["applications"] if a["key"] == "UMO-2021-014"]
    expect(len(app) == 1, "UMO-2021-014 is not in the check")
    pots = app[0]["pots"]
    expect(all(p["status"] != "eligible" for p in pots), f"UMO-2021-014 is eligible: {pots}")
    failed = [c for p in pots for c in p["criteria"] if c["outcome"] == "failed"]
    expect([c["criterion"] for c in failed] == ["barnmorska_och_läkare_är_regionens"], f"its failed criteria: {failed}")
    expect("regionens ansvar" in failed[0]["reason"], f"the reason: {failed[0]['reason']}")
    # Rejected rows do not stop the run: exit 67 with the report.
    status, answer = s.json("POST", "/api/check", inputs(applications="examples/felaktiga-ansokningar-2021.csv"))
    expect(status == 200 and answer["exit"] == 67 and answer["report"]["applications"], f"rejected rows: {status}")
    status, answer = s.json("POST", "/api/explain", inputs(id="UMO-2021-014"))
    expect(status == 200 and "UMO-2021-014" in answer["text"], f"explain: {status}")
    status, answer = s.json("POST", "/api/explain", inputs(id="UMO-2021-999"))
    expect(status == 404 and answer["exit"] == 68, f"explain of an unknown key: {status}")


def granted_to(report, key):
    return sum(g["granted_ore"] for g in report["grants"] if g["application"] == key)


def case_assessment(s, work):
    status, before = s.json("POST", "/api/allocate", inputs())
    expect(status == 200, f"allocate: {status}")
    expect(any(m["application"] == "UMO-2021-023" for m in before["report"]["manual"]), "UMO-2021-023 is not manual")
    expect(granted_to(before["report"], "UMO-2021-023") == 0, "UMO-2021-023 has money before")
    row = inputs(assessments="bedömningar.csv", version=None, application="UMO-2021-023", pot="",
                 criterion="målgrupp", outcome="uppfyllt", type="bedömning", by="Anna Berg", date="2021-03-15",
                 justification="Kommunen bekräftade per telefon; målgruppen är 13–22 år")
    status, saved = s.json("POST", "/api/assessment", row)
    expect(status == 200 and saved["assessments"] == "bedömningar.csv", f"an assessment: {status} {saved}")
    with open(os.path.join(work, "bedömningar.csv"), encoding="utf-8") as f:
        text = f.read()
    expect(text == "Ansökan;Pott;Villkor;Utfall;Typ;Bedömd av;Datum;Motivering\n"
                   "UMO-2021-023;;målgrupp;uppfyllt;bedömning;Anna Berg;2021-03-15;"
                   "\"Kommunen bekräftade per telefon; målgruppen är 13–22 år\"\n", f"the file: {text!r}")
    status, after = s.json("POST", "/api/allocate", inputs(assessments="bedömningar.csv"))
    expect(status == 200 and granted_to(after["report"], "UMO-2021-023") > 0, "the assessment changed nothing")
    expect(after["report"]["granted_ore"] > before["report"]["granted_ore"], "the total granted did not change")
    # One the engine refuses: 422 with its message, nothing written.
    bad = dict(row, application="UMO-2021-999", version=saved["version"])
    status, answer = s.json("POST", "/api/assessment", bad)
    expect(status == 422 and "UMO-2021-999" in answer["messages"] and answer["exit"] == 72, f"refused: {status} {answer}")
    expect(".medel-" not in answer["messages"], "the message names the temporary file")
    with open(os.path.join(work, "bedömningar.csv"), encoding="utf-8") as f:
        expect(f.read() == text, "a refused assessment was written")
    # The same application, pot and criterion replaces its row; remove takes it out.
    status, again = s.json("POST", "/api/assessment", dict(row, version=saved["version"], outcome="ej uppfyllt"))
    expect(status == 200, f"a replacement: {status}")
    with open(os.path.join(work, "bedömningar.csv"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    expect(len(lines) == 2 and ";ej uppfyllt;" in lines[1], f"replaced: {lines}")
    with open(os.path.join(work, ".medel", "föregående", "bedömningar.csv"), encoding="utf-8") as f:
        expect(f.read() == text, "the previous assessments are not kept")
    status, stale = s.json("POST", "/api/assessment", dict(row, version=saved["version"]))
    expect(status == 409, f"an assessment on a stale version: {status}")
    status, removed = s.json("POST", "/api/assessment", dict(row, version=again["version"], remove=True))
    expect(status == 200, f"remove: {status}")
    with open(os.path.join(work, "bedömningar.csv"), encoding="utf-8") as f:
        expect(f.read().splitlines() == lines[:1], "the row was not removed")
    expect(temporary_files(work) == [], f"temporary files left: {temporary_files(work)}")
    # An override (åsidosättande) of a decided case: UMO-2021-014 fails a
    # criterion on its data; set to met, with a justification, it is granted.
    status, cur = s.json("GET", "/api/file?path=" + urlquote("bedömningar.csv"))
    over = inputs(assessments="bedömningar.csv", version=cur["version"], application="UMO-2021-014", pot="",
                  criterion="barnmorska_och_läkare_är_regionens", outcome="uppfyllt", type="åsidosättande",
                  by="Karin Ek", date="2021-03-16", justification="Regionen står för barnmorskan enligt avtal 2021-03-10")
    expect(granted_to(before["report"], "UMO-2021-014") == 0, "UMO-2021-014 has money before its override")
    status, saved = s.json("POST", "/api/assessment", over)
    expect(status == 200, f"an override: {status} {saved}")
    status, after = s.json("POST", "/api/allocate", inputs(assessments="bedömningar.csv"))
    expect(status == 200 and granted_to(after["report"], "UMO-2021-014") == 50_000_000,
           f"the override gives UMO-2021-014 {granted_to(after['report'], 'UMO-2021-014')} öre")


def pot_amounts(report, name):
    return [p for p in report["pots"] if p["name"] == name][0]["amount_ore"]


def case_whatif(s, work):
    status, answer = s.json("POST", "/api/whatif", inputs(scenario_text=SCENARIO))
    expect(status == 200 and answer["exit"] == 0, f"whatif: {status} {answer.get('messages')}")
    report = answer["report"]
    base, changed = pot_amounts(report, "länsgemensamt")
    expect(base - changed == 500_000_000, f"länsgemensamt moved by {base - changed} öre, not 500 000 000")
    base, changed = pot_amounts(report, "kommunerna")
    expect(changed == 2_000_000_000, f"kommunerna is {changed}")
    status, answer = s.json("POST", "/api/whatif", inputs(scenario_text="scenario arbetsytan {\n    ändra pott finns_inte { belopp 1 MSEK }\n}"))
    expect(status == 422 and "arbetsytan:2:" in answer["messages"], f"a scenario error: {status} {answer}")
    status, answer = s.json("POST", "/api/whatif", inputs(
        scenario_file="examples/scenarier-ungdomsmottagningar-2021.medel", scenarios=["ny_fördelning"]))
    expect(status == 200 and [c["name"] for c in answer["report"]["columns"]][1:] == ["ny_fördelning"],
           f"a scenario of a file: {status}")
    status, answer = s.json("POST", "/api/whatif", inputs(sweep={"pot": "kommunerna", "from": "10 MSEK",
                                                                  "to": "20 MSEK", "step": "5 MSEK"}))
    expect(status == 200 and len(answer["report"]["columns"]) >= 3, f"a sweep: {status} {answer.get('messages')}")
    # Saving the change as a named scenario, and using it.
    body = {"file": "scenarier.medel", "version": None, "rules": RULES, "name": "tjugo",
            "label": "Kommunerna får 20 MSEK", "text": "ändra pott kommunerna { belopp 20 MSEK }"}
    status, saved = s.json("POST", "/api/scenario", dict(body, text="    ändra pott kommunerna {\n        belopp 20 MSEK\n    }"))
    expect(status == 200, f"a scenario saved: {status} {saved}")
    with open(os.path.join(work, "scenarier.medel"), encoding="utf-8") as f:
        written = f.read()
    expect(written == 'scenario tjugo "Kommunerna får 20 MSEK" {\n    ändra pott kommunerna {\n        belopp 20 MSEK\n    }\n}\n',
           f"the scenario as medel fmt writes it: {written!r}")
    status, _ = s.json("POST", "/api/scenario", dict(body, version=saved["version"]))
    expect(status == 409, f"a scenario that exists: {status}")
    status, saved2 = s.json("POST", "/api/scenario", dict(body, version=saved["version"], replace=True,
                                                           text="ändra pott kommunerna { belopp 19 MSEK }"))
    expect(status == 200, f"a scenario replaced: {status}")
    status, bad = s.json("POST", "/api/scenario", dict(body, version=saved2["version"], name="fel",
                                                        text="ändra pott finns_inte { belopp 1 MSEK }"))
    expect(status == 422, f"a scenario that does not load: {status}")
    status, answer = s.json("POST", "/api/whatif", inputs(scenario_file="scenarier.medel", scenarios=["tjugo"]))
    expect(status == 200, f"whatif with the saved scenario: {status} {answer.get('messages')}")
    base, changed = pot_amounts(answer["report"], "kommunerna")
    expect(changed == 1_900_000_000, f"the saved scenario gives kommunerna {changed}")


def download(s, query):
    status, headers, data = s.request("GET", "/api/download?" + query)
    expect(status == 200, f"download {query}: {status} {data[:300]!r}")
    expect(headers.get("content-disposition", "").startswith("attachment;"), f"{query}: not an attachment")
    return headers, data


def case_downloads(s, work):
    q = f"rules={urlquote(RULES)}&applications={urlquote(APPS)}"
    headers, data = download(s, "kind=workbook&" + q)
    expect(headers["content-type"].startswith("application/vnd.openxmlformats"), "the workbook's type")
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    expect("xl/workbook.xml" in names, f"the workbook: {names[:10]}")
    headers, data = download(s, "kind=letters&" + q)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    expect("index.html" in names and len(names) > 1, f"the letters: {names[:10]}")
    headers, data = download(s, "kind=basis&" + q)
    expect(headers["content-type"].startswith("text/html") and b"<html" in data[:500].lower(), "the basis")
    headers, data = download(s, "kind=whatif&scenario_text=" + urlquote(SCENARIO) + "&" + q)
    expect(b"<html" in data[:500].lower(), "the what-if report")
    headers, data = download(s, "kind=template&rules=" + urlquote(RULES))
    expect("xl/workbook.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist(), "the template")
    status, _, _ = s.request("GET", "/api/download?kind=workbook&rules=../x.medel&applications=" + urlquote(APPS))
    expect(status == 403, f"a download outside: {status}")


def case_editor(s, work):
    path = RULES
    with open(os.path.join(work, path), encoding="utf-8") as f:
        text = f.read()
    status, doc = s.json("POST", "/api/validate", {"path": path, "text": text})
    expect(status == 200 and isinstance(doc, dict), f"validate: {status}")
    broken = text.replace("krav målgrupp inom", "krav målgrup inom", 1)
    status, doc = s.json("POST", "/api/validate", {"path": path, "text": broken})
    diags = [d for f in doc["files"] for d in f["diagnostics"] if d["severity"] == "error"]
    start = len(broken[:broken.index("målgrup inom")].encode("utf-8"))
    expect(status == 200 and len(diags) == 1 and "'målgrup'" in diags[0]["message"], f"validate a mistake: {diags}")
    expect(diags[0]["start_byte"] == start and diags[0]["end_byte"] == start + len("målgrup".encode()),
           f"the span of the mistake: {diags[0]}")
    status, _ = s.json("GET", "/api/file?path=" + path)
    with open(os.path.join(work, path), encoding="utf-8") as f:
        expect(f.read() == text, "validate changed the file")
    status, answer = s.json("POST", "/api/format", {"path": path, "text": text})
    expect(status == 200 and "överenskommelse" in answer["text"], f"format: {status}")
    status, answer = s.json("POST", "/api/format", {"path": path, "text": "överenskommelse {"})
    expect(status == 422 and answer["messages"], f"format of a broken file: {status}")
    status, answer = s.json("POST", "/api/diff", {"path": "rules/ungdomsmottagningar-2022.medel"})
    expect(status == 200 and answer["extends"] and answer["text"] and "report" in answer, f"diff: {status} {answer}")
    status, answer = s.json("POST", "/api/diff", {"path": path, "text": text})
    expect(status == 200 and answer["extends"] is None, f"diff of a file that extends none: {answer}")


def case_sigterm(s, work):
    # A request under way when SIGTERM comes is answered; then exit 0.
    sock = socket.create_connection(("127.0.0.1", s.port), timeout=30)
    body = json.dumps(inputs()).encode()
    # All but the body's last byte, so that the request is under way (its
    # headers read) when SIGTERM comes, and still is after it.
    sock.sendall((f"POST /api/allocate HTTP/1.1\r\nHost: {s.host}\r\nAuthorization: Bearer {s.token}\r\n"
                  f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body[:-1])
    time.sleep(0.5)
    s.proc.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    sock.sendall(body[-1:])
    data = b""
    while True:
        more = sock.recv(65536)
        if not more:
            break
        data += more
    sock.close()
    expect(data.startswith(b"HTTP/1.1 200"), f"the request under way: {data[:80]!r}")
    rc = s.proc.wait(timeout=30)
    err = s.proc.stderr.read().decode("utf-8", "replace")
    expect(rc == 0, f"exit status {rc} after SIGTERM: {err[-3000:]}")
    try:
        socket.create_connection(("127.0.0.1", s.port), timeout=5).close()
        expect(False, "the port still takes connections")
    except ConnectionRefusedError:
        pass


def case_token_file(s, work):
    # --token-file F: the token is written there (0600), and kept at the next start.
    medel = s.proc.args[0]
    path = work + "-nyckel"
    if os.path.exists(path):
        os.remove(path)
    first = Server(medel, work, "--token-file", path)
    try:
        with open(path) as f:
            expect(f.read().strip() == first.token, "the token file does not hold the token")
        expect(os.stat(path).st_mode & 0o777 == 0o600, f"the token file's mode is {oct(os.stat(path).st_mode)}")
        expect(first.token != s.token, "two servers chose the same token")
        first.stop()
        second = Server(medel, work, "--token-file", path)
        expect(second.token == first.token, "the token was not kept")
        second.stop()
    finally:
        for srv in [first] + ([second] if "second" in locals() else []):
            if srv.proc.poll() is None:
                srv.proc.kill()
                srv.proc.wait()


def case_concurrent(s, work):
    # Requests on several threads at once, each running the engine: every
    # answer is the one a request alone gets (scripts/test runs this case
    # under ThreadSanitizer as well).
    import threading
    jobs = [("POST", "/api/whatif", inputs(scenario_text=SCENARIO)), ("POST", "/api/allocate", inputs()),
            ("POST", "/api/check", inputs()), ("POST", "/api/explain", inputs(id="UMO-2021-014")),
            ("POST", "/api/validate", {"path": RULES, "text": open(os.path.join(work, RULES), encoding="utf-8").read()})]
    alone = []
    for m, p, b in jobs:
        status, answer = s.json(m, p, b)
        expect(status == 200, f"{p} alone: {status}")
        alone.append(answer)
    got = [[None] * len(jobs) for _ in range(4)]

    def worker(t):
        for i, (m, p, b) in enumerate(jobs):
            got[t][i] = s.json(m, p, b)

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for t in range(4):
        for i, (m, p, b) in enumerate(jobs):
            status, answer = got[t][i]
            expect(status == 200, f"{p} on thread {t}: {status}")
            expect(answer == alone[i], f"{p} on thread {t} differs from the request alone")


# ---- what a hostile or careless request finds ----

def case_hostile(s, work):
    # A large assessments file is never taken for a new one: 413, and
    # every row it holds stays.
    big = os.path.join(work, "stora-bedömningar.csv")
    with open(big, "w", encoding="utf-8") as f:
        f.write("Ansökan;Pott;Villkor;Utfall;Typ;Bedömd av;Datum;Motivering\n")
        row = "UMO-2021-023;;målgrupp;uppfyllt;bedömning;Anna Berg;2021-03-15;" + "x" * 200 + "\n"
        for _ in range(17 * 1024 * 1024 // len(row) + 1):
            f.write(row)
    before = version_of(big)
    status, answer = s.json("POST", "/api/assessment", inputs(
        assessments="stora-bedömningar.csv", version=before, application="UMO-2021-023", pot="", criterion="målgrupp",
        outcome="uppfyllt", type="bedömning", by="X", date="2021-03-15", justification="y"))
    expect(status == 413, f"an assessment into a file past 16 MiB: {status} {answer}")
    expect(version_of(big) == before, "the large assessments file was written over")
    # The file a rule file extends is never read from outside the folder,
    # nor shown: /api/diff answers 403 and says nothing of its lines.
    for target in ["/etc/passwd", "../../../../../../etc/passwd"]:
        status, answer = s.json("POST", "/api/diff", {"path": "rules/ny.medel", "text": f'utökar "{target}"\n'})
        expect(status == 403 and "root:" not in json.dumps(answer, ensure_ascii=False), f"diff extending {target}: {status} {answer}")
    # A named pipe in the folder answers at once, and does not hold the
    # write lock: a save of another file goes through.
    os.mkfifo(os.path.join(work, "rör.csv"))
    status, answer = s.json("GET", "/api/file?path=" + urlquote("rör.csv"))
    expect(status in (404, 415) and answer["status"] == status, f"a named pipe: {status} {answer}")
    status, answer = s.json("PUT", "/api/file", {"path": "rör.csv", "text": "a", "version": None})
    expect(status in (404, 409, 415, 422), f"a save over a named pipe: {status} {answer}")
    status, answer = s.json("PUT", "/api/file", {"path": "annan.medel", "text": "# x\n", "version": None})
    expect(status == 200, f"a save after the pipe: {status} {answer}")
    # Names that are not UTF-8 are refused before they reach the disk.
    status, _, _ = s.request("POST", "/api/upload?name=%ff%fe.csv", b"x", json_body=False)
    expect(status in (400, 403), f"an upload named in bytes that are not UTF-8: {status}")
    up = os.path.join(work, "uppladdat").encode()
    expect(not os.path.isdir(up) or not any(b"\xff" in n for n in os.listdir(up)), "the upload was written")
    status, answer = s.json("GET", "/api/file?path=%c0%ae%c0%ae/etc/passwd")
    expect(status == 403, f"an overlong '..': {status} {answer}")
    # Assessments go to a .csv file, scenarios to a .medel file.
    status, answer = s.json("POST", "/api/assessment", inputs(
        assessments="rules/ny.medel", version=None, application="UMO-2021-023", pot="", criterion="målgrupp",
        outcome="uppfyllt", type="bedömning", by="X", date="2021-03-15", justification="y"))
    expect(status == 415 and not os.path.exists(os.path.join(work, "rules", "ny.medel")), f"assessments into a .medel file: {status}")
    status, answer = s.json("POST", "/api/scenario", {"file": "utan-ändelse", "rules": RULES, "version": None, "name": "s",
                                                      "text": "ändra pott kommunerna { belopp 20 MSEK }"})
    expect(status == 415 and not os.path.exists(os.path.join(work, "utan-ändelse")), f"a scenario into a file without .medel: {status}")
    expect(temporary_files(work) == [], f"temporary files left: {temporary_files(work)}")


def urlquote(s):
    from urllib.parse import quote
    return quote(s, safe="/")


CASES = {name[5:]: f for name, f in globals().items() if name.startswith("case_")}
OPTIONS = {"slow_client": ["--timeout", "2"]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--medel", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("case", choices=sorted(CASES))
    a = ap.parse_args()
    work = os.path.abspath(a.work)
    for d in [work, work + "-utanför"]:
        shutil.rmtree(d, ignore_errors=True)
    os.makedirs(work)
    for d in ["rules", "examples"]:
        shutil.copytree(os.path.join(a.source, d), os.path.join(work, d), symlinks=True)
    s = Server(a.medel, work, *OPTIONS.get(a.case, []))
    try:
        CASES[a.case](s, work)
        s.stop()
    except Failure as e:
        print(f"serve.{a.case}: FAILED: {e}")
        return 1
    finally:
        if s.proc.poll() is None:
            s.proc.kill()
            s.proc.wait()
    print(f"serve.{a.case}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
