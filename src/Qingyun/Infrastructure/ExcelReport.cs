using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Qingyun.Infrastructure;

/// <summary>One problem of an import: the sheet row (1 is the header, 0 the whole file), the column header ("" for the whole row) and the message.</summary>
public sealed record CellProblem(int Row, string Column, string Message);

/// <summary>
/// The problem report of every import, as a workbook that opens in Excel: the first sheet is the uploaded sheet
/// again — same headers, each row at its original row number — with every bad cell filled light red and a last
/// column "问题" naming each problem's column and rule; a second sheet "问题清单" lists them one per line. Because
/// the first sheet keeps the import's headers, a user can fix the cells in the report itself and upload it again
/// (the extra column is ignored). MiniExcel 1.46 writes no per-cell styles, so the SpreadsheetML is written here.
/// </summary>
public static class ExcelReport
{
    public const string ProblemsHeader = "问题";
    public const string ListSheet = "问题清单";

    public static byte[] Write(string sheetName, IReadOnlyList<string> headers, IEnumerable<(int Row, IReadOnlyList<string?> Cells)> rows,
        IReadOnlyList<CellProblem> problems)
    {
        var byRow = problems.Where(p => p.Row > 1).GroupBy(p => p.Row).ToDictionary(g => g.Key, g => g.ToList());
        var columnOf = headers.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i);
        using var output = new MemoryStream();
        using (var book = new XlsxWriter(output))
        {
            book.BeginSheet(sheetName, [.. headers.Select(_ => 16.0), 60]);
            book.WriteRow(1, [.. headers.Select(h => new XlsxCell(h, XlsxStyle.Header)), new XlsxCell(ProblemsHeader, XlsxStyle.Header)]);
            foreach (var (number, cells) in rows)
            {
                var mine = byRow.GetValueOrDefault(number);
                var bad = mine?.Select(p => columnOf.GetValueOrDefault(p.Column, -1)).ToHashSet();
                var line = new XlsxCell[headers.Count + 1];
                for (var i = 0; i < headers.Count; i++)
                {
                    line[i] = new XlsxCell(i < cells.Count ? cells[i] : null, bad?.Contains(i) == true ? XlsxStyle.Bad : XlsxStyle.Plain);
                }
                line[^1] = new XlsxCell(mine is null ? null : string.Join("；", mine.Select(p => p.Message)), XlsxStyle.Problem);
                book.WriteRow(number, line);
            }
            book.EndSheet();

            book.BeginSheet(ListSheet, [8, 16, 80]);
            book.WriteRow(1, [new XlsxCell("行号", XlsxStyle.Header), new XlsxCell("列", XlsxStyle.Header), new XlsxCell(ProblemsHeader, XlsxStyle.Header)]);
            var n = 1;
            foreach (var p in problems.OrderBy(p => p.Row))
            {
                book.WriteRow(++n, [p.Row > 0 ? XlsxCell.Number(p.Row) : new XlsxCell("—", XlsxStyle.Plain), new XlsxCell(p.Column, XlsxStyle.Plain), new XlsxCell(p.Message, XlsxStyle.Plain)]);
            }
            book.EndSheet();
        }
        return output.ToArray();
    }
}

public enum XlsxStyle
{
    Plain = 0,
    Header = 1,
    Bad = 2,
    Problem = 3,
}

/// <summary>A cell to write: text (an inline string, never a formula) or a number, and its style.</summary>
public readonly record struct XlsxCell(string? Text, XlsxStyle Style, double? Value = null)
{
    public static XlsxCell Number(double value) => new(null, XlsxStyle.Plain, value);
}

