using System.IO.Compression;
using System.Xml.Linq;
using Qingyun.Infrastructure;

namespace Qingyun.Tests.Unit;

public sealed class WordDocumentTests
{
    private static readonly XNamespace W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private static readonly XNamespace Rels = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static readonly XNamespace Types = "http://schemas.openxmlformats.org/package/2006/content-types";

    [Fact]
    public void TheSavedFile_IsAZipWithEveryPartWordNeeds_AndEveryDeclaredPartIsThere()
    {
        var doc = new WordDocument("2025年度工作总结");
        doc.Paragraph("正文");

        using var zip = Open(doc);

        var names = zip.Entries.Select(e => e.FullName).ToHashSet();
        foreach (var part in (string[])["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
                     "word/styles.xml", "word/footer1.xml", "docProps/core.xml", "docProps/app.xml"])
        {
            Assert.Contains(part, names);
        }
        var overrides = Xml(zip, "[Content_Types].xml").Descendants(Types + "Override").Select(o => (string)o.Attribute("PartName")!).ToList();
        Assert.Contains("/word/document.xml", overrides);
        Assert.All(overrides, p => Assert.Contains(p.TrimStart('/'), names));
        var packageTargets = Xml(zip, "_rels/.rels").Descendants(Rels + "Relationship").Select(r => (string)r.Attribute("Target")!);
        Assert.All(packageTargets, t => Assert.Contains(t, names));
        var documentTargets = Xml(zip, "word/_rels/document.xml.rels").Descendants(Rels + "Relationship").Select(r => "word/" + (string)r.Attribute("Target")!);
        Assert.All(documentTargets, t => Assert.Contains(t, names));
    }

    [Fact]
    public void TheDocumentTitle_IsInTheFileProperties()
    {
        using var zip = Open(new WordDocument("共青团某区委2025年度工作总结"));

        XNamespace dc = "http://purl.org/dc/elements/1.1/";
        Assert.Equal("共青团某区委2025年度工作总结", Xml(zip, "docProps/core.xml").Descendants(dc + "title").Single().Value);
    }

    [Fact]
    public void TitleHeadingsAndParagraphs_ComeOutInOrder_WithTheChineseIntact()
    {
        var doc = new WordDocument("年度工作总结");
        doc.Title("共青团某区委2025年度工作总结");
        doc.Subtitle("（2025年12月）");
        doc.Heading("一、主要工作");
        doc.Paragraph("全年共开展志愿服务活动。");
        doc.Heading("二、存在的问题");
        doc.Paragraph("基层组织力量仍需加强。");

        using var zip = Open(doc);

        Assert.Equal(
            ["共青团某区委2025年度工作总结", "（2025年12月）", "一、主要工作", "全年共开展志愿服务活动。", "二、存在的问题", "基层组织力量仍需加强。"],
            ParagraphTexts(zip));
    }

