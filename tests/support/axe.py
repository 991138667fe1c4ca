"""axe-core (npm) injected into a Playwright page."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .paths import AXE_JS, INSTALL_HINT

if TYPE_CHECKING:
    from playwright.sync_api import Page

WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
SERIOUS = ("serious", "critical")

_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations;
}"""


def axe_check(page: Page, tags: Iterable[str] = WCAG_TAGS) -> list[dict]:
    """axe-core violations of the WCAG 2.0/2.1 A and AA rules on the page as loaded."""
    if not AXE_JS.is_file():
        raise FileNotFoundError(f"axe-core is missing at {AXE_JS}; {INSTALL_HINT}")
    if not page.evaluate("typeof window.axe === 'object'"):
        # Evaluated rather than added as a <script>: a page whose Content-Security-Policy
        # forbids inline scripts (as a static site should) blocks add_script_tag.
        page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    return list(page.evaluate(_RUN, list(tags)))


def serious(violations: Iterable[dict]) -> list[dict]:
    """Only the violations of serious or critical impact."""
    return [v for v in violations if v.get("impact") in SERIOUS]


def format_violations(violations: Iterable[dict], where: str = "") -> str:
    """One block per violation: rule, impact, help URL and the offending elements."""
    lines = []
    for violation in violations:
        lines.append(
            f"{where}{violation['id']} ({violation.get('impact')}): {violation['help']}"
            f" <{violation.get('helpUrl', '')}>"
        )
        for node in violation.get("nodes", []):
            lines.append(f"    {' '.join(map(str, node.get('target', [])))}: {node.get('html')}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    return "\n".join(lines)
