using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Assistance;
using Qingyun.Domain.Audit;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;
using SkiaSharp;

namespace Qingyun.Features.Assistance;

/// <summary>
/// The printable 服务计划书 (PDF, A4, Chinese whatever the reader's language: it is a paper of the case file)
/// in the shape of 《阳光牵手服务计划书》: the beneficiary (the ID number masked, never in full), needs, goals
/// with target dates, the visit schedule, resources, measures, the approval, and signature lines; numbered
/// pages, flowing onto more pages when long. A plan not yet approved carries "未批准" across every page.
/// </summary>
public sealed class PlanPdf(AppDbContext db, CaseReader reader, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t)
{
    public sealed record Paper(
        string Title, string Number, string Keywords, string Period, IReadOnlyList<(string Label, string Value)> Beneficiary, string Needs,
        IReadOnlyList<PlanGoal> Goals, int VisitsPlanned, IReadOnlyList<DateOnly> Schedule, string Resources, string Measures,
        bool Approved, string Approval, string UnitName);

    /// <summary>The plan's paper, for anyone who may open the case; the download is audited. The plan's id is the file's keyword, as plain text.</summary>
    public async Task<Result<(byte[] Pdf, string FileName)>> RenderAsync(Guid caseId, Guid planId, CancellationToken ct)
    {
        var v = await reader.OpenAsync(caseId, ct);
        if (!v.Ok)
        {
            return Result<(byte[], string)>.Fail(v.Failures);
        }
        var plan = await db.CasePlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId && p.CaseId == caseId, ct);
        if (plan is null)
        {
            return Failure.NotFound("PlanId");
        }
        if (ChinesePdf.Typeface() is not { } typeface)
        {
            return new Failure("PlanId", "PdfFontMissing", 503);
        }
        var view = v.Value!;
        var c = view.Case;
        var zh = Localization.Chinese;
        string L(string key, params object[] args) => t.WithCulture(zh, key, args);
        var codes = c.CategoryCodes.ToList();
        var categories = await db.BeneficiaryCategories.AsNoTracking().Where(x => codes.Contains(x.Code)).OrderBy(x => x.SortOrder).Select(x => x.NameZh).ToListAsync(ct);
        var paired = await PlanDesk.PairedNameAsync(db, caseId, ct);
        var person = view.Beneficiary;
        var today = clock.ChinaToday();
        var age = today.Year - person.BirthDate.Year - (today < person.BirthDate.AddYears(today.Year - person.BirthDate.Year) ? 1 : 0);
        var programme = L("Programme." + c.Programme);
        var needs = Enum.GetValues<CaseNeeds>().Where(n => n != CaseNeeds.None && c.Needs.HasFlag(n)).Select(n => L("Needs." + n)).ToList();
        var needsText = string.Join("、", needs) + (string.IsNullOrWhiteSpace(c.NeedsNote) ? "" : (needs.Count > 0 ? "\n" : "") + c.NeedsNote);
        var paper = new Paper(
            L("Pdf.PlanTitle", programme),
            L("Pdf.PlanNumber", plan.Id.ToString("N")[..12].ToUpperInvariant()),
            plan.Id.ToString(),
            L("Pdf.PlanPeriod", ChinesePdf.Date(plan.StartsOn), ChinesePdf.Date(plan.EndsOn)),
            [
                (L("Field.PersonName"), person.Name), (L("Field.Gender"), L("Gender." + person.Gender)),
                (L("Pdf.PlanAge"), L("Pdf.PlanAgeValue", age)), (L("Field.IdNumber"), CaseReader.IdNumberFor(view) ?? ""),
                (L("Pdf.PlanCategories"), string.Join("、", categories)), (L("Pdf.PlanProgramme"), programme),
                (L("Pdf.PlanUnit"), view.UnitName), (L("Pdf.PlanOwner"), c.OwnerName),
                (L("Pdf.PlanVolunteer"), paired ?? L("Pdf.PlanNotPaired")), (L("Pdf.PlanState"), L("PlanState." + plan.State)),
            ],
            needsText.Length == 0 ? L("Pdf.PlanNone") : needsText,
            plan.Goals, plan.VisitsPlanned, PlanDesk.Schedule(plan),
            string.IsNullOrWhiteSpace(plan.Resources) ? L("Pdf.PlanNone") : plan.Resources,
            string.IsNullOrWhiteSpace(plan.Measures) ? L("Pdf.PlanNone") : plan.Measures,
            plan.State == PlanState.Approved,
            plan.State == PlanState.Approved
                ? L("Pdf.PlanApprovedLine", plan.ApprovedBy ?? "", plan.ApprovedAt is { } at ? ChinesePdf.Date(at.ChinaDate()) : "")
                : L("Pdf.PlanNotApprovedLine", L("PlanState." + plan.State)),
            view.UnitName);
        var pdf = Render(paper, typeface, (key, args) => L(key, args));
        await audit.RecordAsync(AuditAction.Download, nameof(CasePlan), plan.Id.ToString(), plan.UnitId, field: "Pdf", ct: ct);
        return (pdf, $"plan-{plan.StartsOn:yyyyMMdd}-{plan.Id.ToString("N")[..8]}.pdf");
    }

    public static byte[] Render(Paper p, SKTypeface typeface, Func<string, object[], string> l)
    {
        string L(string key, params object[] args) => l(key, args);
        using var title = new SKFont(typeface, 20) { Embolden = true };
        using var heading = new SKFont(typeface, 12.5f) { Embolden = true };
        using var text = new SKFont(typeface, 11);
        using var small = new SKFont(typeface, 9);
        using var scheduleFont = new SKFont(typeface, 9.5f);
        using var mark = new SKFont(typeface, 84) { Embolden = true };
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var grey = new SKPaint { Color = new SKColor(90, 90, 90), IsAntialias = true };
        using var faint = new SKPaint { Color = new SKColor(200, 30, 30, 40), IsAntialias = true };
        using var line = new SKPaint { Color = SKColors.Black, IsStroke = true, StrokeWidth = 0.8f, IsAntialias = true };

        return ChinesePdf.Flow(p.Title, p.Period, p.Keywords, typeface, (n, of) => L("Pdf.PageOf", n, of), f =>
        {
            const float lineHeight = 16, pad = 4, labelWidth = 84;
            var left = PdfFlow.Left;
            var width = PdfFlow.ContentWidth;
            if (!p.Approved)
            {
                // "未批准" across every page, under the text: a draft is not a plan in force.
                f.EveryPage(x =>
                {
                    x.Canvas.Save();
                    x.Canvas.RotateDegrees(-30, ChinesePdf.Width / 2, ChinesePdf.Height / 2);
                    x.Canvas.DrawText(L("Pdf.PlanWatermark"), ChinesePdf.Width / 2, ChinesePdf.Height / 2, SKTextAlign.Center, mark, faint);
                    x.Canvas.Restore();
                });
            }

            f.Y += 12;
            f.Canvas.DrawText(p.Title, ChinesePdf.Width / 2, f.Y + 6, SKTextAlign.Center, title, ink);
            f.Y += 20;
            f.Canvas.DrawText(p.Period, left, f.Y + 6, small, grey);
            f.Canvas.DrawText(p.Number, PdfFlow.Right, f.Y + 6, SKTextAlign.Right, small, grey);
            f.Y += 10;

            void Heading(string name)
            {
                // A heading never ends a page: it comes with room for the first row under it.
                f.Room(24 + 2 * lineHeight + 2 * pad);
                f.Y += 6;
                f.Canvas.DrawText(name, left, f.Y + 13, heading, ink);
                f.Y += 18;
            }

            // A label on the left, the value wrapped on the right; a long value carries over to the next page.
            void Row(string label, string value, float x, float w, float lw)
            {
                var lines = ChinesePdf.Wrap(value, w - lw - 2 * pad, text);
                var i = 0;
                var first = true;
                while (i < lines.Count || first)
                {
                    f.Room(lineHeight + 2 * pad);
                    var fit = Math.Max(1, (int)((PdfFlow.Bottom - f.Y - 2 * pad) / lineHeight));
                    var take = Math.Min(fit, Math.Max(1, lines.Count - i));
                    var h = take * lineHeight + 2 * pad;
                    f.Canvas.DrawRect(x, f.Y, lw, h, line);
                    f.Canvas.DrawRect(x + lw, f.Y, w - lw, h, line);
                    if (first)
                    {
                        f.Canvas.DrawText(ChinesePdf.Fit(label, lw - 2 * pad, text), x + pad, f.Y + pad + 11, text, ink);
                    }
                    for (var k = 0; k < take && i + k < lines.Count; k++)
                    {
                        f.Canvas.DrawText(lines[i + k], x + lw + pad, f.Y + pad + 11 + k * lineHeight, text, ink);
                    }
                    i += take;
                    f.Y += h;
                    first = false;
                }
            }

            // Two label/value pairs a row, as on the paper form; the categories take a whole row.
            Heading(L("Pdf.PlanPartBeneficiary"));
            const float rowHeight = lineHeight + 2 * pad;
            var half = width / 2;
            for (var i = 0; i < p.Beneficiary.Count; i += 2)
            {
                f.Room(rowHeight);
                for (var j = 0; j < 2 && i + j < p.Beneficiary.Count; j++)
                {
                    var x = left + j * half;
                    var (label, value) = p.Beneficiary[i + j];
                    f.Canvas.DrawRect(x, f.Y, labelWidth, rowHeight, line);
                    f.Canvas.DrawRect(x + labelWidth, f.Y, half - labelWidth, rowHeight, line);
                    f.Canvas.DrawText(label, x + pad, f.Y + pad + 11, text, ink);
                    f.Canvas.DrawText(ChinesePdf.Fit(value, half - labelWidth - 2 * pad, text), x + labelWidth + pad, f.Y + pad + 11, text, ink);
                }
                f.Y += rowHeight;
            }

            Heading(L("Pdf.PlanPartNeeds"));
            Row(L("Pdf.PlanNeeds"), p.Needs, left, width, labelWidth);

            Heading(L("Pdf.PlanPartGoals"));
            const float numberWidth = 36, dateWidth = 96;
            var goalWidth = width - numberWidth - 2 * dateWidth;
            void GoalRow(string n, string goal, string target, string achieved, bool bold)
            {
                var lines = ChinesePdf.Wrap(goal, goalWidth - 2 * pad, text);
                var h = lines.Count * lineHeight + 2 * pad;
                f.Room(h);
                var x = left;
                foreach (var (w, cell) in new[] { (numberWidth, n), (goalWidth, ""), (dateWidth, target), (dateWidth, achieved) })
                {
                    f.Canvas.DrawRect(x, f.Y, w, h, line);
                    f.Canvas.DrawText(cell, x + pad, f.Y + pad + 11, bold ? heading : text, ink);
                    x += w;
                }
                for (var k = 0; k < lines.Count; k++)
                {
                    f.Canvas.DrawText(lines[k], left + numberWidth + pad, f.Y + pad + 11 + k * lineHeight, bold ? heading : text, ink);
                }
                f.Y += h;
            }
            GoalRow(L("Pdf.PlanGoalNo"), L("Pdf.PlanGoal"), L("Pdf.PlanGoalTarget"), L("Pdf.PlanGoalAchieved"), true);
            for (var i = 0; i < p.Goals.Count; i++)
            {
                var g = p.Goals[i];
                GoalRow((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), g.Text, ChinesePdf.Date(g.TargetOn),
                    g.AchievedOn is { } a ? ChinesePdf.Date(a) : "", false);
            }

            Heading(L("Pdf.PlanPartVisits"));
            var summary = ChinesePdf.Wrap(L("Pdf.PlanVisitsSummary", p.VisitsPlanned), width, text);
            foreach (var s in summary)
            {
                f.Room(lineHeight + 4);
                f.Canvas.DrawText(s, left, f.Y + 12, text, ink);
                f.Y += lineHeight + 2;
            }
            f.Y += 4;
            const int perRow = 4;
            var cell = width / perRow;
            for (var i = 0; i < p.Schedule.Count; i += perRow)
            {
                f.Room(rowHeight);
                for (var j = 0; j < perRow && i + j < p.Schedule.Count; j++)
                {
                    var x = left + j * cell;
                    f.Canvas.DrawRect(x, f.Y, cell, rowHeight, line);
                    f.Canvas.DrawText(ChinesePdf.Fit(L("Pdf.PlanVisitDue", i + j + 1, ChinesePdf.Date(p.Schedule[i + j])), cell - 2 * pad, scheduleFont), x + pad, f.Y + pad + 11, scheduleFont, ink);
                }
                f.Y += rowHeight;
            }

            Heading(L("Pdf.PlanPartResources"));
            Row(L("Pdf.PlanResources"), p.Resources, left, width, labelWidth);
            Heading(L("Pdf.PlanPartMeasures"));
            Row(L("Pdf.PlanMeasures"), p.Measures, left, width, labelWidth);

            Heading(L("Pdf.PlanPartApproval"));
            Row(L("Pdf.PlanApproval"), p.Approval, left, width, labelWidth);

            // Signature lines, two a row, kept together on one page.
            string[] signers = [L("Pdf.PlanSignOwner"), L("Pdf.PlanSignVolunteer"), L("Pdf.PlanSignBeneficiary"), L("Pdf.PlanSignUnit", p.UnitName)];
            f.Room(2 * 44 + 16);
            f.Y += 16;
            for (var i = 0; i < signers.Length; i += 2)
            {
                for (var j = 0; j < 2 && i + j < signers.Length; j++)
                {
                    var x = left + j * half;
                    f.Canvas.DrawText(ChinesePdf.Fit(signers[i + j], half - 16, text), x, f.Y + 12, text, ink);
                    f.Canvas.DrawLine(x, f.Y + 30, x + half - 24, f.Y + 30, line);
                    f.Canvas.DrawText(L("Pdf.DateLine"), x + half - 24, f.Y + 41, SKTextAlign.Right, small, grey);
                }
                f.Y += 44;
            }
        });
    }
}
