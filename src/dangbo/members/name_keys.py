"""The search keys of a person's name (`NameKey`), derived from it and rewritten with it by
the person services and the importer, inside their writing transaction."""

from dangbo.domain.text import name_keys

from .models import NameKey, Person


def rewrite_name_keys(person: Person) -> None:
    """The keys of the person's name as it is now (a derived index of the name, not history:
    the old keys go)."""
    NameKey.objects.filter(person=person).delete()
    NameKey.objects.bulk_create([NameKey(person=person, position=i, key=k) for i, k in enumerate(name_keys(person.search_name))])
