"""Pages with several forms, told apart by the `action` their submit sends. A post naming no
action, or one the page does not know, saves nothing and is not silently dropped: the page
answers 400 with the forms the user filled in bound to what was typed and the reason above them
(issue 22, item 4)."""

from collections.abc import Collection, Iterable

from django.contrib import messages
from django.forms import BaseForm, BaseFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

UNKNOWN_ACTION = _(
    "Неизвестное действие формы: ничего не сохранено. Проверьте введённое и отправьте форму "
    "её кнопкой ещё раз."
)


def posted_action(request: HttpRequest, actions: Collection[str]) -> str | None:
    """The action the POST names when the page knows it; None for a GET, and for a POST with
    no action or an unknown one (see action_unknown)."""
    if request.method != "POST":
        return None
    action = request.POST.get("action")
    return action if action in actions else None


def action_unknown(request: HttpRequest, action: str | None) -> bool:
    """A POST whose action the page does not know: answer 400 and save nothing."""
    return request.method == "POST" and action is None


def form_was_posted(request: HttpRequest, form: BaseForm | BaseFormSet) -> bool:
    """Whether the POST carries fields of `form` (a form or a formset, bound or not): the form
    the user filled in, when the post does not say by its action."""
    if isinstance(form, BaseFormSet):
        return form.management_form.add_prefix("TOTAL_FORMS") in request.POST
    return any(form.add_prefix(name) in request.POST for name in form.fields)


def unknown_action_refuse(request: HttpRequest, forms: Iterable[BaseForm]) -> None:
    """Say why nothing was saved: above each bound form the user filled in, or on the page when
    the post carried none of them."""
    bound = [form for form in forms if form.is_bound]
    for form in bound:
        form.add_error(None, str(UNKNOWN_ACTION))
    if not bound:
        messages.error(request, UNKNOWN_ACTION)
