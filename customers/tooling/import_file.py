"""A CSV to measure imports with: `python -m customers.tooling.import_file OUT [ROWS]`.

Every tenth row repeats an earlier row's email in another case (a duplicate), every
hundredth has an email that cannot be right (a bad row); the rest are new customers
with a phone, a company, a status and tags.
"""

import argparse
import csv
import random

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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m customers.tooling.import_file",
        description="Write a CSV of customers to measure imports with.",
    )
    parser.add_argument("out", help="the CSV file to write")
    parser.add_argument("rows", nargs="?", type=int, default=100_000, help="default 100,000")
    args = parser.parse_args(argv)
    write_import_file(args.out, args.rows)


if __name__ == "__main__":
    main()
