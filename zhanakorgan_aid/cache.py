"""The caches in Redis (django-redis), when the settings name one with REDIS_URL."""

import re

from django.core.exceptions import ImproperlyConfigured
from django_redis.cache import RedisCache as DjangoRedisCache


class RedisCache(DjangoRedisCache):
    """django-redis, except that clear() removes only this alias's keys (those under its
    KEY_PREFIX) where django-redis flushes the whole Redis database. So the template fragments
    can be flushed without ending everybody's session (the sessions are in the default alias),
    and a Redis shared with other programs, or with another test run, keeps their keys."""

    def __init__(self, server, params):
        super().__init__(server, params)
        if not self.key_prefix:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a KEY_PREFIX.")

    def clear(self) -> None:
        client = self.client.get_client(write=True)
        # Django's keys are "<prefix>:<version>:<key>"; the prefix is matched literally.
        pattern = re.sub(r"([*?\[\]\\])", r"\\\1", self.key_prefix) + ":*"
        batch = []
        for key in client.scan_iter(match=pattern, count=1000):
            batch.append(key)
            if len(batch) == 1000:
                client.delete(*batch)
                batch = []
        if batch:
            client.delete(*batch)
