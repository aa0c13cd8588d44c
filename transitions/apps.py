from django.apps import AppConfig


class TransitionsConfig(AppConfig):
    name = "transitions"
