"""compare.py LIVE.csv OFFLINE.csv cic|kdd: the live rows equal the offline
rows of the same traffic except for capture-time jitter.

Two capture handles on one interface get their own kernel timestamps, a
few microseconds apart, so time-valued columns may differ slightly:
  - CIC: Timestamp and columns in microseconds (Duration, IAT, Active,
    Idle) within TOL_US; per-second rates (Bytes/s, Packets/s, and the
    ratios derived from them) are not compared, since a duration of tens
    of microseconds moved by a few microseconds changes them by any
    factor;
  - KDD: start within TOL_US, duration (whole seconds) within 1.
Every other column must be equal.  Rows are matched by their flow key
(and, for several flows of one key, in start order).  Exit 0 if all agree.
"""
import csv
import sys
from datetime import datetime, timezone

TOL_US = 5000


def cic_time_us(v):
    d = datetime.strptime(v, "%Y-%m-%dT%H:%M:%S.%fZ")
    return d.replace(tzinfo=timezone.utc).timestamp() * 1e6


def load(path):
    with open(path, newline="") as f:
        r = csv.reader(f)
        head = next(r)
        return head, list(r)


def main():
    live, off, kind = sys.argv[1], sys.argv[2], sys.argv[3]
    hl, rl = load(live)
    ho, ro = load(off)
    if hl != ho:
        sys.exit("headers differ")
    col = {n: i for i, n in enumerate(hl)}
    if kind == "cic":
        key = [col[n] for n in ("Flow ID",)]
        tcol = col["Timestamp"]
        skip = {i for i, n in enumerate(hl) if "/s" in n or
                n in ("Down/Up Ratio",)}
        timed = {i for i, n in enumerate(hl) if any(
            w in n for w in ("Duration", "IAT", "Active", "Idle"))}
        start = lambda row: cic_time_us(row[tcol])
    else:
        key = [col[n] for n in ("src_ip", "src_port", "dst_ip", "dst_port",
                                "protocol_type", "service")]
        tcol = col["start"]
        skip = {col["conn_id"]}
        timed = set()
        start = lambda row: float(row[tcol]) * 1e6
    groups = {}
    for name, rows in (("live", rl), ("off", ro)):
        for row in rows:
            groups.setdefault(tuple(row[i] for i in key), {}).setdefault(
                name, []).append(row)
    bad = 0
    for k, g in groups.items():
        a = sorted(g.get("live", []), key=start)
        b = sorted(g.get("off", []), key=start)
        if len(a) != len(b):
            print("flow %s: %d live rows, %d offline" % (k, len(a), len(b)))
            bad += 1
            continue
        for x, y in zip(a, b):
            if abs(start(x) - start(y)) > TOL_US:
                print("flow %s: start %s vs %s" % (k, x[tcol], y[tcol]))
                bad += 1
            for i, n in enumerate(hl):
                if i in skip or i == tcol or x[i] == y[i]:
                    continue
                if i in timed and abs(float(x[i]) - float(y[i])) <= TOL_US:
                    continue
                if kind == "kdd" and n == "duration" and \
                        abs(float(x[i]) - float(y[i])) <= 1:
                    continue
                print("flow %s: %s live %s offline %s" % (k, n, x[i], y[i]))
                bad += 1
    print("%s: %d rows live, %d offline, %d differences" %
          (kind, len(rl), len(ro), bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
