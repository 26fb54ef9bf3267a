from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('pipeline', '0001_initial'),
    ]

    operations = [
        migrations.AlterModelTable(name='profanityallowphrase', table=None),
        migrations.AlterModelTable(name='historicalprofanityallowphrase', table=None),
        migrations.AlterModelTable(name='scoringjob', table=None),
        migrations.AlterModelTable(name='jobchunk', table=None),
    ]
