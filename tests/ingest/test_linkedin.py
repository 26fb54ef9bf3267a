"""LinkedIn CSV exports, compared with what the generator wrote."""
from ingest.parsers import parse_export

from . import exports


def test_it_reads_profile_connections_invitations_and_skills(tmp_path):
    written = exports.write_linkedin(tmp_path / "li.zip", connections=17)
    doc = parse_export("linkedin", written.path).document()
    assert doc["source"] == {"kind": "archive", "layout": "linkedin-csv"}
    assert doc["counts"]["connections"] == 17  # the "Notes:" lines above the header are not rows
    assert doc["counts"]["invitations_received"] == written.counts["invitations_received"]  # INCOMING only
    assert doc["counts"]["friends"] is None and doc["counts"]["followers"] is None
    me = doc["profile"]
    assert me["name"] == written.profile["name"]
    assert me["birth_date"] == written.profile["birth_date"]
    assert me["skills"] == written.profile["skills"]
    assert me["emails"] == ["zoe@example.org", "zoe@work.example"]
    assert me["location"] == "Munich, Bavaria, Germany"


def test_positions_and_education(tmp_path):
    doc = parse_export("linkedin", exports.write_linkedin(tmp_path / "li.zip").path).document()
    assert doc["profile"]["positions"] == [
        {"company": "Brötchen GmbH", "title": "Bäckerin", "started_on": "2019-03", "ended_on": None},
        {"company": "Café Zürich", "title": "Barista", "started_on": "2015-01", "ended_on": "2019-02"},
    ]
    assert "A position without a company name was skipped." in doc["warnings"]
    assert doc["profile"]["education"] == [
        {"school": "Technische Universität München", "degree": "BSc Informatik", "graduated": True},
        {"school": "Open University", "degree": None, "graduated": None},
    ]


def test_shares_are_posts_and_comments_are_comments(tmp_path):
    written = exports.write_linkedin(tmp_path / "li.zip")
    doc = parse_export("linkedin", written.path).document()
    assert [p["text"] for p in doc["posts"]] == written.posts  # the share without words is not a post
    assert doc["posts"][0]["created_at"] == "2021-03-15T10:20:30+00:00"
    assert [c["text"] for c in doc["comments"]] == written.comments


def test_missing_files_are_warnings_and_nulls(tmp_path):
    written = exports.write_linkedin(tmp_path / "li.zip", omit=("Invitations.csv", "Skills.csv", "Shares.csv"))
    doc = parse_export("linkedin", written.path).document()
    assert doc["counts"]["invitations_received"] is None
    assert doc["counts"]["connections"] == written.counts["connections"]
    assert doc["profile"]["skills"] is None  # not told, rather than "no skills"
    assert doc["posts"] is None
    assert "Invitations.csv is missing: invitations received are unknown." in doc["warnings"]
    assert "Skills.csv is missing: skills are unknown." in doc["warnings"]


def test_a_birth_date_without_a_year_is_left_out(tmp_path):
    import zipfile

    path = tmp_path / "li.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Profile.csv", "First Name,Last Name,Birth Date\nAna,Peña,May 3\n")
        archive.writestr("Connections.csv", exports.CONNECTIONS_NOTES + "First Name,Last Name,URL,Connected On\n")
    doc = parse_export("linkedin", path).document()
    assert doc["profile"]["birth_date"] is None
    assert doc["counts"]["connections"] == 0  # told, and none
    assert any("The birth date 'May 3'" in w for w in doc["warnings"])


def test_a_row_the_csv_reader_cannot_read_ends_the_file_with_a_warning(tmp_path):
    import zipfile

    path = tmp_path / "li.zip"
    rows = "".join(f"P{i},Q,https://www.linkedin.com/in/p{i},,Acme,Engineer,15 Mar 2021\n" for i in range(3))
    huge = '"' + "x" * 200_000 + '",Q,u,,c,p,15 Mar 2021\n'  # over the csv module's field limit
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Profile.csv", "First Name,Last Name\nAna,Peña\n")
        archive.writestr(
            "Connections.csv",
            exports.CONNECTIONS_NOTES + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + rows + huge + rows,
        )
    doc = parse_export("linkedin", path).document()
    assert doc["counts"]["connections"] == 3
    assert any(w.startswith("Connections.csv is damaged after row 3") for w in doc["warnings"])
    assert doc["profile"]["name"] == "Ana Peña"
