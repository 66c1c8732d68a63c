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
