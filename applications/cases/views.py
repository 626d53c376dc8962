"""Intake pages: people, families, applications; search and lists."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.utils import ErrorDict
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applications.reference.models import Okrug
from zhanakorgan_aid import audit, roles
from zhanakorgan_aid.spreadsheets import filtered_list_workbook

from . import access, selectors
from .exceptions import AlreadySubmitted, ApplicationError, DuplicateAtIntake
from .filters import OKRUG_FILTER_SECONDS, ApplicationFilter
from .forms import (
    ApplicationForm,
    DocumentForm,
    FamilyEditForm,
    FamilyForm,
    FamilyIncomeEditFormSet,
    FamilyMemberEditFormSet,
    IinCorrectionForm,
    IncomeFormSet,
    MemberFormSet,
    PersonEditForm,
    PersonForm,
)
from .models import Application, ApplicationDocument, Family, FamilyMember, Person
from .pagination import ListPaginator
from .services import family as family_service
from .services import intake, persons
from .tables import ApplicationTable
from .uploads import check_scan

PAGE_SIZE = 25


def require_registrar(user) -> None:
    if not access.can_register(user):
        raise PermissionDenied


def visible_okrugs(user):
    if roles.is_okrug_scoped(user):
        return Okrug.objects.filter(pk=user.okrug_id)
    return Okrug.objects.all()


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    require_registrar(request.user)
    form = PersonForm(request.POST or None, initial={"iin": request.GET.get("iin", "")})
    if request.method == "POST" and form.is_valid():
        try:
            person = intake.person_create(**form.cleaned_data, created_by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Гражданин %(p)s зарегистрирован.") % {"p": person})
            return redirect(person)
    return render(request, "applications/person_form.html", {"form": form})


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.person_get_for(user=request.user, pk=pk)
    audit.personal_data_access_record(request=request, obj=person)
    memberships = person.memberships.select_related("family__okrug")
    return render(
        request,
        "applications/person_detail.html",
        {
            "person": person,
            "memberships": memberships,
            "iin_corrections": person.iin_corrections.select_related("corrected_by"),
            "full_iin": access.sees_full_iin(request.user),
            "can_edit": access.can_register(request.user),
            "can_correct_iin": access.can_correct_iin(request.user),
        },
    )


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a citizen's names, address, phone and account (the IIN apart)."""
    require_registrar(request.user)
    person = access.person_get_for(user=request.user, pk=pk)
    form = PersonEditForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        persons.person_update(person=person, **form.cleaned_data)
        messages.success(request, _("Данные гражданина %(p)s сохранены.") % {"p": person})
        return redirect(person)
    return render(request, "applications/person_edit.html", {"form": form, "person": person})