    [Fact]
    public void TheTitleIsCenteredBoldXiaoBiaoSong18pt_HeadingsAreBoldHeiti_BodyIsFangsong16ptIndentedTwoCharacters()
    {
        var doc = new WordDocument("t");
        doc.Title("标题");
        doc.Heading("一、标题");
        doc.Paragraph("正文");

        using var zip = Open(doc);
        var paragraphs = Body(zip).Elements(W + "p").ToList();

        var title = paragraphs[0];
        Assert.Equal("center", Attr(title.Element(W + "pPr")!.Element(W + "jc")!, "val"));
        Assert.NotNull(FirstRunProperties(title).Element(W + "b"));
        Assert.Equal("方正小标宋简体", Attr(FirstRunProperties(title).Element(W + "rFonts")!, "eastAsia"));
        Assert.Equal("36", Attr(FirstRunProperties(title).Element(W + "sz")!, "val"));

        var heading = paragraphs[1];
        Assert.Equal("黑体", Attr(FirstRunProperties(heading).Element(W + "rFonts")!, "eastAsia"));
        Assert.NotNull(FirstRunProperties(heading).Element(W + "b"));
        Assert.Equal("0", Attr(heading.Element(W + "pPr")!.Element(W + "outlineLvl")!, "val"));

        var body = paragraphs[2];
        var fonts = FirstRunProperties(body).Element(W + "rFonts")!;
        Assert.Equal("仿宋", Attr(fonts, "eastAsia"));
        Assert.Equal("Times New Roman", Attr(fonts, "ascii"));
        Assert.Equal("32", Attr(FirstRunProperties(body).Element(W + "sz")!, "val"));
        Assert.Equal("zh-CN", Attr(FirstRunProperties(body).Element(W + "lang")!, "eastAsia"));
        Assert.Null(FirstRunProperties(body).Element(W + "b"));
        Assert.Equal("640", Attr(body.Element(W + "pPr")!.Element(W + "ind")!, "firstLine"));
        var spacing = body.Element(W + "pPr")!.Element(W + "spacing")!;
        Assert.Equal(("560", "exact"), (Attr(spacing, "line"), Attr(spacing, "lineRule")));

        // Normal carries the body font too, so text a user types into the file later looks the same.
        var normal = Xml(zip, "word/styles.xml").Descendants(W + "style").Single(s => Attr(s, "styleId") == "Normal");
        Assert.Equal("仿宋", Attr(normal.Descendants(W + "rFonts").Single(), "eastAsia"));
    }

    [Fact]
    public void MarkupCharactersInUserText_RoundTripExactly_AndCharactersXmlCannotHoldAreDropped()
    {
        var doc = new WordDocument("A <&> \"B\"");
        doc.Paragraph("青年之家 <家> & \"驿站\" 'x' ]]> 𠀀");
        doc.Paragraph("控制\u0001字符\u0008与半个\uD800代理");

        using var zip = Open(doc);

        Assert.Equal(["青年之家 <家> & \"驿站\" 'x' ]]> 𠀀", "控制字符与半个代理"], ParagraphTexts(zip));
        XNamespace dc = "http://purl.org/dc/elements/1.1/";
        Assert.Equal("A <&> \"B\"", Xml(zip, "docProps/core.xml").Descendants(dc + "title").Single().Value);
    }

    [Fact]
    public void ALineBreakInTheText_StartsANewParagraph()
    {
        var doc = new WordDocument("t");
        doc.Paragraph("第一段\n第二段\r\n第三段");
        doc.Paragraph([new Run("服务时长"), new Run("1200\n", Highlight: true), new Run("小时。")]);

        using var zip = Open(doc);

        Assert.Equal(["第一段", "第二段", "第三段", "服务时长1200", "小时。"], ParagraphTexts(zip));
    }

    [Fact]
    public void HighlightedRuns_AreShadedLightYellow_AndPlainOnesAreNot()
    {
        var doc = new WordDocument("t");
        doc.Paragraph([new Run("全年注册志愿者"), new Run("12,345", Highlight: true), new Run("人，其中"), new Run("骨干", Bold: true), new Run("678", Bold: true, Highlight: true), new Run("人。")]);

        using var zip = Open(doc);
        var runs = Body(zip).Descendants(W + "r").ToList();

        var shaded = runs.Where(r => r.Element(W + "rPr")?.Element(W + "shd") is not null).ToList();
        Assert.Equal(["12,345", "678"], shaded.Select(r => r.Element(W + "t")!.Value));
        Assert.All(shaded, r => Assert.Equal("FFF2CC", Attr(r.Element(W + "rPr")!.Element(W + "shd")!, "fill")));
        var bold = runs.Where(r => r.Element(W + "rPr")?.Element(W + "b") is not null).Select(r => r.Element(W + "t")!.Value);
        Assert.Equal(["骨干", "678"], bold);
    }

