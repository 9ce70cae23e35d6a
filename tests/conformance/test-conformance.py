#!/usr/bin/python3
# test-conformance.py: send the requests Calbook sends to Cal.com through
# Prism, in proxy mode, to the sandbox server, and fail when Prism finds any
# exchange that breaks the official API description (an `sl-violations`
# response header), except for the named, documented differences below.
#
# Usage: test-conformance.py SANDBOX-EXECUTABLE
# Environment: CALBOOK_SHARED_DIR (holds calcom/openapi.prism.json),
#              CALBOOK_PRISM (the prism executable).
# Exit status: 0 conforming, 1 violations or errors, 77 skipped (and why).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import datetime
import http.client
import json
import os
import re
import select
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

SKIP = 77

V_BOOKINGS = "2024-08-13"
V_SLOTS = "2024-09-04"
V_EVENT_TYPES = "2024-06-14"


def skip(reason):
    print(f"SKIP: {reason}")
    sys.exit(SKIP)


def log(msg):
    print(msg, flush=True)


# --- Documented exceptions -------------------------------------------------
#
# Each is a place where the deployed Cal.com API knowingly differs from
# openapi.json (see docs/calcom-behaviour.md). An exception excuses only
# response violations of one request, and only after the harness has checked
# the response against the shape the deployed API really has, so that the
# sandbox cannot hide a real mistake behind it.


def is_slots_map(status, body):
    """docs/calcom-behaviour.md §5: {status, data: {date: [{start, end?}, ...]}} or data {}."""
    data = body.get("data")
    if status != 200 or body.get("status") != "success" or not isinstance(data, dict):
        return False
    for day, slots in data.items():
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) or not isinstance(slots, list):
            return False
        for slot in slots:
            if not isinstance(slot, dict) or not isinstance(slot.get("start"), str) \
               or not isinstance(slot.get("end", ""), str):
                return False
    return True


def is_membership_array(status, body):
    """docs/calcom-behaviour.md §4: data is an array of memberships."""
    data = body.get("data")
    if status != 200 or body.get("status") != "success" or not isinstance(data, list):
        return False
    keys = {"id", "userId", "teamId", "accepted", "role", "user"}
    return all(isinstance(m, dict) and keys <= m.keys()
               and m["role"] in ("MEMBER", "ADMIN", "OWNER") for m in data)


def is_empty_page(status, body):
    """docs/calcom-behaviour.md §2.2: an empty list has currentPage 0 and totalPages 0."""
    page = body.get("pagination")
    return (status == 200 and body.get("data") == [] and isinstance(page, dict)
            and page.get("currentPage") == 0 and page.get("totalPages") == 0
            and page.get("totalItems") == 0)


def is_error_envelope(status, body):
    """docs/calcom-behaviour.md §2.3: envelope (a)/(b) {status: "error", error: {code, message}}
    or the flat (f) {statusCode, message}."""
    if status < 400:
        return False
    err = body.get("error")
    if body.get("status") == "error" and isinstance(err, dict):
        return isinstance(err.get("code"), str) and isinstance(err.get("message"), str)
    return body.get("statusCode") == status and isinstance(body.get("message"), str)


def has_boolean_forward_params(status, body):
    """Every event type's forwardParamsSuccessRedirect is a boolean or null."""
    data = body.get("data")
    return (status == 200 and isinstance(data, list)
            and all(isinstance(t, dict)
                    and isinstance(t.get("forwardParamsSuccessRedirect"), (bool, type(None)))
                    for t in data))


