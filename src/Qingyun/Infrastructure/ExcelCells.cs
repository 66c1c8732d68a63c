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

    /// <summary>The required headers the first sheet lacks; empty when all are there.</summary>
    public static IReadOnlyList<string> MissingHeaders(Stream xlsx, IEnumerable<string> required)
    {
        var present = MiniExcelLibs.MiniExcel.GetColumns(xlsx, useHeaderRow: true)?.Select(c => c?.ToString()?.Trim()).ToHashSet() ?? [];
        xlsx.Position = 0;
        return required.Where(h => !present.Contains(h)).ToList();
    }

    /// <summary>
    /// How many rows the first sheet holds, counted up to <paramref name="limit"/> + 1 and no further, without
    /// parsing cells: a 1,000,000-row file is refused in about a second and in constant memory. The sheet's own
    /// dimension answers when it claims no more than the limit (Excel writes one; the reader's own cap still
    /// bounds a file that lies); otherwise the row tags are counted in the raw XML (MiniExcel writes no
    /// dimension). Null when the file is not a workbook.
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
            return CountRows(stream, limit);
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

    /// <summary>
    /// Counts &lt;row&gt; start tags (with or without a namespace prefix) in the sheet XML. Text cannot hide one: a
    /// '&lt;' in cell text is always escaped, so every '&lt;' starts markup.
    /// </summary>
    private static int CountRows(Stream sheetXml, int limit)
    {
        const int Keep = 64;
        var buffer = new byte[(1 << 16) + Keep];
        var filled = 0;
        var rows = 0;
        var first = true;
        while (true)
        {
            var read = sheetXml.Read(buffer, filled, buffer.Length - filled);
            filled += read;
            var end = read == 0 ? filled : Math.Max(0, filled - Keep);
            var data = buffer.AsSpan(0, filled);
            if (first)
            {
                first = false;
                var dimension = DimensionRows(data);
                if (dimension is { } d && d <= limit)
                {
                    return d;
                }
            }
            var i = 0;
            while (i < end)
            {
                var next = data[i..end].IndexOf((byte)'<');
                if (next < 0)
                {
                    break;
                }
                i += next;
                if (IsRowTag(data[i..]) && ++rows > limit)
                {
                    return rows;
                }
                i++;
            }
            if (read == 0)
            {
                return rows;
            }
            data[end..filled].CopyTo(buffer);
            filled -= end;
        }
    }

    private static bool IsRowTag(ReadOnlySpan<byte> tag)
    {
        var j = 1;
        while (j < tag.Length && j < 40 && (char.IsAsciiLetterOrDigit((char)tag[j]) || tag[j] is (byte)'_' or (byte)'-' or (byte)'.'))
        {
            j++;
        }
        j = j < tag.Length && tag[j] == (byte)':' ? j + 1 : 1;
        return tag.Length > j + 3 && tag[j] == (byte)'r' && tag[j + 1] == (byte)'o' && tag[j + 2] == (byte)'w'
            && tag[j + 3] is (byte)' ' or (byte)'>' or (byte)'/' or (byte)'\t' or (byte)'\r' or (byte)'\n';
    }

    /// <summary>The last row of a &lt;dimension ref="A1:I1001"/&gt; before the sheet data, if there is one.</summary>
    private static int? DimensionRows(ReadOnlySpan<byte> head)
    {
        var data = head.IndexOf("sheetData"u8);
        var scope = data < 0 ? head : head[..data];
        var at = scope.IndexOf("dimension ref=\""u8);
        if (at < 0)
        {
            return null;
        }
        var value = scope[(at + 15)..];
        var close = value.IndexOf((byte)'"');
        return close < 0 ? null : LastRow(System.Text.Encoding.ASCII.GetString(value[..close]));
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

    /// <summary>
    /// A date cell as an import's report repeats it: a readable date (<paramref name="date"/>, as <see cref="Date"/> read
    /// it, Excel's own dates included) as 2019-05-04, anything else as typed.
    /// </summary>
    public static string DateText(IDictionary<string, object?> row, string header, DateOnly? date) =>
        date is { } d && d != DateOnly.MinValue ? d.ShowDate() : Text(row, header);

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
