#!/usr/bin/env python3
"""tests/cli/shown.py — what a session should show, worked out apart from the C.

The order of a choice question's options is documented in src/shuffle.h as a
function of the session's seed and the question's id only (FNV-1a 64 of the
id, splitmix64 seeded with seed ^ hash, Fisher-Yates from the last index
down).  This script computes it again from that description, reads the
screen jingsai printed, and says whether every question was shown in the
order it should have been.  The shuffle scenarios (tests/cli/shuffle.sh) use
it so that "one seed, one order everywhere" is checked against the
documented algorithm in practice, exam and the host, not only between runs.

  shown.py order SEED ID N            the file's letters in shown order ("CADB")
  shown.py right BANK SEED [--no-shuffle]
                                      per question of BANK, in file order:
                                      "ID LETTERS", the shown letters of its
                                      right options ("-" for a judge question)
  shown.py check BANK SEED FILE [--no-shuffle] [--host]
                                      every question FILE shows (practice or
                                      exam output; --host: the host's lines)
                                      has its options in the order expected;
                                      prints the ids seen, one per line

BANK is the fixture data/shuffle/bank.yaml: a question's right options are
the ones whose text starts with 对.  It is read with a few regular
expressions, enough for that file (the test runs without PyYAML).
"""

import re
import sys

MASK = (1 << 64) - 1


def fnv1a64(data):
    h = 0xCBF29CE484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001B3) & MASK
    return h


class SplitMix64:
    def __init__(self, seed):
        self.s = seed & MASK

    def next(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & MASK
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n):
        limit = MASK - MASK % n
        while True:
            x = self.next()
            if x < limit:
                return x % n


def order(seed, qid, n):
    """perm[i] is the file's index of the option shown as letter i."""
    rng = SplitMix64(seed ^ fnv1a64(qid.encode("utf-8")))
    perm = list(range(n))
    for i in range(n - 1, 0, -1):
        j = rng.below(i + 1)
        perm[i], perm[j] = perm[j], perm[i]
    return perm


def letters(perm):
    return "".join(chr(ord("A") + p) for p in perm)


def read_bank(path):
    """[{id, type, text, options: [text...], fixed}] in file order."""
    qs = []
    for line in open(path, encoding="utf-8"):
        m = re.match(r"\s*- id: (\S+)", line)
        if m:
            qs.append({"id": m.group(1), "options": [], "fixed": False, "type": None})
            continue
        if not qs:
            continue
        q = qs[-1]
        m = re.match(r"\s+type: (\S+)", line)
        if m:
            q["type"] = m.group(1)
        m = re.match(r"\s+question: (.+)", line)
        if m:
            q["text"] = m.group(1).strip()
        if re.match(r"\s+shuffle: false", line):
            q["fixed"] = True
        m = re.match(r"\s+options: \{(.*)\}", line)
        if m:
            q["options"] = [o.split(": ", 1)[1] for o in m.group(1).split(", ")]
    return qs


def expected(q, seed, shuffle):
    n = len(q["options"])
    if not shuffle or q["fixed"] or q["type"] not in ("single", "multiple"):
        return list(range(n))
    return order(seed, q["id"], n)


def right_letters(q, seed, shuffle):
    if not q["options"]:
        return "-"
    perm = expected(q, seed, shuffle)
    return "".join(chr(ord("A") + i) for i, p in enumerate(perm) if q["options"][p].startswith("对"))


def shown_questions(path, host):
    """[(stem, [option texts in shown order])] as the output shows them."""
    out = []
    lines = open(path, encoding="utf-8").read().split("\n")
    if host:
        # Question 1/4 for 甲队 [mix-2]: 第二题  A. 错二甲 / B. 错二乙 / ...
        for line in lines:
            m = re.match(r"Question \d+/\d+ .*\[(\S+)\]: (\S+)  (.*)$", line)
            if m:
                opts = [re.sub(r"^[A-Z]\. ", "", o) for o in m.group(3).split(" / ")]
                out.append((m.group(2), opts, m.group(1)))
        return out
    for k, line in enumerate(lines):
        if re.match(r"Question \d+ of \d+ · ", line):
            stem, opts, i = lines[k + 1], [], k + 3
            while i < len(lines) and re.match(r"  [A-Z]\. ", lines[i]):
                opts.append(lines[i][5:])
                i += 1
            out.append((stem, opts, None))
    return out


def main(argv):
    if len(argv) >= 5 and argv[1] == "order":
        print(letters(order(int(argv[2]), argv[3], int(argv[4]))))
        return 0
    shuffle = "--no-shuffle" not in argv
    host = "--host" in argv
    args = [a for a in argv[1:] if not a.startswith("--")]
    if len(args) == 3 and args[0] == "right":
        for q in read_bank(args[1]):
            print(q["id"], right_letters(q, int(args[2]), shuffle))
        return 0
    if len(args) == 4 and args[0] == "check":
        bank = read_bank(args[1])
        seed = int(args[2])
        by_stem = {q["text"]: q for q in bank}
        shown = shown_questions(args[3], host)
        if not shown:
            print("no question found in " + args[3], file=sys.stderr)
            return 1
        bad = 0
        for stem, opts, qid in shown:
            q = by_stem.get(stem)
            if q is None or (qid is not None and qid != q["id"]):
                print("a question that is not in the bank: %s %s" % (qid, stem), file=sys.stderr)
                bad = 1
                continue
            want = [q["options"][p] for p in expected(q, seed, shuffle)]
            if opts != want:
                print("%s shown as %s, expected %s (seed %d)" % (q["id"], opts, want, seed), file=sys.stderr)
                bad = 1
            print(q["id"])
        return bad
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
