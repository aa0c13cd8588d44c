"""The import contracts in pyproject.toml (checked by import-linter in `make
lint` and CI) name every kernel module: a module added to nursery/ is
either the kernel's, listed in both contracts, or one of the project
modules, which put the apps together."""

import pkgutil
import tomllib
from pathlib import Path

import nursery

PROJECT_MODULES = {"settings", "settings_test", "urls", "wsgi", "asgi"}
PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def contracts():
    config = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]
    return {c["type"]: c for c in config["contracts"]}


def test_every_module_of_the_nursery_package_is_kernel_project_or_the_setting():
    children = {m.name for m in pkgutil.iter_modules(nursery.__path__)}
    kernel = {f"nursery.{name}" for name in children - PROJECT_MODULES - {"setting"}}
    layers = contracts()["layers"]["layers"]
    bottom = {name.strip() for name in layers[-1].split(":")}
    assert bottom == kernel
    assert set(contracts()["forbidden"]["source_modules"]) == kernel


def test_the_layers_run_from_records_and_safeguarding_and_the_setting_down_to_the_kernel():
    layers = [layer.split(":")[0].strip() for layer in contracts()["layers"]["layers"]]
    assert layers[:7] == [
        "records",
        "safeguarding",
        "nursery.setting",
        "safety",
        "transitions | agencies",
        "consents",
        "families",
    ]
    assert contracts()["layers"].get("ignore_imports") is None
