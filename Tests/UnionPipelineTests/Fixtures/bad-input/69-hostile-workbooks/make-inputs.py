#!/usr/bin/env python3
# Writes the hostile workbooks of this case into input/ (run once; the files are kept in git).
# Each is a small, valid-looking package with one thing wrong (ZIP timestamps differ from run to run;
# nothing expected depends on them).
import io, os, struct, zipfile

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "input")

CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
      '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>')
WB = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
      '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
WBRELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
          '</Relationships>')
HEAD = '<?xml version="1.0" encoding="UTF-8"?>'
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
SST = HEAD + f'<sst {NS} count="4" uniqueCount="4"><si><t>姓名</t></si><si><t>身份证号</t></si><si><t>张伟</t></si><si><t>33010619800315001X</t></si></sst>'
ROWS = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>')

def sheet(rows, prolog=''):
    return HEAD + prolog + f'<worksheet {NS}><sheetData>' + rows + '</sheetData></worksheet>'

def package(name, sheet_xml, sst=SST, level=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", level, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WB)
        z.writestr("xl/_rels/workbook.xml.rels", WBRELS)
        z.writestr("xl/sharedStrings.xml", sst)
        if isinstance(sheet_xml, bytes):
            z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        else:
            z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    data = buf.getvalue()
    if name:
        open(os.path.join(out, name), "wb").write(data)
    return data

os.makedirs(out, exist_ok=True)
# Good bytes, cut in half: no central directory.
whole = package(None, sheet(ROWS))
open(os.path.join(out, "截断名册.xlsx"), "wb").write(whole[: len(whole) // 2])
# A sheet naming shared string 99 of 4.
package("串号名册.xlsx", sheet(ROWS + '<row r="3"><c r="A3" t="s"><v>99</v></c></row>'))
# A cell past Excel's last column (XFD is 16,384).
package("越界名册.xlsx", sheet(ROWS + '<row r="3"><c r="XFE3"><v>1</v></c></row>'))
# A roster 16,384 columns wide (all Excel has): a header to XFD, a row filling it, a row with a cell at XFD.
def column(n):
    name = ""
    while n:
        n, r = divmod(n - 1, 26)
        name = chr(65 + r) + name
    return name
wide_rows = [["姓名", "身份证号", "性别", "入会日期"] + [f"备用{i}" for i in range(5, 16385)],
             ["张伟", "33010619800315001X", "男", "2005-07-01"] + ["x"] * 16380]
wide = "".join(f'<row r="{r + 1}">' + "".join(f'<c r="{column(c + 1)}{r + 1}" t="inlineStr"><is><t>{v}</t></is></c>'
                                               for c, v in enumerate(row)) + "</row>" for r, row in enumerate(wide_rows))
wide += '<row r="3"><c r="A3" t="inlineStr"><is><t>李娜</t></is></c><c r="B3" t="inlineStr"><is><t>330106198506200023</t></is></c><c r="XFD3"><v>1</v></c></row>'
package("宽名册.xlsx", sheet(wide))
# An external entity in the shared strings.
package("实体名册.xlsx", sheet(ROWS), sst=HEAD + '<!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + f'<sst {NS}><si><t>&x;</t></si><si><t>身份证号</t></si><si><t>张伟</t></si><si><t>33010619800315001X</t></si></sst>')
# Billion laughs in the sheet.
lol = '<!DOCTYPE worksheet [<!ENTITY a "haha">' + ''.join(
    f'<!ENTITY {chr(98 + i)} "' + ('&' + chr(97 + i) + ';') * 10 + '">' for i in range(9)) + ']>'
package("笑声名册.xlsx", sheet(ROWS + '<row r="3"><c r="A3" t="inlineStr"><is><t>&j;</t></is></c></row>', prolog=lol))
# A zip bomb: a sheet of 300 MiB of spaces between its rows, about 300 KB deflated.
bomb = (sheet(ROWS).replace('</sheetData>', ' ' * 1 + '</sheetData>')).encode()
start, end = bomb.split(b' </sheetData>')
with zipfile.ZipFile(os.path.join(out, "炸弹名册.xlsx"), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("[Content_Types].xml", CT)
    z.writestr("_rels/.rels", RELS)
    z.writestr("xl/workbook.xml", WB)
    z.writestr("xl/_rels/workbook.xml.rels", WBRELS)
    z.writestr("xl/sharedStrings.xml", SST)
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
        f.write(start)
        block = b' ' * (1 << 20)
        for _ in range(300):
            f.write(block)
        f.write(b'</sheetData>' + end)
# An encrypted workbook: OLE2 whose directory holds an EncryptedPackage stream.
def entry(name, kind):
    encoded = name.encode("utf-16-le") + b"\0\0"
    e = encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
    e += struct.pack("<iii", -1, -1, -1) + b"\0" * 16 + b"\0" * 4 + b"\0" * 16 + struct.pack("<iI", -2, 0) + b"\0" * 4
    return e.ljust(128, b"\0")
header = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 16 + struct.pack("<HHH", 0x3E, 3, 0xFFFE) + struct.pack("<H", 9) + struct.pack("<H", 6)
header = header.ljust(0x2C, b"\0") + struct.pack("<I", 1) + struct.pack("<I", 0) + b"\0" * 4 + struct.pack("<I", 4096)
header = header.ljust(512, b"\xff")
directory = entry("Root Entry", 5) + entry("EncryptionInfo", 2) + entry("EncryptedPackage", 2) + b"\0" * 128
open(os.path.join(out, "加密名册.xlsx"), "wb").write(header + directory)
# A web page saved as .xls, and a Word document named .et.
open(os.path.join(out, "网页导出.xls"), "w").write("<html><head><meta charset=utf-8></head><body><table><tr><td>姓名</td></tr></table></body></html>\n")
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    z.writestr("[Content_Types].xml", '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
open(os.path.join(out, "通知.et"), "wb").write(buf.getvalue())
# An Office lock file beside a workbook that is open elsewhere.
open(os.path.join(out, "~$会员名册.xlsx"), "wb").write(b"\x08clerk   " + b"\0" * 100)
# The roster itself, as text.
open(os.path.join(out, "会员名册.csv"), "w").write("姓名,身份证号,性别,入会日期\n张伟,33010619800315001X,男,2005-07-01\n")
