#!/usr/bin/env python3
"""tests/schema/check_schema.py — questions/schema.json against the banks.

    python3 tests/schema/check_schema.py [ROOT]

Checks that the schema is a valid draft-07 schema, that it accepts every
shipped bank in questions/ and every bank fixture the loader accepts
(tests/data/ok-*.yaml, warn-*.yaml), and that it rejects each invalid fixture
listed below at the place named there.  Fixtures whose error no JSON Schema
can express are listed too, with the reason, and not checked.

YAML is read the way yaml-language-server reads it (YAML 1.2 core schema:
'yes', 'no' and '1984-10-01' are strings), not the YAML 1.1 of PyYAML's
defaults.  Prints "N passed, M failed"; exit 1 on any failure.
Needs Debian's python3-jsonschema and python3-yaml.
"""
import glob
import json
import os
import re
import sys

import jsonschema
import yaml

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                       os.path.join(os.path.dirname(__file__), "..", ".."))


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with the YAML 1.2 core schema's implicit types."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
              r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+0123456789."),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:" + tag, re.compile(pattern),
                                       list(first))

# The invalid fixtures the schema must reject, and a part of the path of an
# error it must report (the place an editor underlines).
REJECT = {
    "err-case-typo.yaml": "questions/1/type",          # 'ID' and 'Single'
    "err-competition-keys.yaml": "(root)",             # seed, language, prizes
    "err-difficulty.yaml": "difficulty",
    "err-empty-answer.yaml": "answer",                 # ~, null, ""
    "err-fill-no-blank.yaml": "questions/0/question",  # no run of three '_'
    "err-id-format.yaml": "id",
    "err-judge-answer.yaml": "answer",                 # 也许
    "err-missing-fields.yaml": "questions/1",
    "err-multiple-one-key.yaml": "answer",
    "err-options-on-judge.yaml": "questions/0",
    "err-points.yaml": "points",
    "err-root-not-mapping.yaml": "(root)",
    "err-single-list.yaml": "answer",
    "err-single-two-keys.yaml": "answer",
    "err-tags-not-list.yaml": "tags",
    "err-too-few-options.yaml": "options",
    "err-too-many-options.yaml": "options",
    "err-type-typo.yaml": "type",
    "err-unknown-key.yaml": "questions/0",
    "err-blank-text.yaml": "question",                 # only white space
    "err-nul-key.yaml": "options",                     # option key 'B\0z'
    "err-shuffle-group.yaml": "shuffle",               # 否, no, "false", [false]
}

# Errors the loader finds that a JSON Schema cannot express.
BEYOND_SCHEMA = {
    "err-answer-not-option.yaml": "the answer must be one of this question's option keys",
    "err-dup-id-a.yaml": "ids unique across files",
    "err-dup-id-b.yaml": "ids unique across files",
    "err-dup-key.yaml": "a key twice in a mapping (a YAML reader keeps one)",
    "err-fill-count.yaml": "as many answers as blanks in the text",
    "err-options-dup-value.yaml": "no two options the same",
    "err-options-order.yaml": "option keys in order (A, C, B): objects have no order",
}
# The rest are not banks a schema sees: YAML syntax errors, encodings,
# anchors, sizes, control characters, empty files, competition files.

passed = failed = 0


def report(ok, name, why=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok - %s" % name)
    else:
        failed += 1
        print("not ok - %s%s" % (name, ": " + why if why else ""))


def load(path):
    with open(path, encoding="utf-8-sig") as f:
        return yaml.load(f, Loader=Yaml12Loader)


def errors_of(validator, doc):
    return sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))


def where(err):
    return "/".join(str(p) for p in err.absolute_path) or "(root)"


schema_path = os.path.join(ROOT, "questions", "schema.json")
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
try:
    jsonschema.Draft7Validator.check_schema(schema)
    report(True, "questions/schema.json is a valid draft-07 schema")
except jsonschema.SchemaError as e:
    report(False, "questions/schema.json is a valid draft-07 schema", e.message)
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1)
validator = jsonschema.Draft7Validator(schema)

def is_competition(path):
    # A competition file beside the banks (teams or rounds, no questions) is
    # not a bank: the bank schema is not its schema.
    doc = load(path)
    return isinstance(doc, dict) and "questions" not in doc and ("teams" in doc or "rounds" in doc)


accept = [p for p in sorted(glob.glob(os.path.join(ROOT, "questions", "*.yaml")))
          if not is_competition(p)]
if not accept:
    report(False, "questions/ has banks")
accept += sorted(glob.glob(os.path.join(ROOT, "tests", "data", "ok-*.yaml")))
accept += sorted(glob.glob(os.path.join(ROOT, "tests", "data", "warn-*.yaml")))
for path in accept:
    name = os.path.relpath(path, ROOT)
    errs = errors_of(validator, load(path))
    report(not errs, "accepts " + name,
           "; ".join("%s: %s" % (where(e), e.message[:200]) for e in errs[:5]))

for fixture, place in sorted(REJECT.items()):
    path = os.path.join(ROOT, "tests", "data", fixture)
    if not os.path.exists(path):
        report(False, "rejects " + fixture, "the fixture is missing")
        continue
    errs = errors_of(validator, load(path))
    places = [where(e) for e in errs]
    report(any(place in p for p in places), "rejects tests/data/%s at %s" % (fixture, place),
           "errors at: %s" % (", ".join(places) or "none"))

for fixture in sorted(BEYOND_SCHEMA):
    if not os.path.exists(os.path.join(ROOT, "tests", "data", fixture)):
        report(False, "fixture %s exists" % fixture)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
