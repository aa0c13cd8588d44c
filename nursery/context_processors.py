from django.conf import settings

from nursery.forms import language_choices
from nursery.registry import nav_for


def portal(request):
    user = getattr(request, "user", None)
    return {
        "nursery_name": settings.NURSERY_NAME,
        "nav_items": nav_for(user) if user is not None and user.is_authenticated else [],
        "footer_languages": language_choices(browser_choice=False),
    }
