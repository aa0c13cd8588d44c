"""People and the setting as a whole: accounts, roles, settings, the audit log."""

import contextlib
import contextvars

from django.conf import settings
from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    Group,
    PermissionsMixin,
)
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from nursery.validators import validate_phone


class Role(models.TextChoices):
    """The three roles. Each is a Group of the same name (created by a migration)."""

    PARENT = "parent", _("Parent or carer")
    PRACTITIONER = "practitioner", _("Practitioner")
    MANAGER = "manager", _("Manager")


STAFF_ROLES = (Role.PRACTITIONER, Role.MANAGER)
# A person in more than one role group has the highest.
ROLES_HIGHEST_FIRST = (Role.MANAGER, Role.PRACTITIONER, Role.PARENT)


class UserQuerySet(models.QuerySet):
    def with_role(self, *roles):
        return self.filter(groups__name__in=roles).distinct()

    def with_role_name(self):
        """Each person's role read in the same query (`role_name`, the name
        of the highest of their role groups), for a list that shows it."""
        rank = models.Case(
            *(models.When(name=role, then=rank) for rank, role in enumerate(ROLES_HIGHEST_FIRST))
        )
        groups = Group.objects.filter(user=models.OuterRef("pk"), name__in=ROLES_HIGHEST_FIRST)
        return self.annotate(role_name=models.Subquery(groups.order_by(rank).values("name")[:1]))

    def staff(self):
        return self.with_role(*STAFF_ROLES).filter(is_active=True)

    def parents(self):
        return self.with_role(Role.PARENT)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_superuser", False)
        extra.setdefault("is_staff", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra["is_superuser"] = True
        extra["is_staff"] = True
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in: a parent/carer or a member of staff.

    `is_staff` keeps Django's meaning (may open the admin, for setting up);
    the portal's roles are groups, and `is_dsl` marks the designated
    safeguarding lead.
    """

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    phone = models.CharField(
        _("phone number"), max_length=30, blank=True, validators=[validate_phone]
    )
    is_dsl = models.BooleanField(
        _("designated safeguarding lead"),
        default=False,
        help_text=_("Sees and records restricted safeguarding material."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may open the admin site"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # How many items of "What's new" the person has not opened: kept beside
    # the account (read with it on every page, so the navigation's count
    # costs no query); nursery.notifications keeps it in step.
    unread_notifications = models.PositiveIntegerField(default=0, editable=False)

    # Empty: the pages follow the browser's language. Otherwise the language
    # the person chose, applied after login on every device (and to emails).
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        default="",
        choices=settings.LANGUAGES,
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @cached_property
    def role(self):
        """The person's role (one of Role), read once per request (or with
        the person, where a list read them `with_role_name`)."""
        if "role_name" in self.__dict__:
            return Role(self.role_name) if self.role_name else None
        names = set(self.groups.values_list("name", flat=True))
        for role in ROLES_HIGHEST_FIRST:
            if role in names:
                return Role(role)
        return None

    @property
    def is_parent(self):
        return self.role == Role.PARENT

    @property
    def is_setting_staff(self):
        return self.role in STAFF_ROLES

    @property
    def is_manager(self):
        return self.role == Role.MANAGER

    def set_role(self, role):
        """Make `role` this person's only role."""
        from django.contrib.auth.models import Group

        self.groups.remove(*Group.objects.filter(name__in=Role.values))
        self.groups.add(Group.objects.get(name=role))
        self.__dict__.pop("role", None)


# The setting's configuration, read once per request (see SiteConfig.load).
_loaded_config = contextvars.ContextVar("site_config", default=None)


