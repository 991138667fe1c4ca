"""Ingest on outlets the table does not know: held-out floors and the general rules behind them."""

from __future__ import annotations

from pathlib import Path

import pytest

from nashra.ingest import clean
from nashra.ingest.evaluate import evaluate
from nashra.ingest.masthead import copyright_name

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TITLE = "وزارة الصحة تطلق منصة موحدة لحجز المواعيد في المراكز الصحية"
LEAD = ("أطلقت وزارة الصحة منصة إلكترونية موحدة لحجز المواعيد في المراكز الصحية بجميع المحافظات، "
        "تتيح للمراجعين اختيار الطبيب والوقت المناسب.")
TAIL = ("وأوضحت الوزارة أن المنصة ستربط بالسجل الطبي الإلكتروني للمريض، على أن تضاف إليها خدمة "
        "صرف الأدوية لاحقا.")
MORE = "وكانت الوزارة قد جربت المنصة في ثلاثة مراكز صحية خلال الأشهر الماضية قبل تعميمها."


def rules(text: str) -> dict[int, str]:
    """line -> rule of every line the cleaner removed."""
    return {no: rule for no, rule, _ in clean(text).removed}


def outlet_name(text: str) -> str | None:
    """The outlet ingest names: the table's English name, else the name the text gives."""
    outlet = clean(text).outlet
    return (outlet.name_en or outlet.name) if outlet else None


# ---------------------------------------------------------------- floors on the blind sets


@pytest.mark.parametrize("folder", ["ingest_heldout3", "ingest_heldout4"])
def test_unseen_outlet_sets_keep_their_floors(folder: str) -> None:
    # Measured blind before the rules were changed (heldout3: outlet 20 %, boilerplate kept
    # 7.8 %, 2 body lines lost; heldout4 written after): a regression shows here.
    s = evaluate(FIXTURES / folder)
    assert s.articles >= 6
    assert s.rate(s.headline, s.articles) >= 95, s.misses
    assert s.rate(s.date, s.articles) >= 95, s.misses
    assert s.rate(s.outlet, s.outlet_named) >= 90, s.misses
    assert s.outlet_invented == 0, s.misses
    assert s.rate(s.byline, s.byline_named) >= 90, s.misses
    assert s.rate(s.dateline, s.dateline_named) >= 85, s.misses
    assert s.boilerplate_kept <= 0.03 * s.boilerplate_lines, s.misses
    assert s.body_lost == 0, s.misses


# ---------------------------------------------------------------- outlets named by the page


@pytest.mark.parametrize(("footer", "name"), [
    ("© 2024 العمق الجديد. جميع الحقوق محفوظة", "العمق الجديد"),
    ("جميع الحقوق محفوظة لـ جريدة الفجر الجديد 2025", "الفجر الجديد"),
    ("جميع الحقوق محفوظة لجريدة النبأ الإلكترونية © 2024", "النبأ"),
    ("© Gulf Daily Courier 2023. All rights reserved.", "Gulf Daily Courier"),
    ("جميع الحقوق محفوظة", None),
    ("© 2024", None),
    ("حقوق النشر محفوظة لوزارة الإعلام 2024", None),
])
def test_a_copyright_footer_gives_its_owner(footer: str, name: str | None) -> None:
    assert copyright_name(footer) == name


def test_a_copyright_footer_names_an_outlet_the_table_does_not_know() -> None:
    text = "\n".join(["مجتمع", TITLE, LEAD, TAIL, "© 2024 الفجر الجديد. جميع الحقوق محفوظة"])
    assert outlet_name(text) == "الفجر الجديد"
    assert rules(text)[5] == "copyright"


@pytest.mark.parametrize("lines", [
    ["النبأ", "محليات", TITLE, LEAD, TAIL],  # masthead above a section label above the headline
    ["nabaa-news.net", "النبأ", TITLE, LEAD, TAIL],  # the page shows its domain
    ["النبأ", TITLE, "الرياض - النبأ", LEAD, TAIL],  # a credit repeats it
    ["النبأ", TITLE, LEAD, TAIL, "تابعوا النبأ عبر تلغرام"],
    ["النبأ | Al Nabaa", TITLE, LEAD, TAIL],  # the name in two scripts
])
def test_a_masthead_the_page_confirms_names_the_outlet(lines: list[str]) -> None:
    assert outlet_name("\n".join(lines)) == "النبأ"


