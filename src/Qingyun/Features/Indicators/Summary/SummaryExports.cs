using Qingyun.Domain;
using Qingyun.Infrastructure;
using SkiaSharp;

namespace Qingyun.Features.Indicators.Summary;

/// <summary>
/// The summary as a file: a .docx in the official-document layout (<see cref="WordDocument"/>, numbers shaded) and a
/// PDF that flows onto as many A4 pages as it needs (<see cref="ChinesePdf"/>, numbers on a pale ground). Both are
/// the text rendered now, so a download always carries the current figures. Named "{unit}{year}年度工作总结".
/// </summary>
public sealed class SummaryExports(SummaryDesk desk)
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public async Task<Result<(byte[] Bytes, string FileName)>> DocxAsync(Guid? unitId, int? year, CancellationToken ct)
    {
        var v = await RenderedAsync(unitId, year, ct);
        if (!v.Ok)
        {
            return Result<(byte[], string)>.Fail(v.Failures);
        }
        return (Docx(v.Value!), FileName(v.Value!, "docx"));
    }

    public async Task<Result<(byte[] Bytes, string FileName)>> PdfAsync(Guid? unitId, int? year, CancellationToken ct)
    {
        var v = await RenderedAsync(unitId, year, ct);
        if (!v.Ok)
        {
            return Result<(byte[], string)>.Fail(v.Failures);
        }
        if (ChinesePdf.Typeface() is not { } typeface)
        {
            return new Failure("Format", "PdfFontMissing", 503);
        }
        return (Pdf(v.Value!, typeface), FileName(v.Value!, "pdf"));
    }

    private async Task<Result<RenderedSummary>> RenderedAsync(Guid? unitId, int? year, CancellationToken ct)
    {
        var r = await desk.ShowAsync(unitId, year, ct);
        if (!r.Ok)
        {
            return Result<RenderedSummary>.Fail(r.Failures);
        }
        return r.Value!.Rendered is { } rendered ? rendered : SummaryDesk.NotGenerated;
    }

    public static string FileName(RenderedSummary s, string extension)
    {
        var name = $"{s.UnitName}{s.Year}年度工作总结";
        var bad = Path.GetInvalidFileNameChars().Concat(['"', '<', '>', '|', ':', '*', '?', '\\', '/']).ToHashSet();
        return new string([.. name.Select(c => bad.Contains(c) || char.IsControl(c) ? '_' : c)]) + "." + extension;
    }

    public static byte[] Docx(RenderedSummary s)
    {
        var doc = new WordDocument(s.Title);
        doc.Title(s.Title);
        foreach (var section in s.Sections)
        {
            doc.Heading(section.Heading);
            foreach (var paragraph in SummaryText.Paragraphs(section.Runs))
            {
                doc.Paragraph(paragraph.Select(r => new Run(r.Text, Highlight: r.IsNumber)));
            }
        }
        using var output = new MemoryStream();
        doc.Save(output);
        return output.ToArray();
    }

    public static byte[] Pdf(RenderedSummary s, SKTypeface typeface)
    {
        using var title = new SKFont(typeface, 18) { Embolden = true };
        using var heading = new SKFont(typeface, 13) { Embolden = true };
        using var body = new SKFont(typeface, 12);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var shade = new SKPaint { Color = new SKColor(0xFF, 0xF2, 0xCC), IsAntialias = true };
        const float lineHeight = 21, indent = 24;

        return ChinesePdf.Flow(s.Title, s.UnitName, $"{s.UnitId} {s.Year}", typeface, (n, of) => $"第 {n} 页 共 {of} 页", f =>
        {
            var left = PdfFlow.Left;
            var width = PdfFlow.ContentWidth;
            f.Y += 8;
            foreach (var line in ChinesePdf.Wrap(s.Title, width, title))
            {
                f.Room(30);
                f.Canvas.DrawText(line, ChinesePdf.Width / 2, f.Y + 20, SKTextAlign.Center, title, ink);
                f.Y += 30;
            }
            f.Y += 10;
            foreach (var section in s.Sections)
            {
                // A heading never ends a page: it comes with room for two lines under it.
                f.Room(lineHeight * 3 + 8);
                f.Y += 6;
                f.Canvas.DrawText(section.Heading, left, f.Y + 15, heading, ink);
                f.Y += lineHeight + 2;
                foreach (var paragraph in SummaryText.Paragraphs(section.Runs))
                {
                    foreach (var line in Lines(paragraph, width, indent, body))
                    {
                        f.Room(lineHeight);
                        var x = left + line.Indent;
                        foreach (var (text, number) in line.Pieces)
                        {
                            var w = body.MeasureText(text);
                            if (number)
                            {
                                f.Canvas.DrawRect(x - 1, f.Y + 3, w + 2, lineHeight - 4, shade);
                            }
                            f.Canvas.DrawText(text, x, f.Y + 16, body, ink);
                            x += w;
                        }
                        f.Y += lineHeight;
                    }
                }
                f.Y += 4;
            }
        });
    }

    private sealed record Line(float Indent, List<(string Text, bool Number)> Pieces);

    /// <summary>A paragraph wrapped between any two characters, keeping which pieces are numbers; the first line indented two characters.</summary>
    private static List<Line> Lines(IReadOnlyList<SummaryRun> runs, float width, float indent, SKFont font)
    {
        var lines = new List<Line>();
        var current = new Line(indent, []);
        var used = indent;
        foreach (var run in runs)
        {
            var piece = "";
            foreach (var ch in run.Text)
            {
                var w = font.MeasureText(ch.ToString());
                if (used + w > width && (used > current.Indent || piece.Length > 0))
                {
                    if (piece.Length > 0)
                    {
                        current.Pieces.Add((piece, run.IsNumber));
                        piece = "";
                    }
                    lines.Add(current);
                    current = new Line(0, []);
                    used = 0;
                }
                piece += ch;
                used += w;
            }
            if (piece.Length > 0)
            {
                current.Pieces.Add((piece, run.IsNumber));
            }
        }
        lines.Add(current);
        return lines;
    }
}
