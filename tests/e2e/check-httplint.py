"""Runs httplint (pinned in tests/run.sh) on every message of a checker corpus folder and prints
{file: [note class names]} as JSON, for check.test.mjs to compare with the checker's findings.

The corpus is read the way the checker reads it, in its simple forms: `curl -v` marks are dropped,
HTTP/2 pseudo-header blocks become start lines, the last response is linted with the request
before it (if any). A response shown without a body gets no CL_INCORRECT: the copy left it out."""
import json
import os
import re
import sys

from httplint import HttpRequestLinter, HttpResponseLinter

STATUS = re.compile(r"^(HTTP/\d(?:\.\d)?) +(\S+)(?: (.*))?$")
REQUEST = re.compile(r"^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) (HTTP/\d(?:\.\d)?)$")


def messages(text):
    lines = re.split(r"\r\n|\n|\r", text)
    if any(l.startswith("< ") for l in lines):
        lines = [l[2:] for l in lines if re.match(r"^[<>]( |$)", l)] + [
            l for l in lines if not re.match(r"^([<>*{}]( |$))", l)
        ]
    found, current, state = [], None, "seek"
    for line in lines:
        start = STATUS.match(line) or REQUEST.match(line)
        pseudo = re.match(r"^:?(status|method|path)\s*:\s*(.*)$", line, re.I)
        if start and not (state == "body" and current["kind"] == "request" and REQUEST.match(line)):
            current = {"start": line, "headers": [], "body": [], "kind": "response" if STATUS.match(line) else "request"}
            found.append(current)
            state = "headers"
        elif pseudo and (state == "seek" or (state == "body" and line.startswith(":"))):
            current = {"start": None, "headers": [], "body": [], "kind": None, "pseudo": {}}
            found.append(current)
            state = "headers"
            current["pseudo"][pseudo.group(1).lower()] = pseudo.group(2)
        elif state == "headers":
            if line.strip() == "":
                state = "body"
            elif current.get("pseudo") is not None and pseudo and line.startswith(":"):
                current["pseudo"][pseudo.group(1).lower()] = pseudo.group(2)
            elif ":" in line and not line[0].isspace():
                name, _, value = line.partition(":")
                current["headers"].append((name.strip(), value.strip()))
        elif state == "body":
            current["body"].append(line)
    for msg in found:
        pseudo = msg.get("pseudo")
        if pseudo is not None:
            if "status" in pseudo:
                msg["kind"], msg["start"] = "response", "HTTP/2 " + pseudo["status"]
            elif "method" in pseudo:
                msg["kind"], msg["start"] = "request", f"{pseudo['method']} {pseudo.get('path', '/')} HTTP/2"
    return [m for m in found if m["kind"]]


def lint(text):
    found = messages(text)
    responses = [i for i, m in enumerate(found) if m["kind"] == "response"]
    if not responses:
        return []
    at = responses[-1]
    request = None
    for m in reversed(found[:at]):
        if m["kind"] == "request":
            req = REQUEST.match(m["start"])
            request = HttpRequestLinter()
            request.process_request_topline(req.group(1).encode(), req.group(2).encode(), req.group(3).encode())
            request.process_headers([(n.encode(), v.encode()) for n, v in m["headers"]])
            request.finish_content(True)
            break
    res = found[at]
    status = STATUS.match(res["start"])
    response = HttpResponseLinter()
    response.request = request
    response.process_response_topline(status.group(1).encode(), status.group(2).encode(), (status.group(3) or "").encode())
    response.process_headers([(n.encode(), v.encode()) for n, v in res["headers"]])
    # The file's final line break ends the last line; it is not content.
    body = "\n".join(res["body"][:-1] if res["body"][-1:] == [""] else res["body"])
    if body:
        response.feed_content(body.encode())
    response.finish_content(True)
    notes = {type(note).__name__ for note in response.notes}
    if not body:
        # A copy without its body (as developer tools give) says nothing about the body's length.
        notes.discard("CL_INCORRECT")
    return sorted(notes)


def main():
    folder = sys.argv[1]
    out = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith(".http"):
            with open(os.path.join(folder, name), encoding="utf-8", newline="") as fh:
                out[name] = lint(fh.read())
    json.dump(out, sys.stdout, indent=1)


main()
