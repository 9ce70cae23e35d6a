#!/usr/bin/python3
# make-corpus.py BUILD_DIR: writes the seed corpora of fuzz-list and
# fuzz-slots from a real sandbox's answers (run again when the sandbox's
# answers change). Each input is one byte (the status the fuzz server
# answers with, and the request's flags) and then the body as the sandbox
# sent it.

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))

# The fuzz targets' status tables (keep in step with fuzz-list.c, fuzz-slots.c)
LIST_STATUSES = [200, 200, 200, 200, 200, 200, 400, 401, 403, 404, 429, 500, 502, 503]
SLOTS_STATUSES = [200, 200, 200, 200, 200, 200, 400, 404, 500]


def first_byte(statuses, status, flags):
    """A byte with these flag bits that picks this status"""
    for b in range(256):
        if (b & 0xf0) == flags and statuses[b % len(statuses)] == status:
            return b
    for b in range(256):
        if (b & flags) == flags and statuses[b % len(statuses)] == status:
            return b
    raise ValueError(f"no byte for {status} with flags {flags:#x}")


class Sandbox:
    def __init__(self, build_dir, *args):
        exe = os.path.join(build_dir, "src", "sandbox", "calbook-sandbox")
        env = dict(os.environ, CALBOOK_SANDBOX_NOW="1893456000")  # 2030-01-01, the same answers every run
        self.process = subprocess.Popen([exe, "--port", "0", *args], stdout=subprocess.PIPE, env=env, text=True)
        self.info = json.loads(self.process.stdout.readline())
        self.keys = {a["username"]: a["apiKey"] for a in self.info["accounts"]}

    def get(self, path, user=None, version=None):
        request = urllib.request.Request(self.info["url"] + path)
        if user:
            request.add_header("Authorization", "Bearer " + self.keys.get(user, "cal_" + "0" * 32))
        if version:
            request.add_header("cal-api-version", version)
        try:
            with urllib.request.urlopen(request) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def close(self):
        self.process.terminate()
        self.process.wait()


def write(target, name, byte, body):
    with open(os.path.join(HERE, "corpus", target, name + ".bin"), "wb") as f:
        f.write(bytes([byte]) + body)


def main():
    build_dir = sys.argv[1]
    s = Sandbox(build_dir, "--bookings", "0", "--rate-limit", "0")
    try:
        v = "2024-08-13"
        lists = [
            # name, path, user, version, flags (0x40 memberships, 0x80 org route, 0x10 take 100, 0x20 skip 250)
            ("member-page", "/v2/bookings?take=3", "zoe.odegaard", v, 0x00),
            ("org-page", "/v2/organizations/7001/bookings?take=2&skip=4", "sofia.rossi", v, 0x80),
            ("last-page", "/v2/bookings?take=100&skip=250", "sofia.rossi", v, 0x30),
            ("empty-page", "/v2/bookings?afterUpdatedAt=2099-01-01T00:00:00Z", "zoe.odegaard", v, 0x00),
            ("legacy-shape", "/v2/bookings?take=2", "zoe.odegaard", None, 0x00),
            ("memberships", "/v2/organizations/7001/memberships?take=3", "sofia.rossi", None, 0x40),
            ("bad-key", "/v2/bookings", "nobody", v, 0x00),
            ("validation", "/v2/bookings?take=999&sortStart=up", "zoe.odegaard", v, 0x00),
            ("roles-guard", "/v2/organizations/7001/bookings", "zoe.odegaard", v, 0x80),
            ("unknown-route", "/v2/bookingz", "zoe.odegaard", v, 0x00),
        ]
        for name, path, user, version, flags in lists:
            status, body = s.get(path, user, version)
            write("fuzz-list", name, first_byte(LIST_STATUSES, status, flags), body)

        slots = [
            ("range", "/v2/slots?eventTypeId=1021&start=2030-01-07&end=2030-01-09&format=range&timeZone=Europe/Berlin", 0x00),
            ("starts", "/v2/slots?eventTypeId=1023&start=2030-01-07&end=2030-01-08&duration=45", 0x00),
            ("reschedule", "/v2/slots?eventTypeId=1021&start=2030-01-07&end=2030-01-07&format=range"
                           "&bookingUidToReschedule=unknownUid", 0x80),
            ("no-slots", "/v2/slots?eventTypeId=1021&start=2030-01-05&end=2030-01-06", 0x00),
            ("missing-start", "/v2/slots?eventTypeId=1021&end=2030-01-06", 0x00),
            ("unknown-event-type", "/v2/slots?eventTypeId=999&start=2030-01-07&end=2030-01-08", 0x00),
        ]
        for name, path, flags in slots:
            status, body = s.get(path, None, "2024-09-04")
            write("fuzz-slots", name, first_byte(SLOTS_STATUSES, status, flags), body)
    finally:
        s.close()

    # Faults as a gateway or a cut connection would answer (502 page, cut body)
    s = Sandbox(build_dir, "--faults", "502=1,seed=1", "--rate-limit", "0")
    try:
        status, body = s.get("/v2/bookings", "zoe.odegaard", "2024-08-13")
        write("fuzz-list", "bad-gateway", first_byte(LIST_STATUSES, status, 0x00), body)
    finally:
        s.close()
    s = Sandbox(build_dir, "--faults", "malformed=1,seed=1", "--rate-limit", "0")
    try:
        status, body = s.get("/v2/bookings?take=3", "zoe.odegaard", "2024-08-13")
        write("fuzz-list", "truncated", first_byte(LIST_STATUSES, status, 0x00), body)
        status, body = s.get("/v2/slots?eventTypeId=1021&start=2030-01-07&end=2030-01-08", None, "2024-09-04")
        write("fuzz-slots", "truncated", first_byte(SLOTS_STATUSES, status, 0x00), body)
    finally:
        s.close()


if __name__ == "__main__":
    main()