EXCEPTIONS = [
    {
        "name": "slots-as-objects",
        "reason": "GET /v2/slots returns {status, data: {date: [{start, end}]}}; the "
                  "description's schema is the bare date map without the {status, data} "
                  "envelope, and types the default format's slots as strings where its own "
                  "example and the deployed API use objects (docs/calcom-behaviour.md §5)",
        "requests": {"slots"},
        "shape": is_slots_map,
    },
    {
        "name": "memberships-as-array",
        "reason": "GET /v2/organizations/{orgId}/memberships returns data as an array; "
                  "the description shows a single object, a documentation bug "
                  "(docs/calcom-behaviour.md §4, get-all-memberships.output.ts)",
        "requests": {"memberships"},
        "shape": is_membership_array,
        # Only the type of `data` differs; nothing inside it is excused.
        "locations": [["response", "body", "data"]],
    },
    {
        "name": "forward-params-boolean",
        "reason": "openapi.json types the event type's forwardParamsSuccessRedirect as an "
                  "untyped object, the swagger defect that openapi.prism.json fixed for 41 "
                  "other boolean fields but not here, as it has no example; Cal.com stores "
                  "and returns a boolean",
        "requests": {"event-types"},
        "shape": has_boolean_forward_params,
        "location_re": r"response\.body\.data\.\d+\.forwardParamsSuccessRedirect",
    },
    {
        "name": "empty-page-current-page-zero",
        "reason": "an empty list answers pagination.currentPage 0 (totalPages 0), "
                  "below the description's minimum of 1 (docs/calcom-behaviour.md §2.2)",
        "requests": None,
        "shape": is_empty_page,
        "locations": [["response", "body", "pagination", "currentPage"]],
    },
    {
        "name": "undocumented-error-status",
        "reason": "the description lists no error responses at all, while the API "
                  "answers 4xx in its error envelopes (docs/calcom-behaviour.md §2.3, §2.4); the "
                  "harness checks the envelope instead",
        "requests": None,
        "shape": is_error_envelope,
        "locations": [["response"]],
    },
]


def excuse(request, violation, status, body):
    """Return the exception that excuses VIOLATION, or None."""
    location = violation.get("location", [])
    if location[:1] != ["response"]:
        return None
    if not isinstance(body, dict):
        return None
    for exc in EXCEPTIONS:
        if exc["requests"] is not None and request not in exc["requests"]:
            continue
        if "locations" in exc and location not in exc["locations"]:
            continue
        if "location_re" in exc and not re.fullmatch(exc["location_re"],
                                                     ".".join(str(p) for p in location)):
            continue
        if exc["shape"](status, body):
            return exc
    return None


# --- Processes -----------------------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_sandbox(exe, logfile):
    proc = subprocess.Popen([exe, "--port", "0"], stdout=subprocess.PIPE,
                            stderr=logfile, stdin=subprocess.DEVNULL)
    ready, _, _ = select.select([proc.stdout], [], [], 30)
    line = proc.stdout.readline() if ready else b""
    if not line:
        proc.kill()
        raise RuntimeError("the sandbox printed no info line within 30 s")
    return proc, json.loads(line)


def start_prism(prism, spec, upstream, port, logfile):
    proc = subprocess.Popen([prism, "proxy", spec, upstream,
                             "--host", "127.0.0.1", "--port", str(port)],
                            stdout=logfile, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"prism exited with status {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("prism did not listen within 60 s")


def stop(proc):
    if proc and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# --- The exchanges ---------------------------------------------------------------


class Harness:
    def __init__(self, port):
        self.port = port
        self.failures = []
        self.excused = []
        self.missing = []
        self.checked = 0
        self.sent = set()

    def send(self, name, method, path, key=None, version=None, query=None, body=None,
             expect=None):
        """Send one request through Prism; record violations; return (status, json)."""
        if query:
            path += "?" + urllib.parse.urlencode(query, safe=",:")
        headers = {"Accept": "application/json"}
        if key:
            headers["Authorization"] = f"Bearer {key}"
        if version:
            headers["cal-api-version"] = version
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"

        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=data, headers=headers)
            resp = conn.getresponse()
            raw = resp.read()
            violations = resp.getheader("sl-violations")
        finally:
            conn.close()

        try:
            payload = json.loads(raw) if raw else None
        except ValueError:
            payload = None

        label = f"{name}: {method} {path} -> {resp.status}"

        self.checked += 1
        self.sent.add(name)
        problems = []

        # A route the sandbox does not serve answers like Nest does for any
        # unknown route (docs/calcom-behaviour.md §2.3). Calbook needs every route used here.
        message = ""
        if isinstance(payload, dict):
            err = payload.get("error")
            message = (err.get("message", "") if isinstance(err, dict)
                       else payload.get("message", ""))
        if resp.status == 404 and isinstance(message, str) and message.startswith("Cannot "):
            self.missing.append(label)
            problems.append("the sandbox does not serve this route")

        if expect is not None and resp.status not in (expect if isinstance(expect, tuple)
                                                     else (expect,)):
            problems.append(f"status {resp.status}, expected {expect}: {raw[:300]!r}")
        for v in json.loads(violations) if violations else []:
            exc = excuse(name, v, resp.status, payload)
            where = ".".join(str(p) for p in v.get("location", []))
            if exc:
                self.excused.append(f"{label}: {where}: {v.get('message')} "
                                    f"[exception {exc['name']}]")
            else:
                problems.append(f"{where}: {v.get('message')}")

        if problems:
            log(f"FAIL {label}")
            for p in problems:
                log(f"     {p}")
            self.failures.append((label, problems))
        else:
            log(f"ok   {label}")
        return resp.status, payload


