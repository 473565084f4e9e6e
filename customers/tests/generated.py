"""Made-up customers for the search tests: the same every run, and varied where search
is hard to get right: accents, case, phone numbers, and punctuation that means something
to LIKE or to a full-text query.

They are model instances, not yet saved: the tests save them with `bulk_create`, the
road that bulk loads take.
"""

import random
import re
import unicodedata

import phonenumbers
from django.utils import timezone

from customers.models import Customer

SEED = 5

FIRST_NAMES = [
    "José", "Jose", "JOSÉ", "María", "Maria", "François", "Francois", "Łukasz", "Lukas",
    "Søren", "Zoë", "Chloé", "Jürgen", "Ann", "anne", "Bob", "Émile", "Íñigo", "Ólafur",
    "Al", "Li", "Jo", "Ødd", "Ayşe", "Björn", "Noël", "Renée", "Marek", "Zoltán", "Ines",
]  # fmt: skip
LAST_NAMES = [
    "Álvarez", "Alvarez", "Müller", "Mueller", "MÜLLER", "Ødegaard", "Odegaard", "Ñúñez",
    "Nunez", "Weiß", "Weiss", "Dupont", "García", "Lee", "Smith", "van der Berg", "O'Brien",
    "Kowalski", "Wójcik", "Łęcki", "Straße", "Çelik", "Håkansson", "Lefèvre", "Dvořák",
    "Nguyễn", "de la Cruz", "Al-Amin", "Zhou", "Ek",
]  # fmt: skip
# Blank for some customers; a few with characters LIKE or FTS5 would read as syntax.
COMPANIES = [
    "Acme Widgets", "Globex", "Initech", "Müller & Söhne GmbH", "Ødegaard AS",
    "Crème Brûlée Co.", "3.14 Pies", "1-800-Flowers", "100% Natural", "Under_Score Ltd",
    "Star*Power", 'Quote "Unquote" Inc', "Colon: Partners", "Caret^Labs", "(Brackets) Ltd",
    "AT&T", "O'Reilly Media", "Łódź Logistics", "Straßenbau AG", "7-Eleven", "Studio 54",
    "Ñandú S.A.", "Zürich Re", "Björk & Co", "NEAR Foods", "AND OR NOT Ltd", "",
]  # fmt: skip
DOMAINS = ["example.com", "Example.ORG", "globex.com", "mail.de", "correo.es", "poczta.pl"]
REGIONS = ["US", "GB", "DE", "FR", "ES", "PL", "NO"]

# Customers the tests name: each has words no generated customer has.
KNOWN = [
    {
        "name": "José Álvarez",
        "email": "jalvarez@example.com",
        "phone": "+12025550143",
        "company": "Acme Widgets",
    },
    {
        "name": "Xiomara Quintanilla",
        "email": "XQ@Zebrafish.io",
        "phone": "+442079460958",
        "company": "Zebrafish Analytics",
    },
    {
        "name": "Dorothea Vandersloot",
        "email": "dorothea@vandersloot.nl",
        "phone": "+4915112345678",
        "company": "",
    },
]
# In the trash: found by nothing, though it shares a name with Dorothea.
KNOWN_TRASHED = {
    "name": "Wilhelmina Vandersloot",
    "email": "wilhelmina@vandersloot.nl",
    "phone": "+4915187654321",
    "company": "Vandersloot Trash BV",
}


def generated_customers(count: int, *, seed: int = SEED) -> list[Customer]:
    """`count` unsaved customers: KNOWN and KNOWN_TRASHED first, then made-up ones, about
    one in twenty of them in the trash. Emails are unique."""
    rng = random.Random(seed)
    now = timezone.now()
    customers = [Customer(**fields) for fields in KNOWN]
    customers.append(Customer(**KNOWN_TRASHED, deleted_at=now))
    for n in range(count - len(customers)):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        customers.append(
            Customer(
                name=in_some_case(f"{first} {last}", rng),
                email=f"{email_name(first, last, rng)}{n}@{rng.choice(DOMAINS)}",
                phone=phone_number(rng.choice(REGIONS), rng) if rng.random() < 0.8 else "",
                company=rng.choice(COMPANIES) if rng.random() < 0.7 else "",
                deleted_at=now if rng.random() < 0.05 else None,
            )
        )
    return customers


def in_some_case(text: str, rng: random.Random) -> str:
    return rng.choices([text, text.upper(), text.lower()], [8, 1, 1])[0]


def email_name(first: str, last: str, rng: random.Random) -> str:
    """`jose.alvarez`, `Jose.Alvarez` or `JOSE.ALVAREZ`: ASCII, as email validation wants."""
    name = unicodedata.normalize("NFKD", f"{first}.{last}").encode("ascii", "ignore").decode()
    name = re.sub(r"[^\w.]", "", name)
    return rng.choices([name.lower(), name, name.upper()], [6, 3, 1])[0]


def phone_number(region: str, rng: random.Random) -> str:
    """A valid mobile number of `region` in E.164: its example number, new last digits."""
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    national = str(example.national_number)
    while True:
        number = phonenumbers.parse(
            f"+{example.country_code}{national[:-4]}{rng.randrange(10_000):04d}"
        )
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
