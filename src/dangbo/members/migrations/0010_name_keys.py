"""Name keys for the register's search: the folded name from each of its words on, in byte
order on PostgreSQL (a range of the index is then exactly the names whose words begin with
what was typed, whatever the database's collation), filled for the persons stored."""

import django.db.models.deletion
from django.db import migrations, models

from dangbo.domain.text import name_keys


def byte_order(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute('ALTER TABLE members_namekey ALTER COLUMN "key" TYPE varchar(200) COLLATE "C"')


def fill(apps, schema_editor):
    Person, NameKey = apps.get_model("members", "Person"), apps.get_model("members", "NameKey")
    db = schema_editor.connection.alias
    last = 0
    while True:
        rows = list(Person.objects.using(db).filter(pk__gt=last).order_by("pk").values_list("pk", "search_name")[:20000])
        if not rows:
            return
        NameKey.objects.using(db).bulk_create(
            [NameKey(person_id=pk, position=i, key=k) for pk, name in rows for i, k in enumerate(name_keys(name))], batch_size=5000)
        last = rows[-1][0]


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0009_spells_of_a_cell_on_day'),
    ]

    operations = [
        migrations.CreateModel(
            name='NameKey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(verbose_name='từ thứ')),
                ('key', models.CharField(max_length=200, verbose_name='tên từ từ này')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='name_keys', to='members.person', verbose_name='người', db_index=False)),
            ],
            options={
                'verbose_name': 'khóa tìm tên',
                'verbose_name_plural': 'khóa tìm tên',
            },
        ),
        migrations.RunPython(byte_order, migrations.RunPython.noop),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='namekey',
            index=models.Index(fields=['key', 'person'], name='namekey_key_person'),
        ),
        migrations.AddIndex(
            model_name='namekey',
            index=models.Index(fields=['person', 'position'], name='namekey_person_position'),
        ),
    ]