def data_of(payload):
    return payload.get("data") if isinstance(payload, dict) else None


def iso(dt):
    return dt.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


# Every kind of request Calbook sends; each must have been exchanged once.
REQUIRED = ["me", "bookings", "bookings-incremental", "booking", "event-types", "slots",
            "create", "location", "guests", "reschedule", "cancel", "confirm", "decline",
            "mark-absent", "org-bookings", "org-bookings-user", "memberships",
            "org-bookings-forbidden"]


def run(h, info):
    accounts = info.get("accounts", [])
    if not accounts:
        raise RuntimeError("the sandbox info line lists no accounts")
    admin = next((a for a in accounts if str(a.get("role", "")).upper() in ("ADMIN", "OWNER")),
                 accounts[0])
    member = next((a for a in accounts if str(a.get("role", "")).upper() == "MEMBER"), None)
    key = admin["apiKey"]
    org_id = info.get("organizationId")
    now = datetime.datetime.now(datetime.timezone.utc)

    # Account (/v2/me needs no version header).
    _, me = h.send("me", "GET", "/v2/me", key=key, expect=200)
    me = data_of(me) or {}
    org_id = me.get("organizationId") or org_id

    # Sync: a full page, then an incremental page.
    _, page = h.send("bookings", "GET", "/v2/bookings", key=key, version=V_BOOKINGS,
                     query={"take": 100, "skip": 0}, expect=200)
    h.send("bookings-incremental", "GET", "/v2/bookings", key=key, version=V_BOOKINGS,
           query={"take": 250, "skip": 0, "sortUpdatedAt": "asc",
                  "afterUpdatedAt": iso(now - datetime.timedelta(days=30))}, expect=200)
    h.send("bookings-status", "GET", "/v2/bookings", key=key, version=V_BOOKINGS,
           query={"status": "upcoming,unconfirmed",
                  "afterStart": iso(now - datetime.timedelta(days=7)),
                  "beforeEnd": iso(now + datetime.timedelta(days=60)),
                  "take": 20, "skip": 0}, expect=200)
    if member:
        h.send("me-member", "GET", "/v2/me", key=member["apiKey"], expect=200)
        h.send("bookings-member", "GET", "/v2/bookings", key=member["apiKey"],
               version=V_BOOKINGS, query={"take": 20, "skip": 0}, expect=200)

    listed = data_of(page) or []
    if listed:
        h.send("booking", "GET", f"/v2/bookings/{listed[0]['uid']}", key=key,
               version=V_BOOKINGS, expect=200)

    # Booking editor: event types, then free slots of one of them.
    _, types = h.send("event-types", "GET", "/v2/event-types", key=key,
                      version=V_EVENT_TYPES, expect=200)
    types = data_of(types) or []
    slot_starts = []
    event_type = types[0] if types else None
    if event_type:
        # As calbook_api_client_get_slots_async () asks: UTC times, range format.
        _, slots = h.send("slots", "GET", "/v2/slots", key=key, version=V_SLOTS,
                          query={"eventTypeId": event_type["id"],
                                 "start": iso(now + datetime.timedelta(days=1)),
                                 "end": iso(now + datetime.timedelta(days=14)),
                                 "timeZone": "Europe/Berlin",
                                 "format": "range"}, expect=200)
        for day in sorted((data_of(slots) or {}).items()):
            slot_starts += [s["start"] for s in day[1] if isinstance(s, dict) and "start" in s]

    # Create, change, reschedule and cancel a booking.
    uid = None
    if event_type and len(slot_starts) >= 2:
        start = datetime.datetime.fromisoformat(slot_starts[0].replace("Z", "+00:00"))
        _, created = h.send("create", "POST", "/v2/bookings", key=key, version=V_BOOKINGS,
                            body={"start": iso(start),
                                  "eventTypeId": event_type["id"],
                                  "attendee": {"name": "Ada Lovelace",
                                               "email": "ada@example.com",
                                               "timeZone": "Europe/London",
                                               "language": "en"},
                                  "guests": ["charles@example.com"],
                                  "bookingFieldsResponses": {"notes": "Bring the engine plans"},
                                  "metadata": {"calbookRequestId": "conformance-1"}},
                            expect=201)
        created = data_of(created)
        uid = created.get("uid") if isinstance(created, dict) else None

    if uid:
        h.send("booking", "GET", f"/v2/bookings/{uid}", key=key, version=V_BOOKINGS,
               expect=200)
        h.send("location", "PATCH", f"/v2/bookings/{uid}/location", key=key,
               version=V_BOOKINGS,
               body={"location": {"type": "address", "address": "1 Main Street"}},
               expect=200)
        h.send("guests", "POST", f"/v2/bookings/{uid}/guests", key=key, version=V_BOOKINGS,
               body={"guests": [{"email": "grace@example.com", "name": "Grace Hopper"}]},
               expect=200)
        h.send("slots", "GET", "/v2/slots", key=key, version=V_SLOTS,
               query={"eventTypeId": event_type["id"],
                      "start": iso(now + datetime.timedelta(days=1)),
                      "end": iso(now + datetime.timedelta(days=14)),
                      "timeZone": "Europe/Berlin", "format": "range",
                      "bookingUidToReschedule": uid}, expect=200)
        later = datetime.datetime.fromisoformat(slot_starts[-1].replace("Z", "+00:00"))
        _, moved = h.send("reschedule", "POST", f"/v2/bookings/{uid}/reschedule", key=key,
                          version=V_BOOKINGS,
                          body={"start": iso(later),
                                "reschedulingReason": "The client asked for a later time"},
                          expect=201)
        moved = data_of(moved)
        new_uid = moved.get("uid") if isinstance(moved, dict) else None
        if new_uid:
            h.send("cancel", "POST", f"/v2/bookings/{new_uid}/cancel", key=key,
                   version=V_BOOKINGS,
                   body={"cancellationReason": "The client cannot come"}, expect=200)

    # Pending bookings: confirm one, decline another.
    _, pending = h.send("bookings-unconfirmed", "GET", "/v2/bookings", key=key,
                        version=V_BOOKINGS,
                        query={"take": 2, "skip": 0, "status": "unconfirmed"}, expect=200)
    pending = data_of(pending) or []
    if len(pending) >= 1:
        h.send("confirm", "POST", f"/v2/bookings/{pending[0]['uid']}/confirm", key=key,
               version=V_BOOKINGS, expect=200)
    if len(pending) >= 2:
        h.send("decline", "POST", f"/v2/bookings/{pending[1]['uid']}/decline", key=key,
               version=V_BOOKINGS, body={"reason": "No room that day"}, expect=200)

    # A past booking: mark its attendee as a no-show.
    _, past = h.send("bookings-past", "GET", "/v2/bookings", key=key, version=V_BOOKINGS,
                     query={"take": 1, "skip": 0, "status": "past"}, expect=200)
    past = data_of(past) or []
    if past and past[0].get("attendees"):
        h.send("mark-absent", "POST", f"/v2/bookings/{past[0]['uid']}/mark-absent", key=key,
               version=V_BOOKINGS,
               body={"host": False,
                     "attendees": [{"email": past[0]["attendees"][0]["email"], "absent": True}]},
               expect=200)

    # Admin window. Organization routes take no cal-api-version (docs/calcom-behaviour.md §3.2),
    # and calbook_api_client_list_bookings_async () sends none.
    if org_id:
        _, org_page = h.send("org-bookings", "GET", f"/v2/organizations/{org_id}/bookings",
                             key=key, query={"take": 100, "skip": 0}, expect=200)
        _, members = h.send("memberships", "GET", f"/v2/organizations/{org_id}/memberships",
                            key=key, query={"take": 250, "skip": 0}, expect=200)
        members = data_of(members)
        if isinstance(members, list) and members:
            h.send("org-bookings-user", "GET", f"/v2/organizations/{org_id}/bookings",
                   key=key, query={"take": 100, "skip": 0, "status": "upcoming",
                                   "userIds": str(members[0]["userId"])}, expect=200)
        if member:
            # How Calbook finds out that a member is no admin (docs/calcom-behaviour.md §4).
            h.send("org-bookings-forbidden", "GET", f"/v2/organizations/{org_id}/bookings",
                   key=member["apiKey"], query={"take": 1}, expect=403)


