#!/usr/bin/env python3
"""Checks an NDJSON export of the registry's event log against its hash chain, with nothing but Python's standard
library (docs/audit-chain.md). Usage:

    python3 tools/verify-audit-log.py registry-log.ndjson [--start-hash <hash of the event before the first line>]
                                                          [--head <position>:<hash>]

--start-hash defaults to 64 zeros (an export from position 1). --head: a chain head kept earlier; the export must
hold that position with that hash. Exit code 0 when the chain holds, 1 with the first broken line named otherwise.
"""
import argparse
import hashlib
import json
import sys

VERSION = b"registry-audit-chain/1\n"


def field(value):
    if value is None:
        return b"-\n"
    data = value.encode("utf-8")
    return str(len(data)).encode("ascii") + b":" + data + b"\n"


def event_hash(line, previous):
    parts = [VERSION, field(str(line["position"])), field(line["eventId"]), field(line["aggregateType"]),
             field(line["aggregateId"]), field(str(line["seq"])), field(line["timestamp"]),
             field(line["payloadType"]), field(line["payloadRevision"]), field(line["payload"]),
             field(line["metaData"]), field(previous)]
    return hashlib.sha256(b"".join(parts)).hexdigest()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("export")
    parser.add_argument("--start-hash", default="0" * 64)
    parser.add_argument("--head")
    args = parser.parse_args()
    head_position, head_hash = (None, None)
    if args.head:
        position, _, digest = args.head.partition(":")
        head_position, head_hash = int(position), digest.lower()
    previous = args.start_hash
    expected = None
    count = 0
    head_seen = False
    with open(args.export, encoding="utf-8") as export:
        for number, text in enumerate(export, start=1):
            line = json.loads(text)
            position = line["position"]
            if expected is not None and position != expected:
                print(f"line {number}: position {position}, expected {expected}: events missing or added")
                return 1
            if line.get("previousHash") != previous:
                print(f"line {number}: previousHash does not continue the chain")
                return 1
            recomputed = event_hash(line, previous)
            if recomputed != line["hash"]:
                print(f"line {number} (position {position}, event {line['eventId']}): recomputed hash {recomputed} "
                      f"differs from {line['hash']}")
                return 1
            if head_position == position:
                if recomputed != head_hash:
                    print(f"position {position} has hash {recomputed}, not the kept head's {head_hash}")
                    return 1
                head_seen = True
            previous = recomputed
            expected = position + 1
            count += 1
    if head_position is not None and not head_seen:
        print(f"the export ends at {expected - 1 if expected else 0}, before the kept head's position {head_position}")
        return 1
    print(f"OK: {count} events, the chain holds; last position {expected - 1 if expected else 0}, last hash {previous}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
