"""The CRM domain's tables. One module per kind of record."""

from customers.models.contact import Contact
from customers.models.customer import Customer
from customers.models.deal import ClosingReason, Currency, Deal, LeadSource, Stage
from customers.models.email import EmailTemplate, OutgoingEmail
from customers.models.export_log import ExportLog
from customers.models.followup import CalendarFeed, FollowUp
from customers.models.imports import ImportRow, ImportRun
from customers.models.interaction import Interaction
from customers.models.merge import MergeRecord
from customers.models.notification import DigestSent, Notification
from customers.models.preference import UserPreference
from customers.models.tag import Tag

__all__ = [
    "CalendarFeed",
    "ClosingReason",
    "Contact",
    "Currency",
    "Customer",
    "Deal",
    "DigestSent",
    "EmailTemplate",
    "ExportLog",
    "FollowUp",
    "ImportRow",
    "ImportRun",
    "Interaction",
    "LeadSource",
    "MergeRecord",
    "Notification",
    "OutgoingEmail",
    "Stage",
    "Tag",
    "UserPreference",
]