@pytest.mark.parametrize("lines", [
    ["النبأ", TITLE, LEAD, TAIL],  # a lone short line: a label as likely as a site's name
    ["مصر", "سياسة", TITLE, LEAD, TAIL],  # a country label above a section
    ["أخبار | سياسة", TITLE, LEAD, TAIL],  # a breadcrumb in one language
    ["الإمارات", TITLE, LEAD, "وقال مسؤول في الإمارات إن المنصة تعمل منذ أسابيع بنجاح كبير.", TAIL],
])
def test_no_outlet_is_invented_from_labels(lines: list[str]) -> None:
    assert outlet_name("\n".join(lines)) is None


def test_the_masthead_repeated_after_the_body_is_its_closing_credit() -> None:
    text = "\n".join(["النبأ", "محليات", TITLE, LEAD, TAIL, "النبأ"])
    assert rules(text)[6] == "outlet-credit"


# ---------------------------------------------------------------- bylines, datelines, credits


@pytest.mark.parametrize(("credit", "author", "place"), [
    ("الرباط: سعيد أمزيان", "سعيد أمزيان", "الرباط"),
    ("وهران: فريدة بلقاسم", "فريدة بلقاسم", "وهران"),
    ("المنامة - زهراء حبيب", "زهراء حبيب", "المنامة"),
])
def test_city_and_name_under_the_headline_is_the_reporter(credit: str, author: str,
                                                          place: str) -> None:
    article = clean("\n".join([TITLE, credit, LEAD, TAIL]))
    assert (article.author, article.dateline, article.outlet) == (author, place, None)


def test_city_and_site_under_the_headline_is_the_outlet() -> None:
    article = clean("\n".join([TITLE, "طرابلس - بوابة الوسط", LEAD, TAIL]))
    assert (article.author, article.dateline) == (None, "طرابلس")
    assert article.outlet is not None and article.outlet.name == "بوابة الوسط"


@pytest.mark.parametrize(("lead", "place", "outlet"), [
    ("بورتسودان 14 يناير 2025 — " + LEAD, "بورتسودان", None),
    ("نابلس 20-5-2024 وفا- " + LEAD, "نابلس", "وفا"),
    ("مسقط-أثير: " + LEAD, "مسقط", "أثير"),
    ("الأخبار (نواكشوط) – " + LEAD, "نواكشوط", None),  # the name is the table's 'Al-Akhbar'
])
def test_datelines_with_a_year_a_bare_credit_or_the_site_first(lead: str, place: str,
                                                              outlet: str | None) -> None:
    article = clean("\n".join([TITLE, lead, TAIL]))
    assert article.dateline == place
    assert article.blocks[0].text == LEAD
    if outlet:
        assert article.outlet is not None and article.outlet.name == outlet


def test_a_number_after_a_city_is_no_dateline_without_a_year() -> None:
    text = "القاهرة 5 أشخاص - أصيبوا في حادث سير على الطريق الصحراوي مساء أمس وفق مصادر طبية."
    article = clean("\n".join([TITLE, text, TAIL]))
    assert article.dateline is None and article.blocks[0].text == text


@pytest.mark.parametrize("stamp", [
    "مأرب - الأحد 13 أكتوبر 2024 م الموافق 10 ربيع الآخر 1446 هـ",
    "الرياض 07 ربيع الأول 1446 هـ الموافق 10 سبتمبر 2024 م واس",
])
def test_a_hijri_and_gregorian_stamp_line_gives_its_city(stamp: str) -> None:
    article = clean("\n".join([TITLE, stamp, LEAD, TAIL]))
    assert article.dateline == stamp.split()[0]
    assert [b.line for b in article.blocks] == [3, 4]


@pytest.mark.parametrize("signoff", ["تحرير: أحمد سالم / محمد العديني", "ع.ف",
                                     "إعداد ومراجعة: هيمن كريم / دلشاد أحمد",
                                     "عبدالناصر منعم/ مصطفى بدر الدين"])
def test_desk_sign_offs_after_the_body_go(signoff: str) -> None:
    assert rules("\n".join([TITLE, LEAD, TAIL, signoff])) == {4: "credit"}


def test_a_slash_in_a_closing_sentence_is_not_a_sign_off() -> None:
    line = "وتحرير الأسعار / وخفض الدعم خطوات طالب بها صندوق النقد الدولي منذ سنوات طويلة."
    assert rules("\n".join([TITLE, LEAD, TAIL, line])) == {}


# ---------------------------------------------------------------- related blocks, captions, Q&A