    [Fact]
    public void ATable_HasABoldRepeatingHeaderRow_ThenOneRowPerLine_WithShortRowsPadded()
    {
        var doc = new WordDocument("t");
        doc.Paragraph("表1 各街道志愿服务情况");
        doc.Table(["街道", "活动数", "服务时长"], [["城关街道", "12", "340"], ["东湖街道 <新>", "8"]]);

        using var zip = Open(doc);
        var table = Body(zip).Elements(W + "tbl").Single();
        var rows = table.Elements(W + "tr").ToList();

        Assert.Equal(3, table.Element(W + "tblGrid")!.Elements(W + "gridCol").Count());
        Assert.Equal(
            [["街道", "活动数", "服务时长"], ["城关街道", "12", "340"], ["东湖街道 <新>", "8", ""]],
            rows.Select(r => r.Elements(W + "tc").Select(c => string.Concat(c.Descendants(W + "t").Select(t => t.Value))).ToArray()));
        Assert.NotNull(rows[0].Element(W + "trPr")!.Element(W + "tblHeader"));
        Assert.All(rows[0].Descendants(W + "r"), r => Assert.NotNull(r.Element(W + "rPr")!.Element(W + "b")));
        Assert.All(rows[1].Descendants(W + "r"), r => Assert.Null(r.Element(W + "rPr")!.Element(W + "b")));
        Assert.Equal(6, table.Element(W + "tblPr")!.Element(W + "tblBorders")!.Elements().Count(b => Attr(b, "val") == "single"));
        // Word calls a file whose body ends in a table damaged.
        Assert.Equal(W + "p", Body(zip).Elements().Last(e => e.Name != W + "sectPr").Name);
    }

    [Fact]
    public void ARowWiderThanTheHeader_IsACallerBug()
    {
        var doc = new WordDocument("t");
        Assert.Throws<ArgumentException>(() => doc.Table(["a"], [["1", "2"]]));
    }

    [Fact]
    public void ThePageIsA4WithTheOfficialDocumentMargins_AndTheFooterNumbersPagesLikeThis_Dash1Dash()
    {
        using var zip = Open(new WordDocument("t"));

        var section = Body(zip).Element(W + "sectPr")!;
        var size = section.Element(W + "pgSz")!;
        Assert.Equal(("11906", "16838"), (Attr(size, "w"), Attr(size, "h")));
        var margins = section.Element(W + "pgMar")!;
        Assert.Equal(("2098", "1984", "1588", "1474"), (Attr(margins, "top"), Attr(margins, "bottom"), Attr(margins, "left"), Attr(margins, "right")));

        var footer = Xml(zip, "word/footer1.xml");
        Assert.Equal("center", Attr(footer.Descendants(W + "jc").Single(), "val"));
        Assert.Equal("PAGE", footer.Descendants(W + "instrText").Single().Value.Trim());
        Assert.Equal("— 1 —", string.Concat(footer.Descendants(W + "t").Select(t => t.Value)));
        var footerId = Attr(section.Element(W + "footerReference")!, "id", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        var target = Xml(zip, "word/_rels/document.xml.rels").Descendants(Rels + "Relationship").Single(r => (string)r.Attribute("Id")! == footerId);
        Assert.Equal("footer1.xml", (string)target.Attribute("Target")!);
    }

    private static ZipArchive Open(WordDocument doc)
    {
        var bytes = new MemoryStream();
        doc.Save(bytes);
        bytes.Position = 0;
        return new ZipArchive(bytes, ZipArchiveMode.Read);
    }

    private static XDocument Xml(ZipArchive zip, string part)
    {
        using var stream = zip.GetEntry(part)!.Open();
        return XDocument.Load(stream);
    }

    private static XElement Body(ZipArchive zip) => Xml(zip, "word/document.xml").Root!.Element(W + "body")!;

    /// <summary>The text of each top-level paragraph that has any, as a reader would see it.</summary>
    private static List<string> ParagraphTexts(ZipArchive zip) =>
        [.. Body(zip).Elements(W + "p").Select(p => string.Concat(p.Descendants(W + "t").Select(t => t.Value))).Where(t => t.Length > 0)];

    private static XElement FirstRunProperties(XElement paragraph) => paragraph.Descendants(W + "r").First().Element(W + "rPr")!;

    private static string? Attr(XElement element, string name, string? ns = null) =>
        (string?)element.Attribute((ns is null ? W : (XNamespace)ns) + name);
}
