"""Real files for the corpus tests, written by the tests themselves.

Every sentence here is our own, invented for these tests.
"""

from __future__ import annotations

from pathlib import Path

# Two pages of a results presentation: each sentence is written on the page
# it is listed under, so tests can check each fact's page.
PAGE_1 = [
    "今年前三季度，公司实现营业收入 18.6 亿元，同比增长 23.5%。",
    "Revenue rose 8% to $1.2 billion in the third quarter.",
]
PAGE_2 = [
    "截至九月末，公司已服务 300 多家企业客户，毛利率提升 1.6 个百分点。",
    "We opened 14 new stores and hired about 250 engineers.",
]

# Plain text in each encoding: Simplified Chinese for the GB encodings,
# Traditional for Big5, English with non-ASCII punctuation for cp1252.
SIMPLIFIED = ("问题 1、请介绍公司订单情况。\n"
              "回答：截至报告期末，公司在手订单约 42 亿元，较年初增长 15%；"
              "新签合同 120 余份，海外收入占比超过三成。\n")
TRADITIONAL = ("問題 2、請說明產能規劃。\n"
               "回答：新廠預計明年第二季投產，年產能 8 萬噸，較現有產能增加 40%。\n")
ENGLISH = ("Operating margin was 12.4%, and the board declared a dividend of £0.15 per share – "
           "a “record” payout, up 7% on last year’s.\n")

ENCODED = [  # (file name, text, encoding)
    ("utf8.txt", SIMPLIFIED, "utf-8"),
    ("utf8_bom.txt", SIMPLIFIED, "utf-8-sig"),
    ("utf16.txt", SIMPLIFIED, "utf-16"),
    ("utf16_be.txt", TRADITIONAL, "utf-16"),
    ("gb18030.txt", SIMPLIFIED, "gb18030"),
    ("gbk.txt", SIMPLIFIED, "gbk"),
    ("big5.txt", TRADITIONAL, "big5"),
    ("cp1252.txt", ENGLISH, "cp1252"),
]


def write_encoded(folder: Path, name: str, text: str, encoding: str) -> Path:
    p = folder / name
    if name == "utf16_be.txt":  # big-endian, with its byte order mark
        p.write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))
    else:
        p.write_bytes(text.encode(encoding))
    return p


def make_pdf(path: Path, pages: list[list[str]], *, user_password: str | None = None) -> Path:
    """A PDF with one line per sentence, in reportlab's built-in Chinese font."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    encrypt = (StandardEncryption(user_password, ownerPassword="owner-secret", strength=128)
               if user_password is not None else None)
    c = canvas.Canvas(str(path), encrypt=encrypt)
    for lines in pages:
        c.setFont("STSong-Light", 11)
        y = 780
        for line in lines:
            c.drawString(50, y, line)
            y -= 24
        c.showPage()
    c.save()
    return path


def make_image_pdf(path: Path) -> Path:
    """A PDF of drawings only, as a scan looks to a text reader: no text layer."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.rect(50, 500, 300, 200, fill=1)
    c.circle(200, 300, 80)
    c.showPage()
    c.save()
    return path


DOCX_PARAGRAPHS = [
    "投资者关系活动记录表",
    "问：公司储能业务进展如何？",
    "答：今年上半年储能出货量约 3.2 GWh，同比增长 85%。",
]
DOCX_TABLE = [
    ["活动类别", "业绩说明会"],
    ["参与单位", "共 26 家机构"],
]


def make_docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph(DOCX_PARAGRAPHS[0])
    table = d.add_table(rows=len(DOCX_TABLE), cols=2)
    for r, row in enumerate(DOCX_TABLE):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    for p in DOCX_PARAGRAPHS[1:]:
        d.add_paragraph(p)
    d.save(str(path))
    return path


HTML_BODY = ["公司 2024 年研发投入 5.6 亿元，占营业收入的 9.8%。",
             "The company employs more than 3,000 people."]
HTML_HIDDEN = ["var growth = 99.9;", ".price { width: 77px; }"]


def html_page(charset: str = "utf-8") -> str:
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>业绩说明会</title>
<style>{HTML_HIDDEN[1]}</style>
<script>{HTML_HIDDEN[0]}</script></head>
<body><div><p>{HTML_BODY[0]}</p>
<ul><li>{HTML_BODY[1]}</li></ul></div></body></html>
"""


def make_html(path: Path, charset: str = "utf-8") -> Path:
    path.write_bytes(html_page(charset).encode("gb18030" if charset == "gb2312" else charset))
    return path
