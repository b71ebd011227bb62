"""What goes into the wheel beyond pyproject.toml: resources/ travels inside the package.

resources/ (templates, icons, fonts, translations, …) sits beside app/ in the source tree, where
a plain package listing would leave it out. Here it becomes the package `app.resources`, so an
installed FrontDesk finds it at app/resources/ — the place app.paths.resources_dir() looks first.
Every file under resources/ is carried: a new folder there needs no change here.
"""

from pathlib import Path

from setuptools import find_packages, setup

# Each folder under resources/ that Python could import is named as a package of its own, as
# setuptools asks (it warns that an importable folder left out of `packages` would be ignored);
# its files travel as the data of app.resources either way.
RESOURCES = Path(__file__).resolve().parent / "resources"
FOLDERS = sorted(
    "app.resources." + ".".join(folder.relative_to(RESOURCES).parts)
    for folder in RESOURCES.rglob("*")
    if folder.is_dir() and all(part.isidentifier() for part in folder.relative_to(RESOURCES).parts)
)

setup(
    packages=[
        *find_packages(include=["app", "app.*"]),
        "app.migrations.versions",  # the upgrade scripts: modules in a folder without __init__
        "app.resources",
        *FOLDERS,
    ],
    package_dir={"app.resources": "resources"},
    package_data={
        "app": ["migrations/script.py.mako"],
        "app.resources": ["**/*"],
    },
)
