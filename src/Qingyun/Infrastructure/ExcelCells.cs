namespace Qingyun.Infrastructure;

/// <summary>Cell text for exported workbooks and the reading of imported ones.</summary>
public static class ExcelCells
{
    /// <summary>
    /// Formula injection: a cell that starts with =, +, -, @ (or a tab or return) would run as a formula
    /// when a user opens the export. A leading apostrophe makes Excel show it as text.
    /// </summary>
    public static string? Safe(string? value) =>
        string.IsNullOrEmpty(value) || value[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r') ? value : "'" + value;

    /// <summary>An uploaded workbook in memory: the readers seek (headers first, then rows).</summary>
    public static async Task<MemoryStream> ReadUploadAsync(IFormFile file, CancellationToken ct)
    {
        var stream = new MemoryStream();
        await file.CopyToAsync(stream, ct);
        stream.Position = 0;
        return stream;
    }

    /// <summary>The required headers the first sheet lacks; empty when all are there.</summary>
    public static IReadOnlyList<string> MissingHeaders(Stream xlsx, IEnumerable<string> required)
    {
        var present = MiniExcelLibs.MiniExcel.GetColumns(xlsx, useHeaderRow: true)?.Select(c => c?.ToString()?.Trim()).ToHashSet() ?? [];
        xlsx.Position = 0;
        return required.Where(h => !present.Contains(h)).ToList();
    }

    /// <summary>
    /// How many rows the first sheet holds, counted up to <paramref name="limit"/> + 1 and no further, without
    /// reading cells: a 1,000,000-row file is refused in a second and in constant memory, before any parsing.
    /// The sheet's own dimension answers when it claims no more than the limit (the reader's own cap still
    /// bounds a file that lies); otherwise the rows are counted. Null when the file is not a workbook.
    /// </summary>
    public static int? RowsUpTo(Stream xlsx, int limit)
    {
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(xlsx, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
            var sheet = FirstSheet(zip);
            if (sheet is null)
            {
                return null;
            }
            using var stream = sheet.Open();
            using var xml = System.Xml.XmlReader.Create(stream, new System.Xml.XmlReaderSettings { IgnoreWhitespace = true, IgnoreComments = true, DtdProcessing = System.Xml.DtdProcessing.Prohibit });
            var rows = 0;
            while (xml.Read())
            {
                if (xml.NodeType != System.Xml.XmlNodeType.Element)
                {
                    continue;
                }
                if (xml.LocalName == "dimension" && LastRow(xml.GetAttribute("ref")) is { } last && last <= limit)
                {
                    return last;
                }
                if (xml.LocalName == "row")
                {
                    if (++rows > limit)
                    {
                        return rows;
                    }
                    xml.Skip();
                    while (xml.NodeType == System.Xml.XmlNodeType.Element && xml.LocalName == "row")
                    {
                        if (++rows > limit)
                        {
                            return rows;
                        }
                        xml.Skip();
                    }
                }
            }
            return rows;
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or IOException)
        {
            return null;
        }
        finally
        {
            xlsx.Position = 0;
        }
    }

    /// <summary>The first sheet in workbook order, as Excel and the reader see it.</summary>
    private static System.IO.Compression.ZipArchiveEntry? FirstSheet(System.IO.Compression.ZipArchive zip)
    {
        var workbook = zip.GetEntry("xl/workbook.xml");
        var rels = zip.GetEntry("xl/_rels/workbook.xml.rels");
        if (workbook is null || rels is null)
        {
            return null;
        }
        string? relId;
        using (var s = workbook.Open())
        {
            var doc = System.Xml.Linq.XDocument.Load(s);
            relId = doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "sheet")?.Attributes().FirstOrDefault(a => a.Name.LocalName == "id")?.Value;
        }
        string? target;
        using (var s = rels.Open())
        {
            var doc = System.Xml.Linq.XDocument.Load(s);
            target = doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "Relationship" && (string?)e.Attribute("Id") == relId)?.Attribute("Target")?.Value;
        }
        if (target is null)
        {
            return null;
        }
        target = target.StartsWith('/') ? target[1..] : "xl/" + target;
        return zip.GetEntry(target) ?? zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, target, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>"A1:I1001" → 1001; "A1" → 1; null when absent or unreadable.</summary>
    private static int? LastRow(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }
        var last = reference[(reference.LastIndexOf(':') + 1)..];
        var digits = last.AsSpan().TrimStart("ABCDEFGHIJKLMNOPQRSTUVWXYZ$");
        return int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    public static string Text(IDictionary<string, object?> row, string header) =>
        row.TryGetValue(header, out var v) ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)?.Trim() ?? "" : "";

    /// <summary>A date cell: a real Excel date, or text as 2020-05-04, 2020/5/4 or 20200504.</summary>
    public static DateOnly? Date(IDictionary<string, object?> row, string header)
    {
        if (!row.TryGetValue(header, out var v) || v is null)
        {
            return null;
        }
        switch (v)
        {
            case DateTime dt:
                return DateOnly.FromDateTime(dt);
            case double d when d is > 1 and < 2958466:
                return DateOnly.FromDateTime(DateTime.FromOADate(d));
        }
        var s = Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)?.Trim() ?? "";
        string[] formats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyyMMdd", "yyyy.M.d"];
        return DateOnly.TryParseExact(s, formats, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? date : DateOnly.MinValue;
    }
}
