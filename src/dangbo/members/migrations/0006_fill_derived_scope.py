"""Fill the columns 0005 added to a database that already holds a register: each spell's
copy of the person's sex, and the derived scope of every event and rating, by one replay of
everything (the same code that keeps them up to date afterwards). A new database has
nothing to fill."""

from django.db import migrations


def forwards(apps, schema_editor):
    MemberSpell = apps.get_model("members", "MemberSpell")
    if not MemberSpell.objects.exists():
        return
    # The projections are derived data: today's engine rebuilds them (no stored event changes).
    from dangbo import projections
    from dangbo.domain import replay as R
    from dangbo.domain.rulebook import RuleBook

    orgs, persons = projections.org_codes(), projections.person_codes()
    result = R.Replay(projections.load_org_events(orgs), projections.load_member_events(orgs, persons),
                      projections.load_expulsions(persons), R.Context(RuleBook.defaults())).run()
    oid = {code: id_ for id_, code in orgs.items()}
    projections.write_person_projection(result, oid, {code: id_ for id_, code in persons.items()})
    projections.refresh_org_scopes(result, oid)


class Migration(migrations.Migration):
    dependencies = [("members", "0005_national_scale"), ("assessment", "0003_national_scale")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
