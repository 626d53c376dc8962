from . import roles as role_defs


def roles(request):
    """The current user's roles, for menus and buttons; `role_key` names the set (the menu's
    fragment is kept per set of roles, templates/includes/header.html)."""
    user = getattr(request, "user", None)
    names = role_defs.roles_of(user) if user is not None else set()
    labels = [role_defs.ROLE_LABELS[n] for n in sorted(names) if n in role_defs.ROLE_LABELS]
    return {"user_roles": names, "role_labels": labels, "role_key": ",".join(sorted(names))}