def test_a_related_block_mid_article_takes_only_its_items() -> None:
    text = "\n".join([TITLE, LEAD, "ذات صلة", "توقف الملاحة في ميناء سواكن بسبب الرياح",
                      "ارتفاع أسعار الوقود في الولايات الشرقية", TAIL, MORE])
    article = clean(text)
    assert rules(text) == {3: "related-news", 4: "related-news", 5: "related-news"}
    assert [b.line for b in article.blocks] == [2, 6, 7]


def test_a_related_block_at_the_end_still_takes_its_excerpts() -> None:
    excerpt = ("توقفت حركة الملاحة في ميناء سواكن بسبب الرياح القوية التي ضربت الساحل أمس، "
               "بحسب هيئة الموانئ.")
    text = "\n".join([TITLE, LEAD, TAIL, "أخبار ذات صلة", "توقف الملاحة في ميناء سواكن", excerpt])
    assert set(rules(text)) == {4, 5, 6}


@pytest.mark.parametrize("caption", ["جانب من أشغال المحطة الجديدة غرب وهران",
                                     "مراجعون في أحد المراكز الصحية بالعاصمة",
                                     "المحطة الجديدة تعمل بالطاقة الشمسية"])
def test_an_uncredited_caption_between_paragraphs_goes(caption: str) -> None:
    assert rules("\n".join([TITLE, LEAD, caption, TAIL])) == {3: "photo-caption"}


@pytest.mark.parametrize("heading", ["تأثير التغير المناخي", "خيار عقلاني",
                                     "ما الذي تغير في القانون؟"])
def test_a_short_topic_heading_stays(heading: str) -> None:
    article = clean("\n".join([TITLE, LEAD, heading, TAIL]))
    assert [(b.line, b.heading) for b in article.blocks] == [(2, False), (3, True), (4, False)]


def test_long_headings_of_an_article_in_sections_stay() -> None:
    text = "\n".join([TITLE, LEAD, "الحرب في السودان تدخل عامها الثالث", TAIL,
                      "النازحون في المخيمات ينتظرون المساعدات", MORE, TAIL.replace("الوزارة",
                                                                                "الهيئة")])
    assert rules(text) == {}


def test_a_qa_highlight_above_the_article_goes_but_an_interview_stays() -> None:
    text = "\n".join([TITLE, "ما تفاصيل المنصة؟", "تتيح حجز المواعيد في المراكز الصحية.", LEAD,
                      TAIL])
    assert rules(text) == {2: "highlight", 3: "highlight"}
    interview = "\n".join([TITLE, LEAD, "س: متى تعمل المنصة في كل المحافظات؟",
                           "ج: نتوقع أن تعمل في جميع المحافظات قبل نهاية العام الجاري.", TAIL])
    assert rules(interview) == {}


def test_a_tagline_under_the_logo_is_not_the_headline() -> None:
    text = "\n".join(["وفا", "وكالة الأنباء والمعلومات الفلسطينية", TITLE, LEAD, TAIL])
    article = clean(text)
    assert article.title == TITLE


LANGUAGE_SWITCH_WIRE = """Skip to content
العربية | English
الرئيسية › العالم › آسيا
كوريا الجنوبية تستدعي السفير الروسي بعد صفقة الأسلحة
By Staff Writer | Published: Nov 21, 2024 08:15 PM GMT+3
سيول، 21 نوفمبر (رويترز) - استدعت وزارة الخارجية الكورية الجنوبية يوم الخميس السفير الروسي لدى سيول للاحتجاج على تعاون عسكري بين موسكو وبيونغ يانغ.
وقال نائب وزير الخارجية إن "أي نقل للتكنولوجيا العسكرية إلى الشمال يشكل تهديداً مباشراً لأمننا".
ويأتي ذلك بعد تقارير عن إرسال آلاف الجنود الكوريين الشماليين إلى روسيا منذ أكتوبر.
Related Coverage
روسيا تنفي نقل تكنولوجيا صاروخية
Our Standards: The Thomson Reuters Trust Principles.
"""


def test_a_language_switch_names_no_outlet_and_an_english_related_heading_takes_its_items():
    article = clean(LANGUAGE_SWITCH_WIRE)
    assert article.outlet is not None and article.outlet.name == "رويترز"  # not 'العربية'
    assert [b.text[:12] for b in article.blocks] == ["استدعت وزارة", "وقال نائب وز", "ويأتي ذلك بع"]
    assert article.date.isoformat() == "2024-11-21" and article.dateline == "سيول"
