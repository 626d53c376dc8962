"""Log-in backend: Django's ModelBackend, reading the user's roles with the user.

Every page needs the user's roles (menus, scope, queue) right after the user: read in the same
query, a page makes one round trip to the database fewer (issue 9)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import StringAgg, Value

from . import roles

SEPARATOR = "\n"  # never part of a group's name as the admin enters it


class UserWithRolesBackend(ModelBackend):
    def get_user(self, user_id):
        users = get_user_model()._default_manager.annotate(
            group_names=StringAgg("groups__name", Value(SEPARATOR), default=Value(""))
        )
        try:
            user = users.get(pk=user_id)
        except users.model.DoesNotExist:
            return None
        if not self.user_can_authenticate(user):
            return None
        roles.remember_roles(user, filter(None, user.group_names.split(SEPARATOR)))
        return user
