"""A CSV to measure imports with: `python -m customers.tooling.import_file OUT [ROWS]`.

Every tenth row repeats an earlier row's email in another case (a duplicate), every
hundredth has an email that cannot be right (a bad row); the rest are new customers
with a phone, a company, a status and tags.
"""

import csv
import random
import sys

STATUSES = ["Lead", "Prospect", "Active", "Inactive"]
TAGS = ["VIP", "Partner", "Newsletter", "Trade fair", "Referral"]


def write_import_file(path: str, rows: int, *, seed: int = 7) -> None:
    chance = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Name", "E-mail", "Phone number", "Organisation", "Status", "Tags"])
        for n in range(1, rows + 1):
            email = f"customer{n}@example.com"
            if n % 10 == 0:
                email = f"CUSTOMER{chance.randrange(1, n)}@example.com"  # a duplicate
            elif n % 100 == 1 and n > 1:
                email = f"customer{n}-at-example.com"  # a bad row
            writer.writerow(
                [
                    f"Customer {n}",
                    email,
                    f"+1 415 555 {chance.randrange(100, 9999):04d}",
                    f"Company {n % 5000}",
                    STATUSES[n % 4],
                    ", ".join(chance.sample(TAGS, chance.randrange(0, 3))),
                ]
            )


if __name__ == "__main__":
    write_import_file(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100_000)