/// <summary>
/// A small streaming SpreadsheetML writer: sheets one after another, rows in order, text as inline strings.
/// Text cells are never formulas, so nothing a user typed can run when the file opens; text that Excel would
/// turn into a formula once edited (=, +, -, @) gets the "quote prefix" style, which keeps the value exact.
/// </summary>
public sealed class XlsxWriter : IDisposable
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), CloseOutput = true };

    private readonly ZipArchive _zip;
    private readonly List<string> _sheets = [];
    private XmlWriter? _sheet;

    public XlsxWriter(Stream output, CompressionLevel level = CompressionLevel.Fastest)
    {
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Level = level;
    }

    private CompressionLevel Level { get; }

    public void BeginSheet(string name, IReadOnlyList<double>? widths = null)
    {
        EndSheet();
        _sheets.Add(name);
        _sheet = XmlWriter.Create(_zip.CreateEntry($"xl/worksheets/sheet{_sheets.Count}.xml", Level).Open(), Settings);
        _sheet.WriteStartDocument(true);
        _sheet.WriteStartElement("worksheet", Main);
        _sheet.WriteStartElement("sheetViews");
        _sheet.WriteStartElement("sheetView");
        _sheet.WriteAttributeString("workbookViewId", "0");
        _sheet.WriteStartElement("pane");
        _sheet.WriteAttributeString("ySplit", "1");
        _sheet.WriteAttributeString("topLeftCell", "A2");
        _sheet.WriteAttributeString("activePane", "bottomLeft");
        _sheet.WriteAttributeString("state", "frozen");
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
        if (widths is { Count: > 0 })
        {
            _sheet.WriteStartElement("cols");
            for (var i = 0; i < widths.Count; i++)
            {
                _sheet.WriteStartElement("col");
                var index = (i + 1).ToString(CultureInfo.InvariantCulture);
                _sheet.WriteAttributeString("min", index);
                _sheet.WriteAttributeString("max", index);
                _sheet.WriteAttributeString("width", widths[i].ToString(CultureInfo.InvariantCulture));
                _sheet.WriteAttributeString("customWidth", "1");
                _sheet.WriteEndElement();
            }
            _sheet.WriteEndElement();
        }
        _sheet.WriteStartElement("sheetData");
    }

    /// <summary>Writes a row at its 1-based number (numbers must grow; gaps are empty rows).</summary>
    public void WriteRow(int number, IReadOnlyList<XlsxCell> cells)
    {
        var w = _sheet ?? throw new InvalidOperationException("BeginSheet first");
        w.WriteStartElement("row");
        var r = number.ToString(CultureInfo.InvariantCulture);
        w.WriteAttributeString("r", r);
        for (var i = 0; i < cells.Count; i++)
        {
            var c = cells[i];
            if (c.Text is null && c.Value is null && c.Style is XlsxStyle.Plain or XlsxStyle.Problem)
            {
                continue;
            }
            w.WriteStartElement("c");
            w.WriteAttributeString("r", Column(i) + r);
            var style = (int)c.Style;
            if (c.Text is { Length: > 0 } t && t[0] is '=' or '+' or '-' or '@')
            {
                style += QuotePrefixOffset;
            }
            if (style != 0)
            {
                w.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
            }
            if (c.Value is { } v)
            {
                w.WriteElementString("v", v.ToString(CultureInfo.InvariantCulture));
            }
            else if (c.Text is not null)
            {
                w.WriteAttributeString("t", "inlineStr");
                w.WriteStartElement("is");
                w.WriteStartElement("t");
                w.WriteAttributeString("xml", "space", null, "preserve");
                w.WriteString(XmlSafe(c.Text));
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    public void EndSheet()
    {
        if (_sheet is null)
        {
            return;
        }
        _sheet.WriteEndElement(); // sheetData
        _sheet.WriteEndElement(); // worksheet
        _sheet.WriteEndDocument();
        _sheet.Dispose();
        _sheet = null;
    }

    public void Dispose()
    {
        EndSheet();
        Part("[Content_Types].xml", w =>
        {
            w.WriteStartElement("Types", "http://schemas.openxmlformats.org/package/2006/content-types");
            Default(w, "rels", "application/vnd.openxmlformats-package.relationships+xml");
            Default(w, "xml", "application/xml");
            Override(w, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
            Override(w, "/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
            for (var i = 1; i <= _sheets.Count; i++)
            {
                Override(w, $"/xl/worksheets/sheet{i}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
            }
            w.WriteEndElement();
        });
        Part("_rels/.rels", w =>
        {
            w.WriteStartElement("Relationships", "http://schemas.openxmlformats.org/package/2006/relationships");
            Relationship(w, "rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml");
            w.WriteEndElement();
        });
        Part("xl/_rels/workbook.xml.rels", w =>
        {
            w.WriteStartElement("Relationships", "http://schemas.openxmlformats.org/package/2006/relationships");
            for (var i = 1; i <= _sheets.Count; i++)
            {
                Relationship(w, $"rId{i}", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", $"worksheets/sheet{i}.xml");
            }
            Relationship(w, $"rId{_sheets.Count + 1}", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles", "styles.xml");
            w.WriteEndElement();
        });
        Part("xl/workbook.xml", w =>
        {
            w.WriteStartElement("workbook", Main);
            w.WriteAttributeString("xmlns", "r", null, Rel);
            w.WriteStartElement("sheets");
            for (var i = 0; i < _sheets.Count; i++)
            {
                w.WriteStartElement("sheet");
                w.WriteAttributeString("name", SheetName(_sheets[i]));
                w.WriteAttributeString("sheetId", (i + 1).ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("id", Rel, $"rId{i + 1}");
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
        });
        using (var styles = _zip.CreateEntry("xl/styles.xml", Level).Open())
        {
            styles.Write(Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>" + Styles));
        }
        _zip.Dispose();
    }

    /// <summary>Cell styles by index: the four <see cref="XlsxStyle"/>s, then the same four with the quote prefix.</summary>
    private const int QuotePrefixOffset = 4;

    // Fill 2 is Excel's own "bad" colour pair (light red FFC7CE, dark red text 9C0006); fill 3 a light grey header.
    private const string Styles =
        "<styleSheet xmlns=\"" + Main + "\">" +
        "<fonts count=\"3\"><font><sz val=\"11\"/><name val=\"等线\"/></font><font><b/><sz val=\"11\"/><name val=\"等线\"/></font>" +
        "<font><sz val=\"11\"/><color rgb=\"FF9C0006\"/><name val=\"等线\"/></font></fonts>" +
        "<fills count=\"4\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>" +
        "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFFFC7CE\"/><bgColor indexed=\"64\"/></patternFill></fill>" +
        "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFE7E6E6\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>" +
        "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>" +
        "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>" +
        "<cellXfs count=\"8\">" +
        "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>" +
        "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"3\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\"/>" +
        "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\"/>" +
        "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>" +
        "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" quotePrefix=\"1\"/>" +
        "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"3\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" quotePrefix=\"1\"/>" +
        "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" quotePrefix=\"1\"/>" +
        "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" quotePrefix=\"1\"/>" +
        "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>";

    private void Part(string name, Action<XmlWriter> write)
    {
        using var w = XmlWriter.Create(_zip.CreateEntry(name, Level).Open(), Settings);
        w.WriteStartDocument(true);
        write(w);
        w.WriteEndDocument();
    }

    private static void Default(XmlWriter w, string extension, string type)
    {
        w.WriteStartElement("Default");
        w.WriteAttributeString("Extension", extension);
        w.WriteAttributeString("ContentType", type);
        w.WriteEndElement();
    }

    private static void Override(XmlWriter w, string part, string type)
    {
        w.WriteStartElement("Override");
        w.WriteAttributeString("PartName", part);
        w.WriteAttributeString("ContentType", type);
        w.WriteEndElement();
    }

    private static void Relationship(XmlWriter w, string id, string type, string target)
    {
        w.WriteStartElement("Relationship");
        w.WriteAttributeString("Id", id);
        w.WriteAttributeString("Type", type);
        w.WriteAttributeString("Target", target);
        w.WriteEndElement();
    }

    /// <summary>A, B, … Z, AA, AB …</summary>
    public static string Column(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + (n - 1) % 26) + name;
        }
        return name;
    }

    /// <summary>Excel's sheet names: at most 31 characters, none of : \ / ? * [ ].</summary>
    private static string SheetName(string name)
    {
        var clean = new string([.. name.Where(ch => ch is not (':' or '\\' or '/' or '?' or '*' or '[' or ']'))]);
        return clean.Length > 31 ? clean[..31] : clean.Length == 0 ? "Sheet" : clean;
    }

    /// <summary>Characters XML cannot carry (control characters a user pasted) are dropped, not fatal.</summary>
    private static string XmlSafe(string text)
    {
        foreach (var ch in text)
        {
            if (!XmlConvert.IsXmlChar(ch) && !char.IsSurrogate(ch))
            {
                return new string([.. text.Where(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c))]);
            }
        }
        return text;
    }
}
