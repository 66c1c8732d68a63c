using Qingyun.Infrastructure;
using SkiaSharp;

namespace Qingyun.Features.Recommendations;

/// <summary>
/// The printable 推荐表 (PDF, A4, Chinese). Drawn with SkiaSharp onto a PDF canvas with the CJK system font
/// <see cref="ChinesePdf"/> finds; the glyphs used are embedded, so the file prints the same anywhere.
/// </summary>
public static class RecommendationForm
{
    public sealed record Data(
        string Title, string SerialNumber, IReadOnlyList<(string Label, string Value)> Fields, string Reason, string ReasonLabel,
        IReadOnlyList<(string Label, string Value)> Meeting, IReadOnlyList<string> Signatures, string Footer, string DateLine);

    public static byte[] Render(Data data, SKTypeface typeface)
    {
        const float width = ChinesePdf.Width, height = ChinesePdf.Height, margin = ChinesePdf.Margin;
        using var output = new MemoryStream();
        using (var document = ChinesePdf.Open(output, data.Title))
        {
            var canvas = document.BeginPage(width, height);
            using var title = new SKFont(typeface, 17) { Embolden = true };
            using var text = new SKFont(typeface, 11);
            using var small = new SKFont(typeface, 8.5f);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            using var line = new SKPaint { Color = SKColors.Black, IsStroke = true, StrokeWidth = 0.8f, IsAntialias = true };
            using var grey = new SKPaint { Color = new SKColor(90, 90, 90), IsAntialias = true };

            var y = margin + 10;
            canvas.DrawText(data.Title, width / 2, y, SKTextAlign.Center, title, ink);
            y += 20;
            canvas.DrawText(data.SerialNumber, width - margin, y, SKTextAlign.Right, small, grey);
            y += 10;

            // Two label/value pairs per row, as on the paper form.
            const float rowHeight = 26, labelWidth = 78;
            var columnWidth = (width - 2 * margin) / 2;
            for (var i = 0; i < data.Fields.Count; i += 2)
            {
                for (var j = 0; j < 2 && i + j < data.Fields.Count; j++)
                {
                    var x = margin + j * columnWidth;
                    canvas.DrawRect(x, y, labelWidth, rowHeight, line);
                    canvas.DrawRect(x + labelWidth, y, columnWidth - labelWidth, rowHeight, line);
                    canvas.DrawText(data.Fields[i + j].Label, x + 6, y + 17, text, ink);
                    canvas.DrawText(ChinesePdf.Fit(data.Fields[i + j].Value, columnWidth - labelWidth - 12, text), x + labelWidth + 6, y + 17, text, ink);
                }
                y += rowHeight;
            }

            // The reason, wrapped in a tall box.
            var reasonLines = ChinesePdf.Wrap(data.Reason, width - 2 * margin - labelWidth - 12, text);
            var reasonHeight = Math.Max(110, reasonLines.Count * 16 + 16);
            canvas.DrawRect(margin, y, labelWidth, reasonHeight, line);
            canvas.DrawRect(margin + labelWidth, y, width - 2 * margin - labelWidth, reasonHeight, line);
            canvas.DrawText(data.ReasonLabel, margin + 6, y + 17, text, ink);
            var ry = y + 17;
            foreach (var l in reasonLines)
            {
                canvas.DrawText(l, margin + labelWidth + 6, ry, text, ink);
                ry += 16;
            }
            y += reasonHeight;

            foreach (var (label, value) in data.Meeting)
            {
                canvas.DrawRect(margin, y, labelWidth * 2, rowHeight, line);
                canvas.DrawRect(margin + labelWidth * 2, y, width - 2 * margin - labelWidth * 2, rowHeight, line);
                canvas.DrawText(label, margin + 6, y + 17, text, ink);
                canvas.DrawText(ChinesePdf.Fit(value, width - 2 * margin - labelWidth * 2 - 12, text), margin + labelWidth * 2 + 6, y + 17, text, ink);
                y += rowHeight;
            }

            // Signature and seal boxes side by side.
            y += 14;
            var boxWidth = (width - 2 * margin) / Math.Max(1, data.Signatures.Count);
            for (var i = 0; i < data.Signatures.Count; i++)
            {
                var x = margin + i * boxWidth;
                canvas.DrawRect(x, y, boxWidth, 110, line);
                canvas.DrawText(data.Signatures[i], x + 8, y + 20, text, ink);
                canvas.DrawText(data.DateLine, x + boxWidth - 12, y + 98, SKTextAlign.Right, text, ink);
            }
            canvas.DrawText(data.Footer, width / 2, height - margin / 2, SKTextAlign.Center, small, grey);
            document.EndPage();
            document.Close();
        }
        return output.ToArray();
    }
}
