using System.IO.Compression;
using System.Xml.Linq;

namespace Qingyun.Tests.Infrastructure;

/// <summary>Reads a workbook's raw parts to see what Excel will show: the fill colour of one cell on the first sheet.</summary>
public static class XlsxProbe
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>The solid fill's ARGB of the cell (e.g. "FFFFC7CE"), or null when it has none.</summary>
    public static string? FillOf(byte[] xlsx, string cell)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        XDocument Load(string name)
        {
            using var s = zip.GetEntry(name)!.Open();
            return XDocument.Load(s);
        }
        var sheet = Load("xl/worksheets/sheet1.xml");
        var c = sheet.Descendants(Main + "c").FirstOrDefault(e => (string?)e.Attribute("r") == cell);
        var styleIndex = (int?)c?.Attribute("s") ?? 0;
        var styles = Load("xl/styles.xml");
        var xf = styles.Root!.Element(Main + "cellXfs")!.Elements(Main + "xf").ElementAt(styleIndex);
        var fill = styles.Root!.Element(Main + "fills")!.Elements(Main + "fill").ElementAt((int?)xf.Attribute("fillId") ?? 0);
        var pattern = fill.Element(Main + "patternFill");
        return (string?)pattern?.Attribute("patternType") == "solid" ? (string?)pattern.Element(Main + "fgColor")?.Attribute("rgb") : null;
    }
}
