from django.conf import settings


def site(request):
    return {"registration_open": settings.REGISTRATION_OPEN}
