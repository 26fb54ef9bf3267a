"""The configuration admin: publish as a new version, old versions read-only, validation,
the age warning, the preview, and the history."""
from datetime import date

import pytest
from django.urls import reverse

from scoring import services
from scoring.models import ScoreResult, ScoringConfig

from .documents import EMPTY_ANALYSIS, analysis, facebook, linkedin, profile

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 24)


def change_url(config):
    return reverse("admin:scoring_scoringconfig_change", args=[config.pk])


def form_data(config, **changes):
    """The admin change form as a browser would post it, with ``changes`` applied.

    ``changes`` keys are config fields (``weight_priority_1``) or ``<feature>__<field>``.
    """
    specs = list(config.features.order_by("id"))
    data = {
        "weight_priority_1": config.weight_priority_1, "weight_priority_2": config.weight_priority_2,
        "weight_priority_3": config.weight_priority_3, "min_features": config.min_features, "publish_note": "",
        "features-TOTAL_FORMS": len(specs), "features-INITIAL_FORMS": len(specs),
        "features-MIN_NUM_FORMS": 0, "features-MAX_NUM_FORMS": 1000,
    }
    for i, spec in enumerate(specs):
        row = {"id": spec.pk, "config": config.pk, "enabled": spec.enabled, "priority": spec.priority,
               "kind": spec.kind, "params": spec.params}
        row.update({key.split("__")[1]: value for key, value in changes.items() if key.startswith(f"{spec.name}__")})
        for field, value in row.items():
            if field == "enabled":
                if value:
                    data[f"features-{i}-enabled"] = "on"
            elif field == "params":
                data[f"features-{i}-params"] = value if isinstance(value, str) else __import__("json").dumps(value)
            else:
                data[f"features-{i}-{field}"] = value
    data.update({k: v for k, v in changes.items() if "__" not in k})
    return data


@pytest.fixture
def population(alice, bob, carol):
    """Three applicants with stored vectors: two scorable, one nearly empty."""
    services.score_applicant(owner=alice, profiles=[facebook(), linkedin()], analysis=analysis(), as_of=TODAY)
    services.score_applicant(owner=bob, profiles=[linkedin(connections=20)], analysis=EMPTY_ANALYSIS, as_of=TODAY)
    services.score_applicant(owner=carol, profiles=[profile("twitter", followers=10)], analysis={}, as_of=TODAY)


def test_admin_shows_the_current_version_with_the_age_warning(dave_client):
    config = ScoringConfig.objects.current()
    response = dave_client.get(change_url(config))
    assert response.status_code == 200
    page = response.content.decode()
    assert "aged 62 or more" in page
    assert "Preview the effect on current applicants" in page
    assert 'name="weight_priority_1"' in page


def test_lenders_and_applicants_cannot_open_it(carol_client, alice_client):
    url = change_url(ScoringConfig.objects.current())
    assert carol_client.get(url).status_code == 302
    assert alice_client.get(url).status_code == 302


def test_saving_publishes_a_new_version_and_rescores(dave, dave_client, population, eager_celery,
                                                     django_capture_on_commit_callbacks):
    current = ScoringConfig.objects.current()
    data = form_data(current, weight_priority_1=90, connections__params={"cap": 50000, "shape": "log"},
                     publish_note="retune")
    with django_capture_on_commit_callbacks(execute=True):
        response = dave_client.post(change_url(current), data)
    published = ScoringConfig.objects.get(version=current.version + 1)
    assert response.status_code == 302 and response["Location"] == change_url(published)
    assert published.weight_priority_1 == 90 and published.note == "retune" and published.created_by == dave
    assert published.features.get(name="connections").params == {"cap": 50000, "shape": "log"}
    assert "priority 1 weight 100 -> 90" in published.changes
    current.refresh_from_db()
    assert current.weight_priority_1 == 100  # the old version is untouched
    assert current.features.get(name="connections").params == {"cap": 80000, "shape": "log"}
    assert set(ScoreResult.objects.filter(config_version=published.version).values_list("owner__username", flat=True)) == {
        "alice", "bob", "carol"}
    assert published.history.first().history_user == dave
    published.refresh_from_db()
    assert (published.rescored, published.rescore_total) == (3, 3)
    listing = dave_client.get(reverse("admin:scoring_scoringconfig_changelist")).content.decode()
    assert "3 of 3" in listing


