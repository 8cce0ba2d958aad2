"""How the forms look where ipywidgets' own styles fall short: labels that wrap instead of
being cut off, tabs as wide as their titles, the desk's case list with a coloured edge for
each deadline flag, and a focus ring a keyboard user can see.

One ``<style>`` element, shown (invisibly) by every form; the rules are scoped to
casekit's own classes so nothing else on the page changes. The flag colours are the
dashboard's (:data:`casekit.ui.charts.FLAG_COLOURS`), each with text beside it, so colour
is never the only sign.
"""

from __future__ import annotations

import ipywidgets as widgets

from casekit.ui.charts import FLAG_COLOURS

CSS = """
.casekit-step .widget-label-basic, .casekit-step .widget-label-basic span,
.casekit-desk .widget-label-basic, .casekit-desk .widget-label-basic span {
  white-space: normal; overflow: visible; text-overflow: clip; height: auto;
  line-height: 1.35;
}
.casekit-step .widget-checkbox, .casekit-desk .widget-checkbox { height: auto; }
.casekit-step .widget-label, .casekit-desk .widget-label {
  overflow: visible; text-overflow: clip;
}
.casekit-step .widget-radio-box label { white-space: normal; height: auto; }
.casekit-desk .lm-TabBar-tab, .casekit-desk .p-TabBar-tab {
  flex: 0 0 auto !important; max-width: none !important; min-width: max-content !important;
}
.casekit-desk .lm-TabBar-tabLabel, .casekit-desk .p-TabBar-tabLabel {
  overflow: visible !important; text-overflow: clip !important;
}
.casekit-desk .lm-TabBar-content, .casekit-desk .p-TabBar-content { flex-wrap: wrap; }
.casekit-pick.jupyter-button, .casekit-pick.widget-button {
  height: auto; min-height: 2.4em; width: 100%; white-space: pre-line; text-align: left;
  line-height: 1.35; padding: 4px 8px; border-left: 6px solid #bbb; margin: 2px 0;
  overflow: visible; text-overflow: clip;
}
.casekit-pick.casekit-selected { outline: 2px solid #0b4680; background: #e8f0fe; }
.casekit-desk button:focus-visible, .casekit-step button:focus-visible,
.casekit-desk select:focus-visible, .casekit-step select:focus-visible,
.casekit-desk input:focus-visible, .casekit-step input:focus-visible,
.casekit-desk textarea:focus-visible, .casekit-step textarea:focus-visible {
  outline: 3px solid #0b4680; outline-offset: 1px;
}
.casekit-desk details.casekit-why-date summary { cursor: pointer; color: #0b4680; }
.casekit-desk .casekit-next-step { border: 2px solid #0b4680; background: #f3f7fd;
  padding: 6px 10px; margin: 6px 0; line-height: 1.5; }
"""


def _flag_rules() -> str:
    rules = []
    for flag, colour in FLAG_COLOURS.items():
        name = flag.replace(" ", "-")
        rules.append(f".casekit-pick.casekit-flag-{name} {{ border-left-color: {colour}; }}")
    return "\n".join(rules)


def stylesheet() -> widgets.HTML:
    """The style element (it takes no space on the page)."""
    sheet = widgets.HTML(
        f"<style>{CSS}{_flag_rules()}</style>", layout=widgets.Layout(display="none")
    )
    sheet.add_class("casekit-style")
    return sheet
