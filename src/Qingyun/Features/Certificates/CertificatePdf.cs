using Microsoft.Extensions.Localization;
using QRCoder;
using Qingyun.Domain.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using SkiaSharp;

namespace Qingyun.Features.Certificates;

/// <summary>
/// The printable 志愿服务证明 (PDF, A4, Chinese whatever the reader's language: it is an official paper),
/// in the four parts the service rules ask for — the volunteer's identity with the volunteer number, the
/// service hours and content, the issuing organization with its person in charge and contact, the
/// certificate number and date — and a QR code to the public verification page. The QR code's modules
/// are drawn as vector squares, so it scans at any print size. A revoked certificate carries a red mark.
/// </summary>
public static class CertificatePdf
{
    public static byte[] Render(Certificate c, string verifyUrl, SKTypeface typeface, IStringLocalizer<SharedResource> t)
    {
        var zh = Localization.Chinese;
        string L(string key, params object[] args) => t.WithCulture(zh, key, args);
        static string D(DateOnly d) => ChinesePdf.Date(d);
        var hours = CertificateRules.Hours(c.Minutes);

        const float width = ChinesePdf.Width, height = ChinesePdf.Height, margin = ChinesePdf.Margin;
        using var output = new MemoryStream();
        // The number goes into the document's subject and keywords as plain text, so a file can be matched to its record.
        using (var document = ChinesePdf.Open(output, L("Pdf.CertificateTitle"), c.Number, c.Number))
        {
            var canvas = document.BeginPage(width, height);
            using var title = new SKFont(typeface, 24) { Embolden = true };
            using var heading = new SKFont(typeface, 12.5f) { Embolden = true };
            using var text = new SKFont(typeface, 11.5f);
            using var small = new SKFont(typeface, 8.5f);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            using var line = new SKPaint { Color = SKColors.Black, IsStroke = true, StrokeWidth = 0.8f, IsAntialias = true };
            using var frame = new SKPaint { Color = new SKColor(160, 30, 30), IsStroke = true, StrokeWidth = 2f, IsAntialias = true };
            using var grey = new SKPaint { Color = new SKColor(90, 90, 90), IsAntialias = true };

            canvas.DrawRect(margin - 24, margin - 28, width - 2 * (margin - 24), height - 2 * (margin - 28), frame);
            var y = margin + 20;
            canvas.DrawText(L("Pdf.CertificateTitle"), width / 2, y, SKTextAlign.Center, title, ink);
            y += 22;
            canvas.DrawText(L("Pdf.CertificateNumberLine", c.Number), width - margin, y, SKTextAlign.Right, small, grey);
            y += 18;

            // The statement, as on the paper forms.
            var statement = L("Pdf.CertificateStatement", c.HolderName, c.VolunteerNumber, D(c.FromDate), D(c.ToDate), c.IssuerName, hours);
            foreach (var l in ChinesePdf.Wrap(statement, width - 2 * margin, text))
            {
                canvas.DrawText(l, margin, y + 12, text, ink);
                y += 19;
            }
            y += 8;

            const float rowHeight = 22, labelWidth = 92, lineHeight = 15;
            var tableWidth = width - 2 * margin;
            void Section(string name)
            {
                canvas.DrawText(name, margin, y + 14, heading, ink);
                y += 21;
            }
            void Row(string label, string value, float narrower = 0, SKFont? font = null)
            {
                font ??= text;
                var rowWidth = tableWidth - narrower;
                var lines = ChinesePdf.Wrap(value, rowWidth - labelWidth - 12, font);
                var h = Math.Max(rowHeight, lines.Count * lineHeight + 7);
                canvas.DrawRect(margin, y, labelWidth, h, line);
                canvas.DrawRect(margin + labelWidth, y, rowWidth - labelWidth, h, line);
                canvas.DrawText(label, margin + 6, y + 15, text, ink);
                var ly = y + 15;
                foreach (var l in lines)
                {
                    canvas.DrawText(l, margin + labelWidth + 6, ly, font, ink);
                    ly += lineHeight;
                }
                y += h;
            }

            // Part one leaves room on the right for the QR code to the verification page.
            const float qrSize = 92, qrRoom = qrSize + 14;
            var qrTop = y;
            Section(L("Pdf.CertificatePartIdentity"));
            Row(L("Field.PersonName"), c.HolderName, qrRoom);
            Row(L("Field.IdNumber"), c.HolderIdMasked, qrRoom);
            Row(L("Field.VolunteerNumber"), c.VolunteerNumber, qrRoom);
            var qrLeft = width - margin - qrSize;
            DrawQr(canvas, verifyUrl, qrLeft, qrTop, qrSize);
            canvas.DrawText(L("Pdf.CertificateScan"), qrLeft + qrSize / 2, qrTop + qrSize + 9, SKTextAlign.Center, small, grey);
            y = Math.Max(y, qrTop + qrSize + 9) + 6;

            Section(L("Pdf.CertificatePartService"));
            Row(L("Field.ServiceHours"), L("Certificates.HoursValue", hours) + L("Certificates.EntryCountValue", c.EntryCount));
            Row(L("Field.ServicePeriod"), L("Certificates.PeriodValue", D(c.FromDate), D(c.ToDate)));
            using (var contentFont = new SKFont(typeface, 10.5f))
            {
                Row(L("Field.Content"), c.Content, font: contentFont);
            }
            y += 6;

            // Parts three and four leave room on the right for the issuer's seal.
            const float sealRoom = 170;
            var sealTop = y + 21;
            Section(L("Pdf.CertificatePartIssuer"));
            Row(L("Field.IssuerName"), c.IssuerName, sealRoom);
            Row(L("Field.PersonInCharge"), c.PersonInCharge, sealRoom);
            Row(L("Field.ContactPhone"), c.ContactPhone, sealRoom);
            y += 6;
            Section(L("Pdf.CertificatePartNumber"));
            Row(L("Field.CertificateNumber"), c.Number, sealRoom);
            Row(L("Field.IssuedOn"), D(c.IssuedOn), sealRoom);

            var sealX = width - margin - sealRoom + 20;
            var sy = sealTop + 30;
            canvas.DrawText(L("Pdf.CertificateSeal"), sealX, sy, text, ink);
            foreach (var l in ChinesePdf.Wrap(c.IssuerName, sealRoom - 24, text))
            {
                sy += 20;
                canvas.DrawText(l, sealX, sy, text, ink);
            }
            canvas.DrawText(D(c.IssuedOn), sealX, sy + 28, text, ink);
            canvas.DrawText(L("Pdf.CertificateFooter", verifyUrl), width / 2, height - margin + 12, SKTextAlign.Center, small, grey);

            if (c.RevokedAt is { } revokedAt)
            {
                DrawRevoked(canvas, typeface, width, height, L("Certificates.Revoked"),
                    L("Pdf.CertificateRevokedLine", D(revokedAt.ChinaDate()), c.RevokeReason ?? ""), margin, small);
            }
            document.EndPage();
            document.Close();
        }
        return output.ToArray();
    }

