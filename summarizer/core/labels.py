"""Chinese display names for enum values, shared by the console and the templates."""

from __future__ import annotations

from .models import ChangeKind, QuantityKind

__all__ = ["CHANGE_LABELS", "QUANTITY_LABELS"]

CHANGE_LABELS: dict[ChangeKind, str] = {
    ChangeKind.CHROME: "网页/文库页面元素",
    ChangeKind.TRAILING_BLOCK: "文末推荐与广告",
    ChangeKind.SPLICE_MARKER: "分页拼接标记",
    ChangeKind.PINYIN: "拼音注音",
    ChangeKind.SCRIPT: "繁体转简体",
    ChangeKind.PUNCTUATION: "标点规范化",
    ChangeKind.WHITESPACE: "空白整理",
    ChangeKind.LINE_WRAP: "PDF 折行合并",
    ChangeKind.CONTROL: "控制与不可见字符",
    ChangeKind.RADICAL: "部首字符还原为汉字",
    ChangeKind.SYNONYM_REPAIR: "同义词替换修复",
    ChangeKind.SYNONYM_SUSPECT: "疑似同义词替换（未改动）",
}

QUANTITY_LABELS: dict[QuantityKind, str] = {
    QuantityKind.MONEY: "金额",
    QuantityKind.PERCENT: "百分比",
    QuantityKind.PERCENTAGE_POINTS: "百分点",
    QuantityKind.AREA: "面积",
    QuantityKind.COUNT: "数量",
    QuantityKind.CAPACITY: "产能/容量",
    QuantityKind.ENERGY: "能源/电量",
    QuantityKind.WEIGHT: "重量",
    QuantityKind.LENGTH: "长度",
    QuantityKind.DURATION: "时长",
    QuantityKind.OTHER: "其他数值",
    QuantityKind.YEAR: "年份",
    QuantityKind.DATE: "日期",
    QuantityKind.PERIOD: "期间",
    QuantityKind.SLOGAN: "口号编号",
    QuantityKind.LIST_MARKER: "序号",
    QuantityKind.PHONE: "电话",
    QuantityKind.IDENTIFIER: "备案/编号",
    QuantityKind.ORDINAL: "序数/名称编号",
}

# The skeleton's roles of figures and kinds of list items, as `inspect --skeleton` shows them.
ROLE_LABELS = {
    "result": "实绩",
    "estimate": "预计",
    "target": "目标",
    "plan": "计划安排",
    "problem": "问题佐证",
}
ITEM_LABELS = {
    "measure": "做法",
    "problem": "问题",
    "next_step": "下步打算",
    "safeguard": "保障措施",
    "goal": "目标",
}