class SiteConfig(models.Model):
    """The setting's own choices, edited by the manager. One row.

    The setting's name is not among them: it is `settings.NURSERY_NAME`
    (the `NURSERY_NAME` environment variable), the one source every page,
    email and PDF reads."""

    meeting_interval_weeks = models.PositiveSmallIntegerField(
        _("key-person meeting interval (weeks)"),
        default=8,
        help_text=_("A child with no key-person meeting for longer than this is flagged."),
    )
    review_interval_weeks = models.PositiveSmallIntegerField(
        _("progress review interval (weeks)"),
        default=13,
        help_text=_("Each child's progress is reviewed with the family at least this often."),
    )
    details_confirm_months = models.PositiveSmallIntegerField(
        _("practical details confirmation interval (months)"),
        default=6,
        help_text=_("Parents are asked to confirm their child's details this often."),
    )

    class Meta:
        verbose_name = _("setting configuration")
        verbose_name_plural = _("setting configuration")

    def __str__(self):
        return settings.NURSERY_NAME

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        scope = _loaded_config.get()
        if scope is not None:
            scope["config"] = self

    # What a request reads with the logged-in person (`read_with_user`).
    FIELDS = ("meeting_interval_weeks", "review_interval_weeks", "details_confirm_months")

    @classmethod
    def read_with_user(cls):
        """Annotations that read the configuration in the query that reads
        the logged-in person on every request (`nursery.auth`), so that
        `load()` asks nothing more (`keep_read_with_user`). Written as SQL:
        Django takes about 0.5 ms to build three subqueries of the ORM on
        every request, against 0.2 ms for these (and 0.4 ms for the query
        they save, where a page reads the configuration, on this machine's
        local database; more across a network)."""
        quote = connection.ops.quote_name
        table = quote(cls._meta.db_table)
        return {
            f"config_{name}": RawSQL(
                f"SELECT {quote(cls._meta.get_field(name).column)} FROM {table} "
                f"WHERE {quote(cls._meta.pk.column)} = 1",
                (),
                output_field=models.IntegerField(),
            )
            for name in cls.FIELDS
        }

    @classmethod
    def keep_read_with_user(cls, user):
        """Keep, for this request, the configuration read with `user` (see
        `read_with_user`); nothing where there is no row yet (`load()`
        creates it) or outside a request."""
        scope = _loaded_config.get()
        if scope is None or "config" in scope:
            return
        values = [getattr(user, f"config_{name}", None) for name in cls.FIELDS]
        if None in values:
            return
        scope["config"] = cls.from_db(user._state.db, ["id", *cls.FIELDS], [1, *values])

    @classmethod
    def load(cls):
        """The configuration. Within a request (`loaded_once`,
        which `nursery.middleware.SiteConfigMiddleware` opens for each
        request) none when it was read with the logged-in person
        (`keep_read_with_user`), else one query the first time and none after; elsewhere (tasks,
        the shell) a query each time, so nothing is ever stale for long."""
        scope = _loaded_config.get()
        if scope is not None and "config" in scope:
            return scope["config"]
        config, _created = cls.objects.get_or_create(pk=1)
        if scope is not None:
            scope["config"] = config
        return config

    @classmethod
    @contextlib.contextmanager
    def loaded_once(cls, values=None):
        """Within this block `load()` reads the row at most once; or never,
        given its `values` (in the order of `FIELDS`)."""
        scope = {}
        if values is not None:
            scope["config"] = cls.from_db(None, ["id", *cls.FIELDS], [1, *values])
        token = _loaded_config.set(scope)
        try:
            yield
        finally:
            _loaded_config.reset(token)


class AuditEventQuerySet(models.QuerySet):
    def reads(self):
        """Readings of restricted material (every such code ends in `.read`)."""
        return self.filter(action__endswith=".read")


class AuditEvent(models.Model):
    """One line of the audit log: who did or read what, and when. Never edited.

    Written only through `nursery.audit.log`; `action` is a declared code
    (`consents.decision.recorded`) shown to people by its label."""

    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    action = models.CharField(_("action"), max_length=80, db_index=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("what"), max_length=200, blank=True)
    child = models.ForeignKey(
        "families.Child",
        verbose_name=_("child"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    data = models.JSONField(_("detail"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["child", "-created_at"]),
            models.Index(fields=["actor", "-created_at"]),
        ]

    def __str__(self):
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor} {self.action_label} {self.object_repr}"
        )

    @property
    def action_label(self):
        from nursery.audit import label_for

        return label_for(self.action)

    @property
    def data_items(self):
        """The structured detail as (readable key, value) pairs."""
        from nursery.audit import data_label, data_value

        return [
            (data_label(key), data_value(value, key)) for key, value in (self.data or {}).items()
        ]


class FormSubmission(models.Model):
    """A one-time form token that has been used: a form sent twice (a double
    click, the back button, a slow connection) is recorded once."""

    token = models.CharField(max_length=32, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    location = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self):
        return self.token
