"""Rule packs: every rule's own examples, pack integrity, load errors, the
check-pack command and the pytest plugin.

The examples are the specification of each rule; this file only runs them
(test ids are rule ids) and checks that packs are well formed and that bad
packs are refused with an error that says where.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import irmetrics
from irmetrics.attach import MetricAttacher
from irmetrics.cues import CueScanner, cue_prefixes
from irmetrics.segment import segment
from irmetrics.check import CheckFailure, check_case, check_pack, iter_cases
from irmetrics.cli import main as cli_main
from irmetrics.errors import PackError
from irmetrics.rules import builtin_pack, builtin_pack_names, load_pack

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent
HOTEL = ROOT / "examples" / "packs" / "hotel.toml"
BUILTIN = [builtin_pack(n) for n in builtin_pack_names()]
PACKS = BUILTIN + [load_pack(HOTEL)]
METRIC_PACKS = [p for p in PACKS if p.type == "metrics"]

# Known failures, rule example id -> reason; strict, so a fix turns the xfail
# into a failure until its entry is removed.  Empty: every example holds.
KNOWN: dict[str, str] = {}


def _case_param(case):
    marks = [pytest.mark.xfail(reason=KNOWN[case.id], strict=True)] if case.id in KNOWN else []
    return pytest.param(case, id=case.id, marks=marks)


# ---------------------------------------------------------------- every example

@pytest.mark.parametrize("case", [_case_param(c) for c in iter_cases(PACKS)])
def test_rule_example(case):
    failures = check_case(case)
    assert not failures, "\n".join(map(str, failures))


# ---------------------------------------------------------------- integrity

@pytest.mark.parametrize("rule", [pytest.param(r, id=r.id) for p in PACKS for r in p.rules])
def test_rule_has_examples_and_counter_examples(rule):
    assert len(rule.examples) >= 2, f"{rule.id}: {len(rule.examples)} examples, expected at least 2"
    assert len(rule.counter_examples) >= 1, f"{rule.id}: no counter-example"


def test_rule_ids_are_unique_across_packs():
    ids = [r.id for p in PACKS for r in p.rules]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


@pytest.mark.parametrize("pack", METRIC_PACKS, ids=lambda p: p.name)
def test_metric_rules_name_their_kinds(pack):
    # a rule without kinds would attach its metric to any value: dates, counts, money alike
    for rule in pack.rules:
        if rule.metric is not None:
            assert rule.kinds, f"{rule.id}: give 'kinds'"


@pytest.mark.parametrize("pack", METRIC_PACKS, ids=lambda p: p.name)
def test_every_metric_cue_can_be_anchored(pack):
    # an unanchored cue is tried at every character of every document
    for rule in pack.rules:
        assert cue_prefixes(rule.pattern) is not None, f"{rule.id}: a match may begin with almost any character"


def test_builtin_packs_cover_the_guideline_vocabulary():
    vocabulary = {"revenue", "net_profit", "gross_profit", "gross_margin", "net_margin", "operating_margin",
                  "utilization_rate", "mix_ratio", "share", "market_share", "customer_count", "headcount",
                  "capacity", "capex", "cost", "order_backlog", "price", "eps", "operating_profit",
                  "free_cash_flow", "dividend", "sales_volume"}
    named = {r.metric for p in BUILTIN if p.type == "metrics" for r in p.rules}
    assert vocabulary <= named, sorted(vocabulary - named)
    for metric in vocabulary:
        langs = {lang for p in BUILTIN if p.type == "metrics" for r in p.rules if r.metric == metric
                 for lang in r.langs}
        assert langs == {"zh", "en"}, f"{metric}: cues only for {sorted(langs)}"


# ---------------------------------------------------------------- attachment through the public API

def test_enumeration_gets_one_subject_per_count():
    facts = irmetrics.extract("公司客户包括 30 多家三甲医院、120 多家连锁药店及 400 多家诊所", date="2024-10-28")
    assert [(f.text, f.metric, f.subject) for f in facts] == [
        ("30 多家", "customer_count", "三甲医院"),
        ("120 多家", "customer_count", "连锁药店"),
        ("400 多家", "customer_count", "诊所")]


def test_traditional_metric_continued_by_its_change():
    facts = [f for f in irmetrics.extract("本季營收 61 億元(+16.5%YoY)") if f.kind == "money" or f.kind == "percent"]
    assert [(f.metric, f.subject) for f in facts] == [("revenue", "營收"), ("revenue_change", "營收")]


def test_respectively_pairs_metrics_with_values_in_order():
    facts = [f for f in irmetrics.extract("营业收入和净利润分别为 12 亿元和 3 亿元") if f.kind == "money"]
    assert [(f.text, f.metric) for f in facts] == [("12 亿元", "revenue"), ("3 亿元", "net_profit")]
    facts = [f for f in irmetrics.extract("Revenue and net income were $2.1 billion and $180 million, "
                                          "respectively.") if f.kind == "money"]
    assert [f.metric for f in facts] == ["revenue", "net_profit"]


def test_answer_continues_the_metric_of_its_question():
    text = "问题 1、公司乙烯装置开工率如何？\n回答：三季度整体维持在 88% 左右，处于行业较高水平。"
    (fact,) = [f for f in irmetrics.extract(text) if f.kind == "percent"]
    assert fact.metric == "utilization_rate"


def test_favourable_cost_variance_is_a_decrease_and_unfavourable_an_increase():
    good, bad = [f for f in irmetrics.extract("Fuel expense was 70 bps favorable. "
                                              "Maintenance costs were 30 bps unfavorable.")
                 if f.kind == "percent"]
    assert (good.metric, good.value) == ("cost_change", -70)
    assert (bad.metric, bad.value) == ("cost_change", 30)


def test_unknown_metric_is_left_empty():
    (fact,) = [f for f in irmetrics.extract("Freight inflation in the period was nearly 7%.")
               if f.kind == "percent"]
    assert fact.metric is None and fact.subject == "Freight inflation"


def test_attach_keeps_order_and_spans():
    text = "Net revenue was $5.4 billion, up 8% from a year ago, helped by 21 new aircraft."
    plain = irmetrics.extract(text, packs=[])
    attached = irmetrics.extract(text)
    assert [(f.start, f.end, f.text) for f in plain] == [(f.start, f.end, f.text) for f in attached]


def test_cue_scan_matches_a_plain_alternation():
    # the anchored scan (Note [Anchored cue scan]) must find what one
    # alternation of all cues finds, cue for cue
    from irmetrics.match import Scanner
    from irmetrics.normalize import normalize
    rules = [r for p in METRIC_PACKS for r in p.rules]
    text = normalize(" ".join(ex.text for r in rules for ex in r.examples)
                     + " " + " ".join(t for r in rules for t in r.counter_examples)).text
    for lang in ("zh", "en"):
        lang_rules = [r for r in rules if lang in r.langs]
        plain = [(c.start, c.end, c.rule.id) for c in Scanner(lang_rules).scan(text)]
        anchored = [(c.start, c.end, c.rule.id) for c in CueScanner(lang_rules).scan(text, text.lower(), 0, len(text))]
        assert anchored == plain


# ---------------------------------------------------------------- the hotel walk-through pack

def test_hotel_pack_passes_check_pack():
    assert check_pack(load_pack(HOTEL)) == []


def test_hotel_pack_attaches_its_metrics_through_extract():
    text = "RevPAR grew 6.2% to $112.40, and occupancy was 71.3%."
    facts = [f for f in irmetrics.extract(text, packs=[HOTEL]) if f.kind in ("percent", "money")]
    assert [(f.text, f.metric) for f in facts] == [
        ("6.2%", "revpar_change"), ("$112.40", "revpar"), ("71.3%", "occupancy_rate")]
    facts = irmetrics.extract(text, packs=[str(HOTEL)])
    assert "revpar" in {f.metric for f in facts}


# ---------------------------------------------------------------- errors name file, rule and field

GOOD_RULE = '''
[[rule]]
id = "demo.revenue"
metric = "revenue"
kinds = ["money"]
pattern = 'revenue'
examples = [
  { text = "Revenue was $5 million.", match = "$5 million", metric = "revenue", value = 5000000 },
  { text = "revenue of $7 million", match = "$7 million", metric = "revenue", value = 7000000 },
]
counter_examples = ["costs were $5 million"]
'''
HEADER = '[pack]\nname = "demo"\ntype = "metrics"\n'


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "demo.toml"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


@pytest.mark.parametrize("body, rule, field, words", [
    pytest.param(GOOD_RULE.replace("pattern = 'revenue'", "pattern = 'reven(ue'"),
                 "demo.revenue", "pattern", "bad regex", id="bad-regex"),
    pytest.param(GOOD_RULE.replace("pattern = 'revenue'", "pattern = '{NOPE}revenue'"),
                 "demo.revenue", "pattern", "unknown reference {NOPE}", id="unknown-reference"),
    pytest.param(GOOD_RULE + GOOD_RULE, "demo.revenue", "id", "duplicate rule id", id="duplicate-id"),
    pytest.param(GOOD_RULE.replace('metric = "revenue"\n', 'metric = "revenue"\ncolour = "red"\n'),
                 "demo.revenue", None, "unknown key 'colour'", id="unknown-key"),
    pytest.param(GOOD_RULE.replace("kinds = [\"money\"]", "kinds = [\"money\"]\nscope = \"page\""),
                 "demo.revenue", "scope", "scope must be", id="bad-scope"),
])
def test_bad_pack_error_names_file_rule_and_field(tmp_path, body, rule, field, words):
    path = _write(tmp_path, body)
    with pytest.raises(PackError) as info:
        load_pack(path)
    err = info.value
    assert err.path == str(path) and err.rule == rule and err.field == field
    assert str(path) in str(err) and rule in str(err) and words in str(err)


def test_failing_example_is_reported_with_file_rule_and_field(tmp_path):
    path = _write(tmp_path, GOOD_RULE.replace('value = 5000000', 'value = 6000000'))
    failures = check_pack(load_pack(path))
    assert failures == [CheckFailure(pack=str(path), rule="demo.revenue", text="Revenue was $5 million.",
                                     field="value", expected="6000000.0", got="5000000.0")]
    assert "demo.revenue" in str(failures[0]) and str(path) in str(failures[0])


def test_counter_example_that_matches_fails(tmp_path):
    path = _write(tmp_path, GOOD_RULE.replace('counter_examples = ["costs were $5 million"]',
                                              'counter_examples = ["revenue was $9 million"]'))
    (failure,) = check_pack(load_pack(path))
    assert failure.counter_example and failure.rule == "demo.revenue" and failure.field == "metric"


def test_example_the_rule_does_not_decide_fails(tmp_path):
    # the built-in revenue cue would give the metric: the example must fail
    # all the same, because this rule is not what attached it
    path = _write(tmp_path, GOOD_RULE.replace("pattern = 'revenue'", "pattern = 'turnover'"))
    failures = check_pack(load_pack(path))
    assert {f.field for f in failures} == {"rule"} and len(failures) == 2


SKIP_PACK = '''[pack]
name = "demo"
type = "values"

[[rule]]
id = "demo.skip_phase"
kind = "skip"
priority = 100
note = "A project phase number is a name, not a count."
pattern = '[0-9]+(?=\\s*期工程)'
examples = [
  { text = "园区 3期工程明年开工", match = "3" },
  { text = "12期工程已经封顶", match = "12" },
]
counter_examples = ["5期工程进展顺利"]
'''


def test_skip_example_must_be_claimed_by_its_rule(tmp_path):
    # a skip rule's example passes when no fact is read at `match` AND the
    # rule itself claims exactly `match`: text nobody reads is no evidence
    path = tmp_path / "skip.toml"
    path.write_text(SKIP_PACK, encoding="utf-8")
    assert check_pack(load_pack(path)) == []
    path.write_text(SKIP_PACK.replace('match = "12"', 'match = "封顶"'), encoding="utf-8")
    (failure,) = check_pack(load_pack(path))
    assert (failure.rule, failure.field, failure.got) == ("demo.skip_phase", "rule", "no match")
    path.write_text(SKIP_PACK.replace('match = "12"', 'match = "12期"'), encoding="utf-8")
    (failure,) = check_pack(load_pack(path))
    assert (failure.rule, failure.field, failure.got) == ("demo.skip_phase", "span", "'12'")


def test_skip_example_read_as_a_fact_fails(tmp_path):
    # a lower priority than the count rule: the count is read, the skip claims nothing
    path = tmp_path / "skip.toml"
    path.write_text(SKIP_PACK.replace("priority = 100", "priority = 10")
                    .replace("(?=\\s*期工程)", "(?=\\s*期工程|\\s*家)")
                    .replace('{ text = "12期工程已经封顶", match = "12" }', '{ text = "新开 12 家门店", match = "12" }'),
                    encoding="utf-8")
    failures = check_pack(load_pack(path))
    assert [f.field for f in failures] == ["fact", "rule"]
    assert "'12 家' from values.count_zh" in failures[0].got and "values.count_zh" in failures[1].got


def test_check_pack_command(tmp_path, capsys):
    good = _write(tmp_path, GOOD_RULE)
    assert cli_main(["check-pack", str(good)]) == 0
    bad = tmp_path / "bad.toml"
    bad.write_text(good.read_text(encoding="utf-8").replace("value = 7000000", "value = 1"), encoding="utf-8")
    capsys.readouterr()
    assert cli_main(["check-pack", str(bad)]) != 0
    out = capsys.readouterr().out
    assert "demo.revenue" in out and "revenue of $7 million" in out


def test_check_pack_command_passes_on_every_builtin_pack(capsys):
    paths = [str(ROOT / "irmetrics" / "packs" / f"{p.name}.toml") for p in BUILTIN if p.type == "metrics"]
    assert cli_main(["check-pack", *paths, str(HOTEL)]) == 0


def test_attacher_is_immutable_and_reusable():
    attacher = MetricAttacher(METRIC_PACKS)
    with pytest.raises(AttributeError):
        attacher.packs = ()  # type: ignore[misc]
    assert attacher.attach(segment(""), "", []) == []


# ---------------------------------------------------------------- the pytest plugin

@pytest.fixture
def plugin_args(request):
    """Installed, irmetrics registers the plugin itself (entry point); from a
    source tree without installation it has to be named."""
    return [] if request.config.pluginmanager.has_plugin("irmetrics") else ["-p", "irmetrics.pytest_plugin"]


def test_pytest_plugin_runs_a_good_pack(pytester, plugin_args):
    pack = pytester.path / "demo.toml"
    pack.write_text(HEADER + GOOD_RULE, encoding="utf-8")
    result = pytester.runpytest(*plugin_args, "--irmetrics-pack", str(pack), "-v")
    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(["*demo.revenue*0*PASSED*", "*demo.revenue*not 0*PASSED*"])


def test_pytest_plugin_fails_a_wrong_example_naming_the_rule(pytester, plugin_args):
    pack = pytester.path / "demo.toml"
    pack.write_text(HEADER + GOOD_RULE.replace("value = 7000000", "value = 1"), encoding="utf-8")
    result = pytester.runpytest(*plugin_args, "--irmetrics-pack", str(pack))
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["*rule 'demo.revenue'*revenue of $7 million*value*expected 1.0*"])


def test_pytest_plugin_reports_a_broken_pack_as_a_collection_error(pytester, plugin_args):
    pack = pytester.path / "demo.toml"
    pack.write_text(HEADER + GOOD_RULE.replace("pattern = 'revenue'", "pattern = 'reven(ue'"),
                    encoding="utf-8")
    result = pytester.runpytest(*plugin_args, "--irmetrics-pack", str(pack))
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*demo.revenue*pattern*bad regex*"])