    /// <summary>The QR code's module matrix (with its quiet zone) as black squares in a square of <paramref name="size"/> points.</summary>
    private static void DrawQr(SKCanvas canvas, string content, float x, float y, float size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(content, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var n = matrix.Count;
        var module = size / n;
        using var black = new SKPaint { Color = SKColors.Black, IsAntialias = false, Style = SKPaintStyle.Fill };
        for (var row = 0; row < n; row++)
        {
            for (var col = 0; col < n; col++)
            {
                if (matrix[row][col])
                {
                    // A hair wider than the module, so neighbouring squares leave no white seam when printed.
                    canvas.DrawRect(x + col * module, y + row * module, module + 0.05f, module + 0.05f, black);
                }
            }
        }
    }

    private static void DrawRevoked(SKCanvas canvas, SKTypeface typeface, float width, float height, string mark, string detail, float margin, SKFont small)
    {
        using var red = new SKPaint { Color = new SKColor(200, 20, 20, 200), IsAntialias = true };
        using var redLine = new SKPaint { Color = new SKColor(200, 20, 20, 200), IsStroke = true, StrokeWidth = 4, IsAntialias = true };
        using var big = new SKFont(typeface, 72) { Embolden = true };
        canvas.Save();
        canvas.RotateDegrees(-25, width / 2, height / 2);
        var w = big.MeasureText(mark);
        canvas.DrawRect(width / 2 - w / 2 - 20, height / 2 - 70, w + 40, 100, redLine);
        canvas.DrawText(mark, width / 2, height / 2 + 4, SKTextAlign.Center, big, red);
        canvas.Restore();
        canvas.DrawText(detail, width / 2, margin - 8, SKTextAlign.Center, small, red);
    }
}
