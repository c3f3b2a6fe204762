"""The Vietnamese sort key of each person's name (by tên, then họ đệm), filled for the
persons stored, in batches."""

from django.db import migrations, models

from dangbo.domain.text import sort_key


def fill(apps, schema_editor):
    Person = apps.get_model("members", "Person")
    db = schema_editor.connection.alias
    last = 0
    while True:
        rows = list(Person.objects.using(db).filter(pk__gt=last).order_by("pk").only("pk", "full_name")[:20000])
        if not rows:
            return
        for p in rows:
            p.sort_name = sort_key(p.full_name)
        Person.objects.using(db).bulk_update(rows, ["sort_name"], batch_size=2000)
        last = rows[-1].pk


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0010_name_keys'),
    ]

    operations = [
        migrations.AddField(
            model_name='person',
            name='sort_name',
            field=models.CharField(db_index=True, default='', max_length=640, verbose_name='khóa sắp xếp theo tên'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