@login_required
def person_iin_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """A caseworker corrects a wrongly entered IIN, with the reason (kept and shown)."""
    if not access.can_correct_iin(request.user):
        raise PermissionDenied
    person = access.person_get_for(user=request.user, pk=pk)
    form = IinCorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            persons.person_iin_correct(person=person, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("new_iin", error)
        except ApplicationError as error:
            form.add_error("new_iin", str(error))
        else:
            messages.success(request, _("ИИН гражданина %(p)s исправлен.") % {"p": person})
            return redirect(person)
    return render(request, "applications/person_iin_form.html", {"form": form, "person": person})


def _family_payload(form, members, incomes):
    """Turn the three forms' data into the service's arguments, creating new citizens."""
    people, member_rows = _member_rows(members, address=form.cleaned_data["address"])
    people[form.applicant.iin] = form.applicant
    return member_rows, _income_rows(incomes, people)


def _member_rows(members, *, address: str) -> tuple[dict, list]:
    """The members typed (rows left empty or ticked off aside) as the services take them, with
    their citizens by IIN; a citizen new to the office is registered at the family's address."""
    people, rows = {}, []
    for data in members.filled_rows():
        person = Person.objects.filter(iin=data["iin"]).first() or intake.person_create(
            iin=data["iin"],
            surname=data["surname"],
            name=data["name"],
            patronymic=data.get("patronymic", ""),
            address=address,
        )
        people[person.iin] = person
        rows.append(
            intake.MemberData(
                person=person,
                relation=data["relation"],
                occupation=data["occupation"],
                unemployment_reason=data["unemployment_reason"],
                employment_measures=data["employment_measures"],
                own_hardship=data["own_hardship"],
            )
        )
    return people, rows


def _income_rows(incomes, people: dict) -> list:
    """The incomes typed, each of a member of the family (by IIN: an error beside it if not)."""
    rows = []
    for f in incomes.forms:
        if not f.cleaned_data or incomes._should_delete_form(f):
            continue
        data = f.cleaned_data
        if data["iin"] not in people:
            f.add_error("iin", _("Этот ИИН не указан в составе семьи."))
            raise ValidationError("income")
        rows.append(
            intake.IncomeData(
                person=people[data["iin"]],
                kind=data["kind"],
                year=data["year"],
                quarter=data["quarter"],
                amount=data["amount"],
            )
        )
    return rows


@login_required
def family_create(request: HttpRequest) -> HttpResponse:
    require_registrar(request.user)
    okrugs = visible_okrugs(request.user)
    data = request.POST or None
    form = FamilyForm(data, okrugs=okrugs, initial={"applicant_iin": request.GET.get("iin", "")})
    members = MemberFormSet(data, prefix="members")
    incomes = IncomeFormSet(data, prefix="incomes")
    duplicate = None
    if request.method == "POST" and form.is_valid() and members.is_valid() and incomes.is_valid():
        try:
            with transaction.atomic():
                member_rows, income_rows = _family_payload(form, members, incomes)
                fields = {
                    k: v
                    for k, v in form.cleaned_data.items()
                    if k not in ("applicant_iin", "okrug", "address")
                }
                family = intake.family_create(
                    applicant=form.applicant,
                    okrug=form.cleaned_data["okrug"],
                    address=form.cleaned_data["address"],
                    members=member_rows,
                    incomes=income_rows,
                    **fields,
                )
        except ValidationError:
            pass
        except DuplicateAtIntake as error:
            form.add_error(None, str(error))
            duplicate = error.existing
        except ApplicationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Семья %(n)s зарегистрирована.") % {"n": family.reg_number})
            return redirect(family)
    return render(
        request,
        "applications/family_form.html",
        {"form": form, "members": members, "incomes": incomes, "duplicate": duplicate},
    )


@login_required
def family_detail(request: HttpRequest, pk: int) -> HttpResponse:
    family = access.family_get_for(user=request.user, pk=pk)
    return render(
        request,
        "applications/family_detail.html",
        {
            "family": family,
            "members": selectors.family_members_with_incomes(family),
            "applications": access.scope_applications(
                family.applications.all(), user=request.user
            ).select_related("category"),
            "full_iin": access.sees_full_iin(request.user),
            "can_edit": access.can_register(request.user),
        },
    )


ADD_ROW = "add_row"


@login_required
def family_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The family kept up to date: its facts, members, incomes by quarter and applicant."""
    require_registrar(request.user)
    family = access.family_get_for(user=request.user, pk=pk)
    rows = sorted(
        selectors.family_members_with_incomes(family),
        key=lambda m: (m.relation != FamilyMember.Relation.APPLICANT, m.pk),
    )
    data = _with_added_row(request.POST) if request.method == "POST" else None
    waiting = family_service.applications_awaiting_decision(family)
    form = FamilyEditForm(data, instance=family, reason_required=waiting.exists())
    members = FamilyMemberEditFormSet(
        data, prefix="members", initial=_member_initial(rows), form_kwargs={"with_applicant": True}
    )
    incomes = FamilyIncomeEditFormSet(data, prefix="incomes", initial=_income_initial(rows))
    forms = (form, members, incomes)
    if ADD_ROW in request.POST:
        _unjudged(form, members, incomes)
    elif request.method == "POST" and all(f.is_valid() for f in forms):
        try:
            with transaction.atomic():
                changes = _family_update_from(request, family, form, members, incomes)
        except ValidationError:
            pass
        except ApplicationError as error:
            form.add_error(None, str(error))
        else:
            if changes:
                messages.success(
                    request, _("Сведения о семье %(n)s сохранены.") % {"n": family.reg_number}
                )
            else:
                messages.info(request, _("Изменений нет."))
            return redirect(family)
    return render(
        request,
        "applications/family_edit.html",
        {"family": family, "form": form, "members": members, "incomes": incomes},
    )


def _with_added_row(post):
    """«Добавить строку» without JavaScript: the form comes back with one more row of the table
    it names, everything typed kept."""
    prefix = post.get(ADD_ROW)
    total = f"{prefix}-TOTAL_FORMS"
    if prefix not in ("members", "incomes") or not post.get(total, "").isdigit():
        return post
    data = post.copy()
    data[total] = str(int(post[total]) + 1)
    return data


def _unjudged(*forms) -> None:
    """Forms sent back for one more row show what was typed, not yet errors: nothing is saved
    and nothing judged until the form is submitted."""
    for form in forms:
        for one in getattr(form, "forms", [form]):
            one._errors = ErrorDict()
        if hasattr(form, "forms"):
            form._errors, form._non_form_errors = [], form.error_class()


def _member_initial(rows) -> list[dict]:
    names = ("relation", "occupation", "unemployment_reason", "employment_measures")
    return [
        {
            "iin": m.person.iin,
            "surname": m.person.surname,
            "name": m.person.name,
            "patronymic": m.person.patronymic,
            "own_hardship": m.own_hardship,
            **{name: getattr(m, name) for name in names},
        }
        for m in rows
    ]


def _income_initial(rows) -> list[dict]:
    """Every quarter's incomes, oldest quarter first: kept unless changed or ticked off."""
    incomes = [(i, m.person.iin) for m in rows for i in m.income_list]
    incomes.sort(key=lambda pair: (pair[0].year, pair[0].quarter, pair[0].member_id, pair[0].pk))
    return [
        {"iin": iin, "kind": i.kind, "year": i.year, "quarter": i.quarter, "amount": i.amount}
        for i, iin in incomes
    ]


def _family_update_from(request, family, form, members, incomes) -> list[str]:
    people, rows = _member_rows(members, address=form.cleaned_data["address"])
    applicant = next(r.person for r in rows if r.relation == FamilyMember.Relation.APPLICANT)
    return family_service.family_update(
        family=family,
        actor=request.user,
        applicant=applicant,
        members=[r for r in rows if r.relation != FamilyMember.Relation.APPLICANT],
        incomes=_income_rows(incomes, people),
        reason=form.cleaned_data.get("reason", ""),
        **{name: form.cleaned_data[name] for name in family_service.FAMILY_FIELDS},
    )


@login_required
def application_create(request: HttpRequest) -> HttpResponse:
    require_registrar(request.user)
    scoped = roles.is_okrug_scoped(request.user)
    families = access.scope_families(Family.objects.all(), user=request.user)
    forced = Application.Channel.AKIM if scoped else None
    form = ApplicationForm(
        request.POST or None,
        families=families,
        forced_channel=forced,
        initial={"family_reg_number": request.GET.get("family", "")},
    )
    duplicate = None
    if request.method == "POST" and form.is_valid():
        try:
            application = intake.application_register(
                family=form.family,
                category=form.cleaned_data["category"],
                actor=request.user,
                channel=form.cleaned_data["channel"],
                event_date=form.cleaned_data["event_date"],
                situation=form.cleaned_data["situation"],
                intake_token=form.cleaned_data["intake_token"],
            )
        except AlreadySubmitted as error:
            messages.info(request, str(error))
            return redirect(error.existing)
        except DuplicateAtIntake as error:
            form.add_error(None, str(error))
            duplicate = error.existing
        except ApplicationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Заявление № %(n)s зарегистрировано.") % {"n": application.number}
            )
            return redirect(application)
    return render(
        request, "applications/application_form.html", {"form": form, "duplicate": duplicate}
    )


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    """The applications the user may see, filtered, sorted and a page at a time; "next" and
    "previous" continue from the row they name (pagination.py)."""
    filters = ApplicationFilter(request.GET, user=request.user)
    paginator = ListPaginator(filters.qs, PAGE_SIZE, read_rows=selectors.application_rows_by_id)
    page = paginator.get_page(
        request.GET.get("page", 1), after=request.GET.get("after"), before=request.GET.get("before")
    )
    table = ApplicationTable(
        page,
        request=request,
        sort=filters.chosen_sort,
        full_iin=access.sees_full_iin(request.user),
    )
    return render(
        request,
        "applications/application_list.html",
        {
            "filter": filters,
            "table": table,
            "okrug_filter_seconds": OKRUG_FILTER_SECONDS,
            "export_query": request.GET.urlencode(),
        },
    )


