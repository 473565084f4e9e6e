"""The deal board's cards, drawn in Python.

A board shows up to 150 cards (25 a column), each with its own move form. A lean
template fed precomputed values made the board more than twice as slow (`manage.py
bench`, see docs/performance.md), so the cards stay here: the parts every card shares
(the CSRF input, the way back, the stage options) are worked out once per board, and a
card costs a few string formats. Every value is escaped by Django's own
`format_html`/`conditional_escape`.

The same code draws a card after a refused move (`move_form` bound, with its errors or
a conflict), so there is one card markup, not two.
"""

from urllib.parse import quote

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from customers.core.money import format_money
from customers.core.owners import display_name
from ui.links import pk_url_maker
from ui.options import choices_of, option_tags
from ui.tables import day

CHANGE_DEAL = "customers.change_deal"
# A move is sent by an explicit choice, the card's "Move" button (or Enter on the
# select, data-enter-submits in static/js/app.js), never on change: a keyboard user
# browses the stages with the arrow keys, each of which changes the select.
# While a move is under way every card's controls wait: a second move sent meanwhile
# would swap into the board that is about to be replaced.
BOARD_SWAP = (
    ' hx-target="#board" hx-swap="outerHTML" hx-trigger="submit" data-enter-submits'
    ' hx-disabled-elt="#board select, #board button"'
)


