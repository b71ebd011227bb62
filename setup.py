"""What goes into the wheel beyond pyproject.toml: resources/ travels inside the package.

resources/ (templates, icons, fonts, translations, …) sits beside app/ in the source tree, where
a plain package listing would leave it out. Here it becomes the package `app.resources`, so an
installed FrontDesk finds it at app/resources/ — the place app.paths.resources_dir() looks first.
Every file under resources/ is carried: a new folder there needs no change here.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["app", "app.*"]), "app.resources"],
    package_dir={"app.resources": "resources"},
    package_data={
        "app": ["migrations/*.py", "migrations/versions/*.py", "migrations/script.py.mako"],
        "app.resources": ["**/*"],
    },
)
