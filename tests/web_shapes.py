"""Reports written the way web-page-to-text converters write them, for tests with known cells.

Portals publish the report as a web page; what auditors receive is often that page's text as a
converter wrote it: a table cell per line ending in ``|``, a ``|`` line between cells, rows as
``| 规章 | 0 | 0 |``, or a cell per line with blank lines and no separators at all. Each style here
writes the same rows, so one set of values can be read back from every shape.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.layouts import Layout, get_layout

Row = list[str]

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def table_rows(layout: Layout, values: dict[str, int | float | str]) -> dict[str, list[Row]]:
    """The rows of the three tables as printed; a value of "" is an empty cell."""

    def cell(key: str) -> str:
        return str(values.get(key, ""))

    active = layout.table("active")
    out: dict[str, list[Row]] = {"active": []}
    for block in active.blocks:
        out["active"].append([block.label])
        out["active"].append(["信息内容", *(c.label for c in block.columns)])
        for row in block.rows:
            out["active"].append([row.label, *(cell(f"active.{row.key}.{c.key}") for c in row.columns)])
    requests = layout.table("requests")
    out["requests"] = [[NOTE, "申请人情况"], ["自然人", "法人或其他组织", "总计"],
                       ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]
    printed_groups: set[str] = set()
    for row in requests.rows:
        labels = []
        for group in reversed(_groups(requests, row.group)):
            if group not in printed_groups:
                printed_groups.add(group)
                labels.append(requests.groups[group])
        out["requests"].append([*labels, row.label, *(cell(f"requests.{row.key}.{c.key}") for c in row.columns)])
    appeals = layout.table("appeals")
    fields = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    out["appeals"] = [["行政复议", "行政诉讼"], [*fields, "未经复议直接起诉", "复议后起诉"], fields + fields,
                      [cell(f"appeals.{r.key}.{c.key}") for r in appeals.rows for c in r.columns]]
    return out


def _groups(table, group: str | None) -> list[str]:
    chain = []
    while group is not None:
        chain.append(group)
        group = table.group_parents.get(group)
    return chain


def cell_bar(rows: list[Row]) -> list[str]:
    """``规章 |`` / ``0 |`` a cell per line, ``|`` for an empty cell, ``||`` closing each row."""
    out = []
    for row in rows:
        out += [f"{t} |" if t else "|" for t in row]
        out.append("||")
    return out


def bar_between(rows: list[Row]) -> list[str]:
    """A cell per line with a ``|`` line between cells; an empty cell is two ``|`` lines in a row."""
    out = []
    for row in rows:
        for t in row:
            out += [t, "|"] if t else ["|"]
    return out


def markdown(rows: list[Row]) -> list[str]:
    return ["| " + " | ".join(row) + " |" for row in rows]


def padded(rows: list[Row]) -> list[str]:
    """A ``| `` line opening each row (and closing the table), then each cell as `` value  | ``."""
    out = []
    for row in rows:
        out.append("| ")
        out += [f" {t}  | " for t in row]
    return out + ["| "]


def blank_lines(rows: list[Row]) -> list[str]:
    """A cell per line with a blank line after it; empty cells vanish."""
    return [x for row in rows for t in row if t for x in (t, "")]


def tabs(rows: list[Row]) -> list[str]:
    return ["\t".join(row) for row in rows]


STYLES: dict[str, Callable[[list[Row]], list[str]]] = {
    "cell_bar": cell_bar, "bar_between": bar_between, "markdown": markdown, "padded": padded,
    "blank_lines": blank_lines, "tabs": tabs,
}

SECTIONS = {
    "active": "二、主动公开政府信息情况",
    "requests": "三、收到和处理政府信息公开申请情况",
    "appeals": "四、政府信息公开行政复议、行政诉讼情况",
}


def report_text(version: str, values: dict, style: str, *, head: list[str] | None = None,
                tail: bool = True, tables: tuple[str, ...] = ("active", "requests", "appeals")) -> str:
    """A whole report: title, overview, the tables in ``style``, and (with ``tail``) sections 五 and 六."""
    layout = get_layout(version)
    year = 2020 if version == "2019" else 2022
    lines = head if head is not None else [f"青溪县自然资源局{year}年政府信息公开工作年度报告", "一、总体情况",
                                           f"{year}年，本局依法做好政府信息公开工作。"]
    rows = table_rows(layout, values)
    for key in tables:
        lines.append(SECTIONS[key])
        lines += STYLES[style](rows[key])
    if tail:
        lines += ["五、存在的主要问题及改进情况", "工作仍有不足。", "六、其他需要报告的事项", "本年度未收取信息处理费。"]
    return "\n".join(lines) + "\n"


def full_values(version: str, fill: Callable[[str], int | float | str]) -> dict:
    """Every cell of a layout, valued by ``fill(key)``."""
    return {k: fill(k) for k in get_layout(version).keys}
