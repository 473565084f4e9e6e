from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from project import accounts, health, language


@login_not_required
def favicon(request):
    """Browsers and the admin ask for /favicon.ico whatever the page's <link rel=icon>
    says: send them to the icon (temporarily, as its static URL changes with it)."""
    return redirect(static("favicon.svg"))


urlpatterns = [
    path("favicon.ico", favicon),
    path("", RedirectView.as_view(pattern_name="customer_list"), name="home"),
    path("", include("customers.urls")),
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("language/", language.set_language, name="set_language"),
    path("accounts/register/", accounts.RegisterView.as_view(), name="register"),
    path("admin/", admin.site.urls),
    # For the load balancer: no login (the views say so), no data.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]

# A 403 says why (the view's message), as a page or, for htmx, as a toast's text.
handler403 = "ui.errors.permission_denied"
# A request we cannot read (a NUL in a search, a body in another charset) is a 400,
# answered without reading it again.
handler400 = "ui.errors.bad_request"
