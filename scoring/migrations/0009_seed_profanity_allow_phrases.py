"""Seed the profanity allow-list with the reviewed phrases of models_ml.profanity.

The phrases are copied here rather than imported so this migration never changes after the
fact; admins edit the list from then on.
"""
from django.db import migrations

PHRASES = [
    'gay',
    'lesbians',
    'queer',
    'transsexual',
    'dyke march',
    'sex education',
    'sexual health',
    'sexual health clinic',
    'sexual assault survivors',
    'sexual harassment awareness',
    'safe sex',
    'nipple reconstruction',
    'womb cancer',
    'rape crisis',
    'rape crisis centre',
    'rape crisis center',
    'rape survivors',
    'murder mystery',
    'oh my god',
    'thank god',
    'god bless',
    'son of god',
    'church of god',
    'word of god',
    'house of god',
    'assemblies of god',
    'virgin mary',
    'god of war',
    'sex and the city',
    'sex pistols',
    'moby dick',
    'pussy riot',
    'virgin atlantic',
    'virgin media',
    'virgin islands',
    'extra virgin olive oil',
    'instant pot',
    'pot roast',
    'hemp seed',
]


def seed(apps, schema_editor):
    Phrase = apps.get_model("scoring", "ProfanityAllowPhrase")
    for phrase in PHRASES:
        Phrase.objects.get_or_create(phrase=" ".join(phrase.split()).lower(), defaults={"reason": "Reviewed default"})


def unseed(apps, schema_editor):
    apps.get_model("scoring", "ProfanityAllowPhrase").objects.filter(phrase__in=PHRASES).delete()


class Migration(migrations.Migration):
    dependencies = [("scoring", "0008_profanity_allow_phrases")]

    operations = [migrations.RunPython(seed, unseed)]