class DealCards:
    """Draws the cards of one board (or the one card of a refused move)."""

    def __init__(
        self, *, request, stages, closing_reasons, board_url: str, standalone: bool = False
    ):
        self.user = request.user
        self.csrf = format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
        )
        self.next = format_html('<input type="hidden" name="next" value="{}">', board_url)
        # As |urlencode does.
        self.edit_query = conditional_escape(f"?next={quote(board_url, safe='/')}")
        self.update_url = pk_url_maker("deal_update")
        self.move_url = pk_url_maker("deal_move")
        self.customer_url = pk_url_maker("customer_detail")
        self.may_add_task = self.user.has_perm("customers.add_followup")
        self.task_create_url = reverse("task_create")
        self.board_url_quoted = quote(board_url, safe="/")
        self.stage_choices = choices_of(stages)
        self.reason_choices = choices_of(closing_reasons)
        # Said on every card: translated once a board.
        self.words = {
            "owner": _("Owner"),
            "close": _("Expected close"),
            "no_owner": _("No owner"),
            "add_task": _("Add task"),
            "move": _("Move"),
            "reason_lost": _("Reason lost"),
            "choose_reason": _("Choose a reason"),
        }
        # A move on the board swaps the board; a card on a page of its own (no
        # JavaScript) posts plainly.
        self.standalone = standalone

    def html(self, deal, move_form=None) -> SafeString:
        pk = deal.pk
        if self.user.has_perm(CHANGE_DEAL, deal):
            heading = format_html(
                '<a href="{}{}">{}</a>', self.update_url(pk), self.edit_query, deal.title
            )
            controls = self.move_form(deal, move_form)
        else:
            heading = conditional_escape(deal.title)
            controls = format_html('<p class="deal-card__stage">{}</p>', deal.stage.name)
        invalid = " deal-card--invalid" if move_form is not None and move_form.errors else ""
        return format_html(
            '<article id="deal-{pk}" class="deal-card{invalid}" aria-labelledby="deal-{pk}-title">'
            '<h3 id="deal-{pk}-title" class="deal-card__title">{heading}</h3>'
            '<p class="deal-card__customer"><a href="{customer_url}">{customer}</a></p>'
            '<p class="deal-card__amount">{amount}</p>'
            '<dl class="deal-card__meta">'
            "<div><dt>{owner_label}</dt><dd>{owner}</dd></div>"
            "<div><dt>{close_label}</dt><dd>{close}</dd></div>"
            "</dl>"
            "{controls}{add_task}</article>",
            pk=pk,
            invalid=invalid,
            heading=heading,
            customer_url=self.customer_url(deal.customer_id),
            customer=deal.customer.name,
            amount=format_money(deal.amount, deal.currency),
            owner_label=self.words["owner"],
            close_label=self.words["close"],
            owner=display_name(deal.owner) if deal.owner_id else self.words["no_owner"],
            close=day(deal.expected_close) if deal.expected_close else "—",
            controls=controls,
            add_task=self.add_task(deal),
        )

    def add_task(self, deal) -> SafeString:
        """A follow-up on this deal: the task form, with its customer and deal filled in."""
        if not self.may_add_task:
            return SafeString("")
        return format_html(
            '<p class="deal-card__task"><a href="{}?customer={}&amp;deal={}&amp;next={}">'
            '{}<span class="visually-hidden"> {}</span></a></p>',
            self.task_create_url,
            deal.customer_id,
            deal.pk,
            self.board_url_quoted,
            self.words["add_task"],
            _("for {title}").format(title=deal.title),
        )

    def move_form(self, deal, form) -> SafeString:
        """The card's stage select and its "Move" button; after a move to a lost stage,
        the reason too. `form` is the refused move, if this card answers one.

        Built from values escaped above (the title, the field notes) or made here (the
        ids, the URLs, the options from `option_tags`): an f-string joins them."""
        pk = deal.pk
        move = self.move_url(pk)
        enhanced = "" if self.standalone else f' hx-post="{move}"{BOARD_SWAP}'
        title = conditional_escape(deal.title)
        submit = ""
        if form is None:
            hidden = f'<input type="hidden" name="version" value="{int(deal.version)}">'
            errors = ""
        else:
            hidden = render_to_string("ui/conflict.html#hidden", {"form": form})
            errors = format_html_join(
                "", '<p class="field__errors">{}</p>', ((e,) for e in form.non_field_errors())
            )
            if form.conflict_notice:
                submit = render_to_string("ui/conflict.html#choices")
        if not submit:
            move_label = conditional_escape(self.words["move"])
            submit = (
                f'<button type="submit">{move_label}'
                f'<span class="visually-hidden"> {title}</span></button>'
            )
        stage = _field(
            f"deal-{pk}-stage",
            "stage",
            format_html(
                '<label for="deal-{}-stage" class="visually-hidden">{}</label>',
                pk,
                _("Stage of {title}").format(title=deal.title),
            ),
            option_tags(self.stage_choices, deal.stage_id),
            form,
        )
        reason = ""
        if deal.stage.is_lost:
            reason = _field(
                f"deal-{pk}-reason",
                "closing_reason",
                format_html(
                    '<label for="deal-{}-reason">{}</label>', pk, self.words["reason_lost"]
                ),
                format_html('<option value="">{}</option>', self.words["choose_reason"])
                + option_tags(self.reason_choices, deal.closing_reason_id),
                form,
                modifier=" deal-card__field--reason",
            )
        return SafeString(
            f'<form class="deal-card__move" method="post" action="{move}" novalidate{enhanced}>'
            f"{self.csrf}{self.next}{hidden}{errors}{stage}{reason}{submit}</form>"
        )


def _field(id_: str, name: str, label: str, choices: str, form, *, modifier: str = "") -> str:
    """A labelled select of the move form, with its errors or its conflict note."""
    described = invalid = notes = ""
    field = form[name] if form is not None else None
    if field is not None and field.errors:
        invalid = " field--invalid"
        described = f' aria-invalid="true" aria-describedby="{id_}-errors"'
        notes = format_html(
            '<ul class="field__errors" id="{}-errors">{}</ul>',
            id_,
            format_html_join("", "<li>{}</li>", ((e,) for e in field.errors)),
        )
    elif field is not None and getattr(field, "conflict", None):
        described = f' aria-describedby="{id_}-conflict"'
        notes = format_html(
            '<p class="field__conflict" id="{}-conflict" role="alert">{}</p>', id_, field.conflict
        )
    return (
        f'<div class="deal-card__field{modifier}{invalid}">{label}'
        f'<select id="{id_}" name="{name}"{described}>{choices}</select>{notes}</div>'
    )
