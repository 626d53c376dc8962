"""What each URL of the project answers to each role: THE TABLE TO EXTEND when you add a view.

tests/security/test_url_matrix.py walks every URL pattern and fails for a name missing here.
An entry says how to build the URL's arguments from the matrix's objects (`w`, see
tests/security/conftest.py: w.case is an application of the akims' okrug at registration,
w.document its scan, w.award, w.payment_list …), the method, and the status per role:
  LOGIN      302 to the login page (the default for "anonymous")
  OK/200     the page; REDIRECT/302 an action done or refused with a message;
  403 / 404  refused: 404 for an object of another okrug or out of the role's sight.
Roles: anonymous, caseworker, akim, other_akim (another okrug), local, other_local,
special, administrator, auditor.

The admin (namespace "admin") is checked apart, in test_url_matrix.test_admin_*: every admin
page sends anonymous users and staff without is_staff to the admin log-in.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

LOGIN = "login"
OK, REDIRECT = 200, 302
FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 403, 404, 405

ROLES = (
    "anonymous",
    "caseworker",
    "akim",
    "other_akim",
    "local",
    "other_local",
    "special",
    "administrator",
    "auditor",
)
STAFF = ROLES[1:]


def answers(default, **per_role) -> dict:
    """The status for every staff role (`default`), with exceptions; anonymous → LOGIN."""
    unknown = set(per_role) - set(ROLES)
    assert not unknown, f"unknown roles {unknown}"
    return {"anonymous": LOGIN, **dict.fromkeys(STAFF, default), **per_role}


def only(allowed: dict, refused=FORBIDDEN) -> dict:
    """The given roles get their status, every other staff role `refused`."""
    return answers(refused, **allowed)


def no_args(w) -> list:
    return []


@dataclass(frozen=True)
class Expect:
    status: dict
    args: Callable = no_args
    method: str = "get"
    data: dict = field(default_factory=dict)
    query: str = ""


# Who sees a case of the akims' okrug at registration (applications/access.py).
CASE_READERS = answers(OK, other_akim=NOT_FOUND, other_local=NOT_FOUND, special=NOT_FOUND)
REGISTRARS = dict(caseworker=OK, akim=OK, other_akim=OK, administrator=OK)
# Awards, payments and budgets: the authorized body's (benefits/access.py); others see nothing.
BENEFIT_READERS = only(dict(caseworker=OK, administrator=OK, auditor=OK), refused=NOT_FOUND)
# Payment lists and budgets are changed by the administrator only; readers get 403.
PAYMENT_MANAGERS = {**BENEFIT_READERS, "caseworker": FORBIDDEN, "auditor": FORBIDDEN}
# Memorial lists and education cases are kept by caseworkers and administrators; the auditor
# reads (403 on any change).
BENEFIT_WRITERS = {**BENEFIT_READERS, "auditor": FORBIDDEN}
BENEFIT_ACTIONS = {**BENEFIT_WRITERS, "caseworker": REDIRECT, "administrator": REDIRECT}
EDUCATION_FORMS = {**BENEFIT_WRITERS, "caseworker": 400, "administrator": 400}


def case(w) -> list:
    return [w.case.pk]


EXPECTATIONS: dict[str, Expect] = {
    # --- zhanakorgan_aid -------------------------------------------------------------------
    "workflow:home": Expect(answers(OK)),
    "login": Expect(answers(OK, anonymous=OK)),
    "favicon": Expect(answers(REDIRECT, anonymous=REDIRECT)),
    "logout": Expect(answers(LOGIN), method="post"),
    "password_change": Expect(answers(OK)),
    "set_language": Expect(
        answers(REDIRECT, anonymous=REDIRECT), method="post", data={"language": "ru", "next": "/"}
    ),
    # --- applications: intake ----------------------------------------------------------------
    "applications:search": Expect(answers(REDIRECT), query="q=Ахметов"),
    "applications:person_create": Expect(only(REGISTRARS)),
    "applications:person_detail": Expect(CASE_READERS, args=lambda w: [w.case.applicant_id]),
    "applications:person_edit": Expect(
        only(dict(caseworker=OK, akim=OK, other_akim=NOT_FOUND, administrator=OK)),
        args=lambda w: [w.case.applicant_id],
    ),
    "applications:person_iin_correct": Expect(
        only(dict(caseworker=OK)), args=lambda w: [w.case.applicant_id]
    ),
    "applications:family_create": Expect(only(REGISTRARS)),
    "applications:family_detail": Expect(CASE_READERS, args=lambda w: [w.case.family_id]),
    "applications:family_edit": Expect(
        only({**REGISTRARS, "other_akim": NOT_FOUND}), args=lambda w: [w.case.family_id]
    ),
    "applications:application_list": Expect(answers(OK)),
    "applications:application_list_export": Expect(answers(OK)),
    "applications:application_create": Expect(only(REGISTRARS)),
    "workflow:application_detail": Expect(CASE_READERS, args=case),
    "applications:document_upload": Expect(
        only(
            dict(caseworker=REDIRECT, akim=REDIRECT, administrator=REDIRECT, other_akim=NOT_FOUND)
        ),
        args=case,
        method="post",
    ),
    "applications:document_download": Expect(
        CASE_READERS, args=lambda w: [w.case.pk, w.document.pk]
    ),
    # --- applications: workflow -----------------------------------------------------------------
    # A step button: refused steps end with a message on the case page (302); other okrugs 404.
    "workflow:application_step": Expect(
        answers(REDIRECT, other_akim=NOT_FOUND, other_local=NOT_FOUND, special=NOT_FOUND),
        args=lambda w: [w.case.pk, "send_to_local"],
        method="post",
    ),
    # Not yet at the decision: the caseworker is sent back to the case with a message.
    "workflow:application_decide": Expect(
        answers(
            FORBIDDEN,
            caseworker=REDIRECT,
            other_akim=NOT_FOUND,
            other_local=NOT_FOUND,
            special=NOT_FOUND,
        ),
        args=case,
    ),
    # Not yet decided: the caseworker is sent back to the case with a message (p25).
    "workflow:application_notify": Expect(
        answers(
            FORBIDDEN,
            caseworker=REDIRECT,
            other_akim=NOT_FOUND,
            other_local=NOT_FOUND,
            special=NOT_FOUND,
        ),
        args=case,
    ),
    "workflow:application_documents_requested": Expect(
        answers(
            FORBIDDEN, caseworker=OK, other_akim=NOT_FOUND, other_local=NOT_FOUND, special=NOT_FOUND
        ),
        args=case,
    ),
    "workflow:dashboard": Expect(only(dict(caseworker=OK, administrator=OK, auditor=OK))),
    # --- commissions --------------------------------------------------------------------------
    "workflow:survey": Expect(only(dict(local=OK), refused=NOT_FOUND), args=case),
    "workflow:special_conclusion": Expect(
        only(dict(special=OK), refused=NOT_FOUND), args=lambda w: [w.special_case.pk]
    ),
    "commissions:document": Expect(CASE_READERS, args=lambda w: [w.case.pk, "family", "ru"]),
    # --- benefits: awards, payments, budgets, reports -----------------------------------------
    "benefits:award_list": Expect(BENEFIT_READERS),
    "benefits:award_list_export": Expect(BENEFIT_READERS),
    "benefits:award_detail": Expect(BENEFIT_READERS, args=lambda w: [w.award.pk]),
    # An empty form: the page again with the errors (200); the auditor reads only (403).
    "benefits:award_terminate": Expect(
        {**BENEFIT_READERS, "auditor": FORBIDDEN}, args=lambda w: [w.award.pk], method="post"
    ),
    "benefits:recovery_repay": Expect(
        {**BENEFIT_READERS, "auditor": FORBIDDEN}, args=lambda w: [w.recovery.pk], method="post"
    ),
    "benefits:payment_list_index": Expect(BENEFIT_READERS),
    "benefits:payment_list_index_export": Expect(BENEFIT_READERS),
    "benefits:payment_list_build": Expect(PAYMENT_MANAGERS, method="post"),
    "benefits:payment_list_detail": Expect(BENEFIT_READERS, args=lambda w: [w.payment_list.pk]),
    "benefits:payment_list_export": Expect(
        BENEFIT_READERS, args=lambda w: [w.payment_list.pk, "csv"]
    ),
    "benefits:payment_list_send": Expect(
        {**PAYMENT_MANAGERS, "administrator": REDIRECT},
        args=lambda w: [w.payment_list.pk],
        method="post",
    ),
    "benefits:payment_list_pay": Expect(
        PAYMENT_MANAGERS, args=lambda w: [w.payment_list.pk], method="post"
    ),
    "benefits:payment_list_discard": Expect(
        {**PAYMENT_MANAGERS, "administrator": REDIRECT},
        args=lambda w: [w.payment_list.pk],
        method="post",
    ),
    # Without a file: the list's page again with the error (400); readers 403.
    "benefits:payment_list_reconcile": Expect(
        {**PAYMENT_MANAGERS, "administrator": 400},
        args=lambda w: [w.payment_list.pk],
        method="post",
    ),
    # A confirmation without its kept file: back to the list with a message (302).
    "benefits:payment_list_reconcile_confirm": Expect(
        {**PAYMENT_MANAGERS, "administrator": REDIRECT},
        args=lambda w: [w.payment_list.pk],
        method="post",
    ),
    "benefits:budget_dashboard": Expect(BENEFIT_READERS),
    "benefits:budget_save": Expect(PAYMENT_MANAGERS, method="post"),
    "benefits:budget_override": Expect(PAYMENT_MANAGERS, method="post"),
    "benefits:report": Expect(BENEFIT_READERS),
    "benefits:report_xlsx": Expect(BENEFIT_READERS),
    "benefits:esobes_export": Expect(BENEFIT_READERS),
    # --- benefits: memorial-date lists (p5, p6, p15) -----------------------------------------
    "benefits:memorial_list_index": Expect(BENEFIT_READERS),
    "benefits:memorial_template": Expect(BENEFIT_READERS, args=lambda w: ["csv"]),
    "benefits:memorial_detail": Expect(BENEFIT_READERS, args=lambda w: [w.memorial_list.pk]),
    "benefits:memorial_import": Expect(BENEFIT_WRITERS),
    # An empty confirmation, approval or removal: back to the list with a message (302).
    "benefits:memorial_import_confirm": Expect(BENEFIT_ACTIONS, method="post"),
    "benefits:memorial_approve": Expect(
        BENEFIT_ACTIONS, args=lambda w: [w.memorial_list.pk], method="post"
    ),
    "benefits:memorial_delete": Expect(
        BENEFIT_ACTIONS, args=lambda w: [w.memorial_list.pk], method="post"
    ),
    "benefits:memorial_row_remove": Expect(
        BENEFIT_ACTIONS,
        method="post",
        args=lambda w: [w.memorial_list.pk, w.memorial_list.rows.first().pk],
    ),
    # --- benefits: education aid (p8–p13) ------------------------------------------------------
    "benefits:education_list": Expect(BENEFIT_READERS),
    "benefits:education_list_export": Expect(BENEFIT_READERS),
    "benefits:education_overdue": Expect(BENEFIT_READERS),
    "benefits:education_create": Expect(BENEFIT_WRITERS),
    "benefits:education_detail": Expect(BENEFIT_READERS, args=lambda w: [w.education_case.pk]),
    "benefits:education_contract_download": Expect(
        BENEFIT_READERS, args=lambda w: [w.education_case.pk, "ru"]
    ),
    "benefits:education_decide": Expect(
        BENEFIT_ACTIONS, args=lambda w: [w.education_case.pk], method="post"
    ),
    "benefits:education_contract_issue": Expect(
        BENEFIT_ACTIONS, args=lambda w: [w.education_case.pk, "ru"], method="post"
    ),
    # An empty form of a step of the case: 400 with the errors on the case page.
    "benefits:education_transfer": Expect(
        EDUCATION_FORMS,
        method="post",
        args=lambda w: [w.education_case.pk, w.education_case.years.first().pk],
    ),
    "benefits:education_receipt": Expect(
        EDUCATION_FORMS,
        method="post",
        args=lambda w: [w.education_case.pk, w.education_case.years.first().pk],
    ),
    "benefits:education_next_year": Expect(
        EDUCATION_FORMS, args=lambda w: [w.education_case.pk], method="post"
    ),
    "benefits:education_expel": Expect(
        EDUCATION_FORMS, args=lambda w: [w.education_case.pk], method="post"
    ),
}