@login_required
def application_list_export(request: HttpRequest) -> HttpResponse:
    """The list's rows as filtered and sorted, every one of them (up to EXPORT_ROW_CAP), as an
    XLSX workbook whose title says the filter; a longer list is sent back to the list with the
    filter kept and a message asking to narrow it."""
    filters = ApplicationFilter(request.GET, user=request.user)
    return filtered_list_workbook(
        request,
        rows=filters.qs,
        list_url=reverse("applications:application_list"),
        table=lambda: ApplicationTable(
            selectors.application_rows(filters.qs),
            request=request,
            sort=filters.chosen_sort,
            full_iin=access.sees_full_iin(request.user),
        ),
        title=filters.description(),
        sheet=_("Заявления"),
        stem="zayavleniya",
    )


@login_required
@require_POST
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    require_registrar(request.user)
    application = access.application_get_for(user=request.user, pk=pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            content_type = check_scan(upload)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            ApplicationDocument.objects.create(
                application=application,
                kind=form.cleaned_data["kind"],
                file=upload,
                content_type=content_type,
                size=upload.size,
                uploaded_by=request.user,
            )
            messages.success(request, _("Документ «%(n)s» прикреплён.") % {"n": upload.name})
    else:
        messages.error(request, _("Выберите вид документа и файл."))
    return redirect(application)


@login_required
def document_download(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    application = access.application_get_for(user=request.user, pk=pk)
    document = application.documents.filter(pk=doc_pk).first()
    if document is None:
        raise Http404
    audit.personal_data_access_record(request=request, obj=document, action="download")
    return FileResponse(
        document.file.open("rb"),
        content_type=document.content_type,
        as_attachment=False,
        filename=document.file.name.rsplit("/", 1)[-1],
    )


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """The search box on every page: by IIN, surname or number, to the application list."""
    q = request.GET.get("q", "").strip()
    families = access.scope_families(Family.objects.all(), user=request.user)
    if q.isdigit() and len(q) == 12:
        family = families.filter(members__person__iin=q).first()
        if family and not ApplicationFilter({"q": q}, user=request.user).qs.exists():
            return redirect(family)
        if family is None:  # a citizen of no family yet: their page leads on to the family
            citizens = access.scope_persons(Person.objects.filter(iin=q), user=request.user)
            if person := citizens.first():
                return redirect(person)
    return redirect(f"{reverse('applications:application_list')}?{urlencode({'q': q})}")
