using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Qingyun.Infrastructure;

/// <summary>A piece of body text. <paramref name="Highlight"/> marks a number that came from the data, so the reader sees which figures are linked.</summary>
public readonly record struct Run(string Text, bool Bold = false, bool Highlight = false);

/// <summary>
/// A small writer of real .docx files (WordprocessingML) laid out as a Chinese official document (GB/T 9704):
/// A4, the standard margins, 方正小标宋 title, 黑体 headings, 仿宋 三号 body with a 28pt exact line, and the
/// page number as "— 1 —" in the footer. Blocks are kept in order and written by <see cref="Save"/>.
/// The Open XML SDK would be a package of several MB for the handful of elements needed here.
/// </summary>
public sealed class WordDocument
{
    private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private const string R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRels = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string DocRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    // Fonts by role. Western text stays in Times New Roman as official documents ask; the CJK face goes in eastAsia.
    private const string Latin = "Times New Roman";
    private const string TitleFont = "方正小标宋简体";
    private const string SubtitleFont = "楷体";
    private const string HeadingFont = "黑体";
    private const string BodyFont = "仿宋";
    private const string TableFont = "仿宋";
    private const string FooterFont = "宋体";

    // Sizes in half-points: 小二 18pt, 三号 16pt, 四号 14pt (tables, so a few columns fit; and the page number).
    private const int TitleSize = 36;
    private const int BodySize = 32;
    private const int TableSize = 28;
    private const int FooterSize = 28;

    // A4 and the GB/T 9704 margins (37mm top, 35mm bottom, 28mm left, 26mm right), in twips.
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int MarginTop = 2098;
    private const int MarginBottom = 1984;
    private const int MarginLeft = 1588;
    private const int MarginRight = 1474;
    private const int TextWidth = PageWidth - MarginLeft - MarginRight;

