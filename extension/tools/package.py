"""Zip the extension into a Chrome package and a Firefox package: `make extension`.

The source folder loads unpacked in both browsers as it is. The packages differ only in the manifest: each browser
gets the background key it runs (a service worker for Chromium, an event page for Firefox), and Chrome's copy drops
the Firefox-only settings, so neither browser warns about keys it does not know.
"""

from __future__ import annotations

import argparse
import json
import shutil
import zipfile
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent
# What ships: the manifest, the code, the pages, the text and the icons. Not the tooling (package.json,
# node_modules, tools/) nor the README.
SHIPPED = ("manifest.json", "*.js", "*.html", "*.css", "_locales/*/messages.json", "icons/*.png")


def manifest_for(browser: str, manifest: dict) -> dict:
    tailored = json.loads(json.dumps(manifest))
    background = tailored["background"]
    if browser == "chrome":
        background.pop("scripts", None)
        tailored.pop("browser_specific_settings", None)
    else:
        background.pop("service_worker", None)
    return tailored


def shipped_files() -> list[Path]:
    return sorted({path for pattern in SHIPPED for path in SOURCE.glob(pattern)})


def build(browser: str, dist: Path) -> Path:
    manifest = json.loads((SOURCE / "manifest.json").read_text(encoding="utf-8"))
    unpacked = dist / browser
    shutil.rmtree(unpacked, ignore_errors=True)
    for path in shipped_files():
        target = unpacked / path.relative_to(SOURCE)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    text = json.dumps(manifest_for(browser, manifest), ensure_ascii=False, indent=2) + "\n"
    (unpacked / "manifest.json").write_text(text, encoding="utf-8")

    archive = dist / f"backstory-{browser}-{manifest['version']}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(unpacked.rglob("*")):
            if path.is_file():
                zipped.write(path, path.relative_to(unpacked).as_posix())
    return archive


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dist", type=Path, help="output folder; dist/chrome and dist/firefox are left unpacked")
    args = parser.parse_args()
    args.dist.mkdir(parents=True, exist_ok=True)
    for browser in ("chrome", "firefox"):
        print(build(browser, args.dist))


if __name__ == "__main__":
    main()