def test_older_versions_are_read_only(dave, dave_client):
    current = ScoringConfig.objects.current()
    cfg = current.to_engine()
    services.config_publish(base=current, user=dave,
                            candidate=type(cfg)(version=None, weights={1: 1, 2: 1, 3: 1}, specs=cfg.specs))
    page = dave_client.get(change_url(current)).content.decode()
    assert 'name="weight_priority_1"' not in page
    assert "cannot be changed" in page
    assert dave_client.post(change_url(current), form_data(current, weight_priority_1=5)).status_code == 403
    assert ScoringConfig.objects.current().version == current.version + 1


@pytest.mark.parametrize(("changes", "message"), [
    ({"age__params": {"low": 40, "peak": 35}}, "low &lt; peak"),
    ({"age__params": {"low": 18, "peak": 35, "high": 65}}, "Leave out high (65)"),
    ({"age__enabled": True, "age__kind": "penalty", "age__params": {"low": 18, "high": 90}}, "Age must use a tent curve"),
    ({"age__params": {"low": 16, "peak": 35}}, "must be at least 18"),
    ({"skills__params": {"cap": -1}}, "cap must be above 0"),
    ({"likes_per_post__params": "{not json"}, "Enter a valid JSON"),
    ({"weight_priority_2": -5}, "greater than or equal to 0"),
    ({"min_features": 14, "skills__enabled": False}, "more than the 12 switched on"),
])
def test_invalid_changes_are_refused_with_clear_messages(dave_client, changes, message):
    current = ScoringConfig.objects.current()
    response = dave_client.post(change_url(current), form_data(current, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ScoringConfig.objects.current() == current


def test_saving_without_changes_publishes_nothing(dave_client):
    current = ScoringConfig.objects.current()
    response = dave_client.post(change_url(current), form_data(current), follow=True)
    assert "Nothing changed" in response.content.decode()
    assert ScoringConfig.objects.current() == current


def test_preview_shows_the_effect_without_saving(dave_client, population):
    current = ScoringConfig.objects.current()
    cfg = current.to_engine()
    data = form_data(current, weight_priority_3=0, min_features=8, _preview="1")
    response = dave_client.post(change_url(current), data)
    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview["applicants"] == 3
    # recompute what should happen from the stored results: every scored applicant with
    # fewer than 8 features becomes unscorable, so changes band
    results = {r.owner.username: r for r in ScoreResult.objects.all()}
    becoming_unscorable = [u for u, r in results.items() if not r.unscorable and len(r.contributions) < 8]
    assert becoming_unscorable  # bob has only LinkedIn
    assert preview["unscorable_after"] == preview["unscorable_before"] + len(becoming_unscorable)
    assert preview["changing_band"] >= len(becoming_unscorable)
    assert sum(preview["before"]) == sum(1 for r in results.values() if r.score is not None)
    page = response.content.decode()
    assert "would change band" in page and "priority 3 weight 50 -&gt; 0" in page
    assert 'value="8"' in page  # the edited form comes back as typed
    assert ScoringConfig.objects.current() == current and current.to_engine() == cfg


def test_preview_of_an_invalid_change_shows_the_errors(dave_client):
    current = ScoringConfig.objects.current()
    response = dave_client.post(change_url(current), form_data(current, age__params={"low": 18}, _preview="1"))
    assert "needs peak" in response.content.decode()
    assert "preview" not in response.context


def test_version_list_and_history_pages(dave, dave_client):
    current = ScoringConfig.objects.current()
    cfg = current.to_engine()
    published = services.config_publish(base=current, user=dave, note="lighter priority two",
                                 candidate=type(cfg)(version=None, weights={1: 100, 2: 60, 3: 50}, specs=cfg.specs))
    listing = dave_client.get(reverse("admin:scoring_scoringconfig_changelist")).content.decode()
    assert "priority 2 weight 80 -&gt; 60" in listing and "lighter priority two" in listing
    history = dave_client.get(reverse("admin:scoring_scoringconfig_history", args=[published.pk]))
    assert history.status_code == 200 and "dave" in history.content.decode()


def test_age_can_be_switched_on_only_with_its_lawful_curve(dave_client):
    current = ScoringConfig.objects.current()
    assert "age" not in current.to_engine().enabled_names  # off by default
    refused = dave_client.post(change_url(current), form_data(current, age__enabled=True,
                                                              age__params={"low": 18, "peak": 35, "high": 65}))
    assert "Leave out high (65)" in refused.content.decode() and ScoringConfig.objects.current() == current
    dave_client.post(change_url(current), form_data(current, age__enabled=True, publish_note="empirically derived now"))
    published = ScoringConfig.objects.get(version=current.version + 1)
    assert published.changes == ["age switched on"] and published.note == "empirically derived now"
    assert "age" in published.to_engine().enabled_names
