"""Version 1 of the AHP configuration: the Weibo paper's hierarchy (Table 2) and judgement
matrices (Eq. 3 for the top layer and B1; Saaty-scale matrices giving Table 3's weights
elsewhere; see scoring/hierarchy.py for how each was chosen), and the default scoring method.

The data is copied here rather than imported so this migration never changes after the fact.
"""
from django.db import migrations

NODES = [
    ("A", "Identification of individuals", "0"),
    ("A1", "Completeness of information", "A"),
    ("A11", "Basic information integrity", "A1"),
    ("A12", "Certification status", "A1"),
    ("A2", "Registration status", "A"),
    ("A21", "Registration time", "A2"),
    ("A22", "Registration ID", "A2"),
    ("B", "Behaviour analysis", "0"),
    ("B1", "Online situation", "B"),
    ("B11", "Degree of activity within a month", "B1"),
    ("B12", "Last login time", "B1"),
    ("B13", "Degree of overall activity", "B1"),
    ("B2", "Release situation", "B"),
    ("B21", "Number of tweets", "B2"),
    ("B22", "Content of tweets", "B2"),
    ("B3", "Forwarding situation", "B"),
    ("B31", "Number of forwarded tweets", "B3"),
    ("B32", "Content of forwarded tweets", "B3"),
    ("B4", "Comment situation", "B"),
    ("B41", "Number of comments", "B4"),
    ("B42", "Content of comments", "B4"),
    ("B5", "Other situations", "B"),
    ("B51", "Level of account", "B5"),
    ("B52", "Medal / designation", "B5"),
    ("C", "Interaction among friends", "0"),
    ("C1", "Friend relations", "C"),
    ("C11", "Number of followers", "C1"),
    ("C12", "Number of following", "C1"),
    ("C13", "Rank of friends", "C1"),
    ("C2", "Group relations", "C"),
    ("C21", "Number of groups", "C2"),
    ("C22", "Number of group members", "C2"),
    ("C23", "Rank of a group member", "C2"),
]


def pair(a12):
    return [[1.0, a12], [1 / a12, 1.0]]


def reciprocal(upper, n):
    matrix = [[1.0] * n for _ in range(n)]
    for (i, j), value in upper.items():
        matrix[i][j], matrix[j][i] = value, 1 / value
    return matrix


R1 = reciprocal({(0, 1): 1 / 3, (0, 2): 1 / 2, (1, 2): 1.0}, 3)
C3 = reciprocal({(0, 1): 1 / 3, (0, 2): 1 / 5, (1, 2): 1 / 4}, 3)
B = reciprocal(
    {(0, 1): 1 / 2, (0, 2): 1 / 5, (0, 3): 1 / 5, (0, 4): 1 / 5, (1, 2): 1 / 2,
     (1, 3): 1 / 3, (1, 4): 1 / 5, (2, 3): 1.0, (2, 4): 1 / 5, (3, 4): 1 / 4},
    5,
)
MATRICES = {
    "0": R1, "A": pair(1.0), "B": B, "C": pair(1 / 4),
    "A1": pair(1 / 2), "A2": pair(6.0), "B1": R1, "B2": pair(6.0), "B3": pair(6.0),
    "B4": pair(1.0), "B5": pair(1 / 2), "C1": C3, "C2": C3,
}


def load(apps, schema_editor):
    AhpConfig = apps.get_model("scoring", "AhpConfig")
    ScoringMethodSetting = apps.get_model("scoring", "ScoringMethodSetting")
    if not AhpConfig.objects.exists():
        AhpConfig.objects.create(
            version=1,
            note="The Weibo paper's defaults (Yu, Yao, Chen: Tables 2 and 3, Eq. 3).",
            hierarchy={code: {"name": name, "parent": parent} for code, name, parent in NODES},
            matrices=MATRICES,
        )
    ScoringMethodSetting.objects.get_or_create(pk=1, defaults={"default_method": "priority"})


def unload(apps, schema_editor):
    apps.get_model("scoring", "AhpConfig").objects.filter(version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("scoring", "0002_ahp_config_and_default_method")]
    operations = [migrations.RunPython(load, unload)]
