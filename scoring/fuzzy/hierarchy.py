"""The index hierarchy of the AHP + fuzzy method and the Weibo paper's defaults (seed 001).

A hierarchy is a tree of coded indices under the root ``"0"``: the paper's first layer
(A, B, C), second layer (A1 ... C2) and third layer (A11 ... C23, the leaves that get scores).
Children are always taken in code order ("natural" order, so B2 comes before B10); a
parent's judgement matrix and weight vector list its children in that order.

Stored as JSON ``{code: {"name": str, "parent": code}}`` so an admin can edit it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

ROOT = "0"
CODE_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,15}$")


class HierarchyError(ValueError):
    """A hierarchy that cannot be used; ``str()`` is one line."""


def code_key(code: str) -> tuple:
    """Natural sort key: "B2" < "B10"."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", code))


@dataclass(frozen=True)
class Hierarchy:
    names: Mapping[str, str]
    parents: Mapping[str, str]

    @classmethod
    def from_json(cls, data: Mapping) -> "Hierarchy":
        if not isinstance(data, Mapping) or not data:
            raise HierarchyError('the hierarchy must be an object {code: {"name": ..., "parent": ...}}.')
        names, parents = {}, {}
        for code, node in data.items():
            if not isinstance(code, str) or not CODE_PATTERN.match(code):
                raise HierarchyError(f"'{code}' is not an index code: a letter then up to 15 letters or digits.")
            if not isinstance(node, Mapping) or not str(node.get("name", "")).strip():
                raise HierarchyError(f"index {code} needs a name.")
            parent = str(node.get("parent", ROOT))
            if parent != ROOT and parent not in data:
                raise HierarchyError(f"index {code} has parent {parent}, which is not in the hierarchy.")
            names[code] = str(node["name"]).strip()
            parents[code] = parent
        hierarchy = cls(names, parents)
        for code in names:
            seen, node = {code}, parents[code]
            while node != ROOT:
                if node in seen:
                    raise HierarchyError(f"index {code} is its own ancestor.")
                seen.add(node)
                node = parents[node]
        return hierarchy

    def to_json(self) -> dict:
        return {code: {"name": self.names[code], "parent": self.parents[code]} for code in sorted(self.names, key=code_key)}

    def children(self, code: str) -> tuple[str, ...]:
        return tuple(sorted((c for c, p in self.parents.items() if p == code), key=code_key))

    def name(self, code: str) -> str:
        return "Overall credit" if code == ROOT else self.names[code]

    def label(self, code: str) -> str:
        return "overall" if code == ROOT else f"{code} {self.names[code]}"

    def leaves(self) -> tuple[str, ...]:
        return tuple(c for c in sorted(self.names, key=code_key) if not self.children(c))

    def inner(self) -> tuple[str, ...]:
        """Every node with children, deepest first and the root last: the order of evaluation."""
        nodes = [c for c in self.names if self.children(c)]
        nodes.sort(key=lambda c: (-self.depth(c), code_key(c)))
        return (*nodes, ROOT)

    def depth(self, code: str) -> int:
        depth = 0
        while code != ROOT:
            code, depth = self.parents[code], depth + 1
        return depth


# Table 2 of the paper. C1's children come from Table 5 (C11 followers, C12 following,
# C13 rank of friends); the extracted Table 2 lost them.
PAPER_NODES = {
    "A": ("Identification of individuals", ROOT),
    "A1": ("Completeness of information", "A"),
    "A11": ("Basic information integrity", "A1"),
    "A12": ("Certification status", "A1"),
    "A2": ("Registration status", "A"),
    "A21": ("Registration time", "A2"),
    "A22": ("Registration ID", "A2"),
    "B": ("Behaviour analysis", ROOT),
    "B1": ("Online situation", "B"),
    "B11": ("Degree of activity within a month", "B1"),
    "B12": ("Last login time", "B1"),
    "B13": ("Degree of overall activity", "B1"),
    "B2": ("Release situation", "B"),
    "B21": ("Number of tweets", "B2"),
    "B22": ("Content of tweets", "B2"),
    "B3": ("Forwarding situation", "B"),
    "B31": ("Number of forwarded tweets", "B3"),
    "B32": ("Content of forwarded tweets", "B3"),
    "B4": ("Comment situation", "B"),
    "B41": ("Number of comments", "B4"),
    "B42": ("Content of comments", "B4"),
    "B5": ("Other situations", "B"),
    "B51": ("Level of account", "B5"),
    "B52": ("Medal / designation", "B5"),
    "C": ("Interaction among friends", ROOT),
    "C1": ("Friend relations", "C"),
    "C11": ("Number of followers", "C1"),
    "C12": ("Number of following", "C1"),
    "C13": ("Rank of friends", "C1"),
    "C2": ("Group relations", "C"),
    "C21": ("Number of groups", "C2"),
    "C22": ("Number of group members", "C2"),
    "C23": ("Rank of a group member", "C2"),
}
PAPER_HIERARCHY_JSON = {code: {"name": name, "parent": parent} for code, (name, parent) in PAPER_NODES.items()}
PAPER_HIERARCHY = Hierarchy.from_json(PAPER_HIERARCHY_JSON)