    /// <summary>The body's 28pt exact line (22 lines a page); 2 × 16pt of first-line indent is two 仿宋 characters.</summary>
    private const int BodyLine = 560;
    private const int BodyIndent = 640;

    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), CloseOutput = true };

    private readonly string _title;
    private readonly List<Block> _blocks = [];

    public WordDocument(string title) => _title = Clean(title);

    public void Title(string text) => AddLines(Kind.Title, [new Run(text, Bold: true)]);

    public void Subtitle(string text) => AddLines(Kind.Subtitle, [new Run(text)]);

    /// <summary>A first-level heading; the caller writes the numbering ("一、工作开展情况").</summary>
    public void Heading(string text) => AddLines(Kind.Heading, [new Run(text, Bold: true)]);

    public void Paragraph(IEnumerable<Run> runs) => AddLines(Kind.Body, runs);

    public void Paragraph(string text) => AddLines(Kind.Body, [new Run(text)]);

    /// <summary>A bordered table as wide as the text, the header row bold and repeated on every page it spans.</summary>
    public void Table(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        if (header.Count == 0)
        {
            throw new ArgumentException("A table needs at least one column.", nameof(header));
        }
        var wide = rows.FirstOrDefault(r => r.Count > header.Count);
        if (wide is not null)
        {
            throw new ArgumentException($"A row has {wide.Count} cells but the header only {header.Count}.", nameof(rows));
        }
        // Copied now so that a caller reusing its lists cannot change a table already added.
        _blocks.Add(new TableBlock([.. header.Select(Clean)], [.. rows.Select(r => (IReadOnlyList<string>)[.. r.Select(Clean)])]));
    }

    public void Save(Stream output)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Part(zip, "[Content_Types].xml", ContentTypes);
        Part(zip, "_rels/.rels", w => Relationships(w,
            ("rId1", DocRel + "/officeDocument", "word/document.xml"),
            ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
            ("rId3", DocRel + "/extended-properties", "docProps/app.xml")));
        Part(zip, "word/_rels/document.xml.rels", w => Relationships(w,
            ("rId1", DocRel + "/styles", "styles.xml"),
            ("rId2", DocRel + "/fontTable", "fontTable.xml"),
            ("rId3", DocRel + "/footer", "footer1.xml")));
        Part(zip, "word/document.xml", Document);
        Part(zip, "word/styles.xml", Styles);
        Part(zip, "word/fontTable.xml", FontTable);
        Part(zip, "word/footer1.xml", Footer);
        Part(zip, "docProps/core.xml", Core);
        Part(zip, "docProps/app.xml", App);
    }

    private enum Kind
    {
        Title,
        Subtitle,
        Heading,
        Body,
    }

    private abstract record Block;

    private sealed record ParagraphBlock(Kind Kind, IReadOnlyList<Run> Runs) : Block;

    private sealed record TableBlock(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : Block;

    /// <summary>A "\n" in the text starts a new paragraph of the same kind, so text from a textarea keeps its paragraphs.</summary>
    private void AddLines(Kind kind, IEnumerable<Run> runs)
    {
        var line = new List<Run>();
        foreach (var run in runs)
        {
            var pieces = Clean(run.Text).Split('\n');
            for (var i = 0; i < pieces.Length; i++)
            {
                if (i > 0)
                {
                    _blocks.Add(new ParagraphBlock(kind, line));
                    line = [];
                }
                if (pieces[i].Length > 0)
                {
                    line.Add(run with { Text = pieces[i] });
                }
            }
        }
        _blocks.Add(new ParagraphBlock(kind, line));
    }

    private void Document(XmlWriter w)
    {
        w.WriteStartElement("w", "document", W);
        w.WriteAttributeString("xmlns", "r", null, R);
        w.WriteStartElement("w", "body", W);
        foreach (var block in _blocks)
        {
            switch (block)
            {
                case ParagraphBlock p:
                    WriteParagraph(w, p);
                    break;
                case TableBlock t:
                    WriteTable(w, t);
                    break;
            }
        }
        // Word reports a file whose body ends in a table as damaged; an empty paragraph after it is what Word itself writes.
        if (_blocks.Count == 0 || _blocks[^1] is TableBlock)
        {
            w.WriteElementString("w", "p", W, null);
        }
        WriteSection(w);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteParagraph(XmlWriter w, ParagraphBlock p)
    {
        w.WriteStartElement("w", "p", W);
        w.WriteStartElement("w", "pPr", W);
        // The style gives Word's navigation pane and "modify style" something to work with; the direct formatting below
        // repeats it because WPS and converters that ignore styles must still show the official layout.
        Val(w, "pStyle", p.Kind switch
        {
            Kind.Title => "QyTitle",
            Kind.Subtitle => "QySubtitle",
            Kind.Heading => "Heading1",
            _ => "Normal",
        });
        if (p.Kind is Kind.Heading)
        {
            w.WriteStartElement("w", "keepNext", W);
            w.WriteEndElement();
        }
        Spacing(w, BodyLine);
        if (p.Kind is Kind.Title or Kind.Subtitle)
        {
            w.WriteStartElement("w", "ind", W);
            w.WriteAttributeString("w", "firstLine", W, "0");
            w.WriteEndElement();
            Val(w, "jc", "center");
        }
        else
        {
            w.WriteStartElement("w", "ind", W);
            w.WriteAttributeString("w", "firstLine", W, Twips(BodyIndent));
            w.WriteEndElement();
            Val(w, "jc", "both");
        }
        if (p.Kind is Kind.Heading)
        {
            Val(w, "outlineLvl", "0");
        }
        w.WriteEndElement();

        var (font, size) = p.Kind switch
        {
            Kind.Title => (TitleFont, TitleSize),
            Kind.Subtitle => (SubtitleFont, BodySize),
            Kind.Heading => (HeadingFont, BodySize),
            _ => (BodyFont, BodySize),
        };
        foreach (var run in p.Runs)
        {
            WriteRun(w, run, font, size);
        }
        w.WriteEndElement();
    }

    private static void WriteRun(XmlWriter w, Run run, string font, int size)
    {
        w.WriteStartElement("w", "r", W);
        WriteRunProperties(w, font, size, run.Bold, run.Highlight);
        w.WriteStartElement("w", "t", W);
        w.WriteAttributeString("xml", "space", null, "preserve");
        w.WriteString(run.Text);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteRunProperties(XmlWriter w, string font, int size, bool bold, bool highlight)
    {
        w.WriteStartElement("w", "rPr", W);
        Fonts(w, font);
        if (bold)
        {
            w.WriteStartElement("w", "b", W);
            w.WriteEndElement();
            w.WriteStartElement("w", "bCs", W);
            w.WriteEndElement();
        }
        Val(w, "sz", size.ToString(CultureInfo.InvariantCulture));
        Val(w, "szCs", size.ToString(CultureInfo.InvariantCulture));
        if (highlight)
        {
            // Shading rather than w:highlight: highlight offers only 16 loud colours, shading takes any fill.
            w.WriteStartElement("w", "shd", W);
            w.WriteAttributeString("w", "val", W, "clear");
            w.WriteAttributeString("w", "color", W, "auto");
            w.WriteAttributeString("w", "fill", W, "FFF2CC");
            w.WriteEndElement();
        }
        Language(w);
        w.WriteEndElement();
    }

    private static void WriteTable(XmlWriter w, TableBlock t)
    {
        var columns = t.Header.Count;
        var widths = new int[columns];
        for (var i = 0; i < columns; i++)
        {
            widths[i] = TextWidth / columns + (i < TextWidth % columns ? 1 : 0);
        }

        w.WriteStartElement("w", "tbl", W);
        w.WriteStartElement("w", "tblPr", W);
        Width(w, "tblW", TextWidth);
        Val(w, "jc", "center");
        w.WriteStartElement("w", "tblBorders", W);
        foreach (var side in (string[])["top", "left", "bottom", "right", "insideH", "insideV"])
        {
            w.WriteStartElement("w", side, W);
            w.WriteAttributeString("w", "val", W, "single");
            w.WriteAttributeString("w", "sz", W, "4");
            w.WriteAttributeString("w", "space", W, "0");
            w.WriteAttributeString("w", "color", W, "000000");
            w.WriteEndElement();
        }
        w.WriteEndElement();
        Val(w, "tblLayout", "fixed", "type");
        w.WriteEndElement();

        w.WriteStartElement("w", "tblGrid", W);
        foreach (var width in widths)
        {
            w.WriteStartElement("w", "gridCol", W);
            w.WriteAttributeString("w", "w", W, Twips(width));
            w.WriteEndElement();
        }
        w.WriteEndElement();

        WriteRow(w, t.Header, widths, header: true);
        foreach (var row in t.Rows)
        {
            WriteRow(w, row, widths, header: false);
        }
        w.WriteEndElement();
    }

    private static void WriteRow(XmlWriter w, IReadOnlyList<string> cells, int[] widths, bool header)
    {
        w.WriteStartElement("w", "tr", W);
        w.WriteStartElement("w", "trPr", W);
        w.WriteStartElement("w", "cantSplit", W);
        w.WriteEndElement();
        if (header)
        {
            w.WriteStartElement("w", "tblHeader", W);
            w.WriteEndElement();
        }
        w.WriteEndElement();
        for (var i = 0; i < widths.Length; i++)
        {
            w.WriteStartElement("w", "tc", W);
            w.WriteStartElement("w", "tcPr", W);
            Width(w, "tcW", widths[i]);
            Val(w, "vAlign", "center");
            w.WriteEndElement();
            // A cell must hold at least one paragraph even when empty; "\n" in a cell starts another one.
            foreach (var line in (i < cells.Count ? cells[i] : "").Split('\n'))
            {
                w.WriteStartElement("w", "p", W);
                w.WriteStartElement("w", "pPr", W);
                // Table text is single-spaced: the body's exact 28pt line would waste half of every row.
                w.WriteStartElement("w", "spacing", W);
                w.WriteAttributeString("w", "line", W, "240");
                w.WriteAttributeString("w", "lineRule", W, "auto");
                w.WriteEndElement();
                w.WriteStartElement("w", "ind", W);
                w.WriteAttributeString("w", "firstLine", W, "0");
                w.WriteEndElement();
                Val(w, "jc", "center");
                w.WriteEndElement();
                if (line.Length > 0)
                {
                    WriteRun(w, new Run(line, Bold: header), header ? HeadingFont : TableFont, TableSize);
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void WriteSection(XmlWriter w)
    {
        w.WriteStartElement("w", "sectPr", W);
        w.WriteStartElement("w", "footerReference", W);
        w.WriteAttributeString("w", "type", W, "default");
        w.WriteAttributeString("r", "id", R, "rId3");
        w.WriteEndElement();
        w.WriteStartElement("w", "pgSz", W);
        w.WriteAttributeString("w", "w", W, Twips(PageWidth));
        w.WriteAttributeString("w", "h", W, Twips(PageHeight));
        w.WriteEndElement();
        w.WriteStartElement("w", "pgMar", W);
        w.WriteAttributeString("w", "top", W, Twips(MarginTop));
        w.WriteAttributeString("w", "right", W, Twips(MarginRight));
        w.WriteAttributeString("w", "bottom", W, Twips(MarginBottom));
        w.WriteAttributeString("w", "left", W, Twips(MarginLeft));
        w.WriteAttributeString("w", "header", W, "851");
        // The page number sits about 7mm below the text block, as GB/T 9704 places it.
        w.WriteAttributeString("w", "footer", W, "1587");
        w.WriteAttributeString("w", "gutter", W, "0");
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Footer(XmlWriter w)
    {
        w.WriteStartElement("w", "ftr", W);
        w.WriteAttributeString("xmlns", "r", null, R);
        w.WriteStartElement("w", "p", W);
        w.WriteStartElement("w", "pPr", W);
        Val(w, "jc", "center");
        w.WriteEndElement();
        FooterText(w, "— ");
        // A complex field (begin/instr/separate/end) rather than fldSimple: every Word and WPS version updates it.
        FieldChar(w, "begin");
        w.WriteStartElement("w", "r", W);
        WriteRunProperties(w, FooterFont, FooterSize, bold: false, highlight: false);
        w.WriteStartElement("w", "instrText", W);
        w.WriteAttributeString("xml", "space", null, "preserve");
        w.WriteString(" PAGE ");
        w.WriteEndElement();
        w.WriteEndElement();
        FieldChar(w, "separate");
        FooterText(w, "1");
        FieldChar(w, "end");
        FooterText(w, " —");
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void FooterText(XmlWriter w, string text) => WriteRun(w, new Run(text), FooterFont, FooterSize);

    private static void FieldChar(XmlWriter w, string type)
    {
        w.WriteStartElement("w", "r", W);
        WriteRunProperties(w, FooterFont, FooterSize, bold: false, highlight: false);
        w.WriteStartElement("w", "fldChar", W);
        w.WriteAttributeString("w", "fldCharType", W, type);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Styles(XmlWriter w)
    {
        w.WriteStartElement("w", "styles", W);
        w.WriteStartElement("w", "docDefaults", W);
        w.WriteStartElement("w", "rPrDefault", W);
        WriteRunProperties(w, BodyFont, BodySize, bold: false, highlight: false);
        w.WriteEndElement();
        w.WriteStartElement("w", "pPrDefault", W);
        w.WriteStartElement("w", "pPr", W);
        Spacing(w, BodyLine);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();

        Style(w, "Normal", "Normal", null, isDefault: true, BodyFont, BodySize, bold: false, center: false, outline: false);
        Style(w, "QyTitle", "Title", "Normal", isDefault: false, TitleFont, TitleSize, bold: true, center: true, outline: false);
        Style(w, "QySubtitle", "Subtitle", "Normal", isDefault: false, SubtitleFont, BodySize, bold: false, center: true, outline: false);
        Style(w, "Heading1", "heading 1", "Normal", isDefault: false, HeadingFont, BodySize, bold: true, center: false, outline: true);
        w.WriteEndElement();
    }

    private static void Style(XmlWriter w, string id, string name, string? basedOn, bool isDefault, string font, int size, bool bold, bool center, bool outline)
    {
        w.WriteStartElement("w", "style", W);
        w.WriteAttributeString("w", "type", W, "paragraph");
        if (isDefault)
        {
            w.WriteAttributeString("w", "default", W, "1");
        }
        w.WriteAttributeString("w", "styleId", W, id);
        Val(w, "name", name);
        if (basedOn is not null)
        {
            Val(w, "basedOn", basedOn);
            Val(w, "next", "Normal");
        }
        w.WriteStartElement("w", "qFormat", W);
        w.WriteEndElement();
        w.WriteStartElement("w", "pPr", W);
        Spacing(w, BodyLine);
        w.WriteStartElement("w", "ind", W);
        w.WriteAttributeString("w", "firstLine", W, center ? "0" : Twips(BodyIndent));
        w.WriteEndElement();
        Val(w, "jc", center ? "center" : "both");
        if (outline)
        {
            Val(w, "outlineLvl", "0");
        }
        w.WriteEndElement();
        WriteRunProperties(w, font, size, bold, highlight: false);
        w.WriteEndElement();
    }

    /// <summary>
    /// Declares the CJK faces with the name Windows knows them by as w:altName, so a machine without 方正小标宋简体
    /// (most outside government offices) falls back to 宋体, and LibreOffice maps that to Noto Serif CJK SC.
    /// </summary>
    private static void FontTable(XmlWriter w)
    {
        w.WriteStartElement("w", "fonts", W);
        foreach (var (name, alt, family) in (ReadOnlySpan<(string, string?, string)>)
                 [(Latin, null, "roman"), (TitleFont, "宋体", "roman"), (SubtitleFont, "KaiTi", "modern"),
                  (HeadingFont, "SimHei", "modern"), (BodyFont, "FangSong", "modern"), (FooterFont, "SimSun", "roman")])
        {
            w.WriteStartElement("w", "font", W);
            w.WriteAttributeString("w", "name", W, name);
            if (alt is not null)
            {
                Val(w, "altName", alt);
                Val(w, "charset", "86");
            }
            Val(w, "family", family);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private void Core(XmlWriter w)
    {
        w.WriteStartElement("cp", "coreProperties", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
        w.WriteAttributeString("xmlns", "dc", null, "http://purl.org/dc/elements/1.1/");
        w.WriteElementString("dc", "title", "http://purl.org/dc/elements/1.1/", _title);
        w.WriteElementString("dc", "language", "http://purl.org/dc/elements/1.1/", "zh-CN");
        w.WriteEndElement();
    }

    private static void App(XmlWriter w)
    {
        w.WriteStartElement("Properties", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");
        w.WriteElementString("Application", "Qingyun");
        w.WriteEndElement();
    }

    private static void ContentTypes(XmlWriter w)
    {
        const string Ns = "http://schemas.openxmlformats.org/package/2006/content-types";
        const string Word = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
        w.WriteStartElement("Types", Ns);
        foreach (var (extension, type) in (ReadOnlySpan<(string, string)>)
                 [("rels", "application/vnd.openxmlformats-package.relationships+xml"), ("xml", "application/xml")])
        {
            w.WriteStartElement("Default", Ns);
            w.WriteAttributeString("Extension", extension);
            w.WriteAttributeString("ContentType", type);
            w.WriteEndElement();
        }
        foreach (var (part, type) in (ReadOnlySpan<(string, string)>)
                 [("/word/document.xml", Word + "document.main+xml"), ("/word/styles.xml", Word + "styles+xml"),
                  ("/word/fontTable.xml", Word + "fontTable+xml"), ("/word/footer1.xml", Word + "footer+xml"),
                  ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                  ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")])
        {
            w.WriteStartElement("Override", Ns);
            w.WriteAttributeString("PartName", part);
            w.WriteAttributeString("ContentType", type);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void Relationships(XmlWriter w, params ReadOnlySpan<(string Id, string Type, string Target)> relationships)
    {
        w.WriteStartElement("Relationships", PackageRels);
        foreach (var (id, type, target) in relationships)
        {
            w.WriteStartElement("Relationship", PackageRels);
            w.WriteAttributeString("Id", id);
            w.WriteAttributeString("Type", type);
            w.WriteAttributeString("Target", target);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void Part(ZipArchive zip, string name, Action<XmlWriter> write)
    {
        using var w = XmlWriter.Create(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), Settings);
        w.WriteStartDocument(true);
        write(w);
        w.WriteEndDocument();
    }

    private static void Fonts(XmlWriter w, string eastAsia)
    {
        w.WriteStartElement("w", "rFonts", W);
        w.WriteAttributeString("w", "ascii", W, Latin);
        w.WriteAttributeString("w", "hAnsi", W, Latin);
        w.WriteAttributeString("w", "eastAsia", W, eastAsia);
        w.WriteAttributeString("w", "cs", W, Latin);
        w.WriteEndElement();
    }

    private static void Language(XmlWriter w)
    {
        w.WriteStartElement("w", "lang", W);
        w.WriteAttributeString("w", "val", W, "en-US");
        w.WriteAttributeString("w", "eastAsia", W, "zh-CN");
        w.WriteEndElement();
    }

    private static void Spacing(XmlWriter w, int line)
    {
        w.WriteStartElement("w", "spacing", W);
        w.WriteAttributeString("w", "before", W, "0");
        w.WriteAttributeString("w", "after", W, "0");
        w.WriteAttributeString("w", "line", W, Twips(line));
        w.WriteAttributeString("w", "lineRule", W, "exact");
        w.WriteEndElement();
    }

    private static void Width(XmlWriter w, string element, int twips)
    {
        w.WriteStartElement("w", element, W);
        w.WriteAttributeString("w", "w", W, Twips(twips));
        w.WriteAttributeString("w", "type", W, "dxa");
        w.WriteEndElement();
    }

    private static void Val(XmlWriter w, string element, string value, string attribute = "val")
    {
        w.WriteStartElement("w", element, W);
        w.WriteAttributeString("w", attribute, W, value);
        w.WriteEndElement();
    }

    private static string Twips(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Text pasted by users can carry control characters and broken surrogates that XML 1.0 cannot hold (XmlWriter
    /// would throw); they are dropped. "\r\n" and "\r" become "\n" so every kind of line break splits paragraphs.
    /// </summary>
    private static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch == '\r')
            {
                sb.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(ch).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(ch))
            {
                sb.Append(ch);
            }
        }
        return sb.ToString();
    }
}