def main():
    if len(sys.argv) != 2:
        print(f"usage: {sys.argv[0]} SANDBOX-EXECUTABLE", file=sys.stderr)
        return 2

    sandbox = sys.argv[1]
    shared = os.environ.get("CALBOOK_SHARED_DIR", "")
    spec = os.path.join(shared, "calcom", "openapi.prism.json")
    prism = os.environ.get("CALBOOK_PRISM", "")

    if not shared or not os.path.isfile(spec):
        skip(f"the API description {spec or 'calcom/openapi.prism.json'} is not there "
             "(set CALBOOK_SHARED_DIR, or meson's -Dshared_dir)")
    if not prism or not os.access(prism, os.X_OK):
        skip("Prism is not installed (set CALBOOK_PRISM; build-aux/run-tests.sh installs it)")
    if not os.access(sandbox, os.X_OK):
        skip(f"the sandbox {sandbox} has not been built")

    sandbox_proc = prism_proc = None
    logs = tempfile.TemporaryDirectory(prefix="calbook-conformance-")
    sandbox_log = open(os.path.join(logs.name, "sandbox.log"), "w+")
    prism_log = open(os.path.join(logs.name, "prism.log"), "w+")
    status = 1
    try:
        sandbox_proc, info = start_sandbox(sandbox, sandbox_log)
        log(f"# sandbox at {info['url']}")
        port = free_port()
        prism_proc = start_prism(prism, spec, info["url"].rstrip("/"), port, prism_log)
        log(f"# prism proxy at http://127.0.0.1:{port}")

        h = Harness(port)
        run(h, info)

        # A request left out because the data gave nothing to act on (no
        # event type, no free slot, no pending or past booking) is a failure
        # too: the harness would otherwise pass while checking less.
        for name in REQUIRED:
            if name not in h.sent:
                log(f"FAIL {name}: never sent (the sandbox's data had nothing to send it for)")
                h.failures.append((name, ["never sent"]))

        for line in h.excused:
            log(f"# excused: {line}")
        for exc in EXCEPTIONS:
            log(f"# exception {exc['name']}: {exc['reason']}")
        log(f"# {h.checked} exchanges checked, {len(h.failures)} failed "
            f"({len(h.missing)} of them on routes the sandbox does not serve)")
        status = 1 if h.failures else 0
    except (RuntimeError, OSError, ValueError, KeyError) as e:
        log(f"ERROR: {e!r}")
        status = 1
    finally:
        stop(prism_proc)
        stop(sandbox_proc)
        if status not in (0, SKIP):
            for f in (sandbox_log, prism_log):
                f.seek(0)
                tail = f.read()[-4000:]
                if tail:
                    log(f"--- {os.path.basename(f.name)} (tail) ---\n{tail}")
        sandbox_log.close()
        prism_log.close()
        logs.cleanup()
    return status


if __name__ == "__main__":
    sys.exit(main())