# The paper prints one matrix, R1 (Eq. 3, A vs B vs C). Its Table 3 gives B1 the very same
# weights, lambda_max, CI and CR as the top layer, so B1 uses R1 too. For the other parents the
# matrix is one on Saaty's scale whose weights are Table 3's:
# - 2x2: a12 = w1 / w2 exactly (1, 1/2, 6, 1/4).
# - C1, C2: [1/3, 1/5, 1/4] above the diagonal reproduces Table 3 to four decimals, including
#   lambda_max 3.0858 and CR 0.0739.
# - B: no matrix on Saaty's scale reproduces Table 3's weights exactly (a search of the five
#   nearest scale values for each of the ten judgements, 9.8 million matrices, found none).
#   This one reproduces its lambda_max 5.2729, CI 0.0682 and CR 0.0609 to four decimals and
#   its weights within 0.0021: [0.0502, 0.0814, 0.1644, 0.1847, 0.5193] vs the printed
#   [0.0502, 0.0812, 0.1644, 0.1868, 0.5175].
_R1 = [[1, 1 / 3, 1 / 2], [3, 1, 1], [2, 1, 1]]
_C3 = [[1, 1 / 3, 1 / 5], [3, 1, 1 / 4], [5, 4, 1]]
_B = [
    [1, 1 / 2, 1 / 5, 1 / 5, 1 / 5],
    [2, 1, 1 / 2, 1 / 3, 1 / 5],
    [5, 2, 1, 1, 1 / 5],
    [5, 3, 1, 1, 1 / 4],
    [5, 5, 5, 4, 1],
]


def _pair(a12: float) -> list[list[float]]:
    return [[1, a12], [1 / a12, 1]]


PAPER_MATRICES: dict[str, list[list[float]]] = {
    ROOT: _R1,
    "A": _pair(1),
    "B": _B,
    "C": _pair(1 / 4),
    "A1": _pair(1 / 2),
    "A2": _pair(6),
    "B1": _R1,
    "B2": _pair(6),
    "B3": _pair(6),
    "B4": _pair(1),
    "B5": _pair(1 / 2),
    "C1": _C3,
    "C2": _C3,
}

# Table 3 as printed: weights (children in code order), lambda_max, CI, CR.
PAPER_TABLE3: dict[str, tuple[list[float], float, float, float]] = {
    ROOT: ([0.1692, 0.4439, 0.3869], 3.0192, 0.0096, 0.0166),
    "A": ([0.5, 0.5], 2, 0, 0),
    "B": ([0.0502, 0.0812, 0.1644, 0.1868, 0.5175], 5.2729, 0.0682, 0.0609),
    "C": ([0.2, 0.8], 2, 0, 0),
    "A1": ([0.3333, 0.6667], 2, 0, 0),
    "A2": ([0.8571, 0.1429], 2, 0, 0),
    "B1": ([0.1692, 0.4439, 0.3869], 3.0192, 0.0096, 0.0166),
    "B2": ([0.8571, 0.1429], 2, 0, 0),
    "B3": ([0.8571, 0.1429], 2, 0, 0),
    "B4": ([0.5, 0.5], 2, 0, 0),
    "B5": ([0.3333, 0.6667], 2, 0, 0),
    "C1": ([0.1007, 0.2255, 0.6738], 3.0858, 0.0429, 0.0739),
    "C2": ([0.1007, 0.2255, 0.6738], 3.0858, 0.0429, 0.0739),
}


def check_matrices(hierarchy: Hierarchy, matrices: Mapping[str, list]) -> None:
    """Every inner node has a matrix of its children's size, and no other matrix is given."""
    for code in hierarchy.inner():
        size = len(hierarchy.children(code))
        matrix = matrices.get(code)
        if matrix is None:
            raise HierarchyError(f"{hierarchy.label(code)} has {size} sub-indices but no judgement matrix.")
        if len(matrix) != size:
            raise HierarchyError(f"{hierarchy.label(code)} has {size} sub-indices but its matrix has {len(matrix)} rows.")
    extra = sorted(set(matrices) - set(hierarchy.inner()), key=code_key)
    if extra:
        raise HierarchyError(f"matrices given for indices without sub-indices: {', '.join(extra)}.")
