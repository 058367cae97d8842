"""Outlet names for plain files, which carry none: ``--outlet-from sources.csv`` (columns
``file`` and ``outlet``, file names relative to the CSV's folder or bare names) or
``--outlet-from 'REGEX'`` with a group ``outlet`` matched against the file name
(e.g. ``(?P<outlet>[^_]+)_``)."""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass


class OutletSpecError(ValueError):
    """The --outlet-from value is neither a readable CSV nor a regex with an outlet group."""


@dataclass(frozen=True)
class OutletNamer:
    by_file: dict[str, str]
    pattern: re.Pattern[str] | None

    @classmethod
    def parse(cls, spec: str) -> OutletNamer:
        if spec.lower().endswith(".csv"):
            return cls(_read_csv(spec), None)
        try:
            pattern = re.compile(spec)
        except re.error as error:
            raise OutletSpecError(f"not a regular expression: {error}") from error
        if "outlet" not in pattern.groupindex:
            raise OutletSpecError("the pattern needs a group named outlet: (?P<outlet>...)")
        return cls({}, pattern)

    def outlet_for(self, path: str) -> str | None:
        name = os.path.basename(path)
        if self.pattern is not None:
            match = self.pattern.search(name)
            return match["outlet"] if match and match["outlet"] else None
        return self.by_file.get(os.path.normpath(path)) or self.by_file.get(name)


def _read_csv(path: str) -> dict[str, str]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as stream:
            rows = list(csv.DictReader(stream))
    except OSError as error:
        raise OutletSpecError(f"cannot read {path}: {error.strerror}") from error
    if rows and not {"file", "outlet"} <= set(rows[0]):
        raise OutletSpecError(f"{path} needs the columns file and outlet")
    folder = os.path.dirname(path)
    mapping: dict[str, str] = {}
    for row in rows:
        if row.get("file") and row.get("outlet"):
            mapping[os.path.normpath(os.path.join(folder, row["file"]))] = row["outlet"]
            mapping[os.path.basename(row["file"])] = row["outlet"]
    return mapping
