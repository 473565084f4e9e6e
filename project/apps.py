from django.contrib.admin.apps import AdminConfig


class CRMAdminConfig(AdminConfig):
    default_site = "project.admin.CRMAdminSite"

    def ready(self):
        super().ready()  # discovers every app's admin module, django.contrib.auth's too
        from django.contrib import admin

        from project import language, user_admin  # noqa: F401 (language: its sign-in receiver)

        user_admin.register(admin.site)
