"""cicnum.py: reading feature CSVs and the agreement rule for numbers,
shared by the CICFlowMeter conformance scripts (c30, c31).

Two values agree when both parse as numbers and are equal, or both NaN,
or (unless both are integers below 1e15, which must be equal: counts)
within a relative 1e-6; an infinity agrees only with itself.  Values
that are not numbers agree when the strings are equal.
"""
import csv
import math


def load(path):
    """(header, rows) of a CSV file, or (None, []) when absent or empty."""
    try:
        with open(path, newline='') as fp:
            rows = list(csv.reader(fp))
    except OSError:
        return None, []
    if not rows:
        return None, []
    return rows[0], rows[1:]


def num(s):
    try:
        return float(s)
    except ValueError:
        return None


def agree(a, b):
    x, y = num(a), num(b)
    if x is None or y is None:
        return a == b
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    if x == y:
        return True
    if math.isinf(x) or math.isinf(y):
        return False
    if float(x).is_integer() and float(y).is_integer() and \
            abs(x) < 1e15 and abs(y) < 1e15:
        return False
    return abs(x - y) <= 1e-6 * max(abs(x), abs(y))
