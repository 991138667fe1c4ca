"""Where the test tools live on this machine and in the repo."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
INSTALL_HINT = (
    "run `bash scripts/test.sh` once: it installs chromium, playwright, vnu-jar and axe-core"
)
