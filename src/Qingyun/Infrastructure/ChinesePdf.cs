using System.Globalization;
using SkiaSharp;

namespace Qingyun.Infrastructure;

/// <summary>
/// What every printable Chinese paper of the platform (推荐表, 志愿服务证明, 服务计划书) shares: a CJK system
/// font (Debian's fonts-noto-cjk, installed by ./qingyun and ./test.sh; the glyphs used are embedded, so a
/// file prints the same anywhere), an A4 PDF document with its metadata, Chinese line wrapping and fitting,
/// and — for papers longer than a page — a flow that breaks onto new pages and numbers them.
/// </summary>
public static class ChinesePdf
{
    /// <summary>A4 in PDF points, and the margin the forms use.</summary>
    public const float Width = 595, Height = 842, Margin = 56;

    private const string Creator = "Qingyun 青云";

    private static readonly string[] Families = ["Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Zen Hei", "Source Han Sans SC"];

    /// <summary>The first installed CJK family, or null when the machine has none (the caller says so, never prints boxes).</summary>
    public static SKTypeface? Typeface() =>
        Families.Select(f => SKFontManager.Default.MatchFamily(f)).FirstOrDefault(t => t is not null);

    /// <summary>
    /// An A4 PDF document writing to <paramref name="output"/>. Subject and keywords go in as plain text, so a
    /// file can be matched to its record (a certificate number, a plan id).
    /// </summary>
    public static SKDocument Open(Stream output, string title, string? subject = null, string? keywords = null) =>
        SKDocument.CreatePdf(output, new SKDocumentPdfMetadata
        {
            Title = title, Subject = subject, Keywords = keywords, Creator = Creator, Producer = Creator,
        });

    /// <summary>A date as official papers write it: 2026年5月4日.</summary>
    public static string Date(DateOnly d) => d.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    /// <summary>The value cut with "…" so it fits in <paramref name="max"/> points.</summary>
    public static string Fit(string value, float max, SKFont font)
    {
        if (font.MeasureText(value) <= max)
        {
            return value;
        }
        var s = value;
        while (s.Length > 1 && font.MeasureText(s + "…") > max)
        {
            s = s[..^1];
        }
        return s + "…";
    }

    /// <summary>Chinese wraps between any two characters; explicit line breaks are kept.</summary>
    public static List<string> Wrap(string value, float max, SKFont font)
    {
        var lines = new List<string>();
        foreach (var paragraph in value.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var current = "";
            foreach (var ch in paragraph)
            {
                if (font.MeasureText(current + ch) > max && current.Length > 0)
                {
                    lines.Add(current);
                    current = "";
                }
                current += ch;
            }
            lines.Add(current);
        }
        return lines;
    }

    /// <summary>
    /// A paper that flows over as many A4 pages as it needs, each numbered "第 n 页 共 m 页" at the foot:
    /// <paramref name="draw"/> runs twice, once to count the pages and once to print them with the total.
    /// </summary>
    public static byte[] Flow(string title, string? subject, string? keywords, SKTypeface typeface, Func<int, int, string> pageLabel, Action<PdfFlow> draw)
    {
        int pages;
        using (var counting = new MemoryStream())
        {
            pages = Run(counting, title, subject, keywords, typeface, (_, _) => "", draw);
        }
        using var output = new MemoryStream();
        Run(output, title, subject, keywords, typeface, (n, _) => pageLabel(n, pages), draw);
        return output.ToArray();
    }

    private static int Run(Stream output, string title, string? subject, string? keywords, SKTypeface typeface, Func<int, int, string> label, Action<PdfFlow> draw)
    {
        int pages;
        using (var document = Open(output, title, subject, keywords))
        {
            using var flow = new PdfFlow(document, typeface, label);
            draw(flow);
            flow.Finish();
            pages = flow.Page;
            document.Close();
        }
        return pages;
    }
}

/// <summary>A cursor down A4 pages: asks for room before drawing, and turns the page when there is none.</summary>
public sealed class PdfFlow : IDisposable
{
    private readonly SKDocument _document;
    private readonly Func<int, int, string> _label;
    private readonly SKFont _footer;

    internal PdfFlow(SKDocument document, SKTypeface typeface, Func<int, int, string> label)
    {
        _document = document;
        _label = label;
        Typeface = typeface;
        _footer = new SKFont(typeface, 8.5f);
        Canvas = _document.BeginPage(ChinesePdf.Width, ChinesePdf.Height);
        Page = 1;
        Y = ChinesePdf.Margin;
    }

    public SKTypeface Typeface { get; }
    public SKCanvas Canvas { get; private set; }
    public int Page { get; private set; }

    /// <summary>The top of the next thing to draw, in points from the top of the page.</summary>
    public float Y { get; set; }

    public static float Left => ChinesePdf.Margin;
    public static float Right => ChinesePdf.Width - ChinesePdf.Margin;
    public static float ContentWidth => Right - Left;
    public static float Bottom => ChinesePdf.Height - ChinesePdf.Margin;

    private Action<PdfFlow>? _onPage;

    /// <summary>Draws <paramref name="each"/> on this page and on every page begun after it (a watermark, a running head).</summary>
    public void EveryPage(Action<PdfFlow> each)
    {
        _onPage = each;
        each(this);
    }

    /// <summary>Makes sure <paramref name="height"/> points fit below <see cref="Y"/>, else starts a new page. True when it turned the page.</summary>
    public bool Room(float height)
    {
        if (Y + height <= Bottom || Y <= ChinesePdf.Margin)
        {
            return false;
        }
        NewPage();
        return true;
    }

    public void NewPage()
    {
        EndPage();
        Canvas = _document.BeginPage(ChinesePdf.Width, ChinesePdf.Height);
        Page++;
        Y = ChinesePdf.Margin;
        _onPage?.Invoke(this);
    }

    internal void Finish() => EndPage();

    private void EndPage()
    {
        using var grey = new SKPaint { Color = new SKColor(90, 90, 90), IsAntialias = true };
        Canvas.DrawText(_label(Page, 0), ChinesePdf.Width / 2, ChinesePdf.Height - ChinesePdf.Margin / 2, SKTextAlign.Center, _footer, grey);
        _document.EndPage();
    }

    public void Dispose() => _footer.Dispose();
}
