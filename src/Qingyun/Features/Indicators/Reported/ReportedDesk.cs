using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Documents;
using Qingyun.Domain.Indicators;
using Qingyun.Domain.Notices;
using Qingyun.Domain.Organization;
using Qingyun.Features.Documents;
using Qingyun.Features.Notices;
using Qingyun.Security;

namespace Qingyun.Features.Indicators.Reported;

/// <summary>
/// Hand-reported indicators (手工填报指标, decision 014): what the records cannot show — 示范团委 created, 典型案例
/// written up — is defined by a unit for its subtree, reported by each unit below with evidence (佐证材料), and counts
/// in the figures only once the level above the reporting unit has approved it. The reporter cannot change a value
/// under review or approved; the reviewer cannot review what they submitted themselves.
/// </summary>
public sealed class ReportedDesk(AppDbContext db, FigureReader reader, TimeProvider clock)
{
    public const decimal MaxValue = 1_000_000_000m;

    public sealed record DefineCommand(Guid? UnitId, string? Name, string? Measure, string? Description, SummarySection? Section);

    public sealed record ReportCommand(Guid? IndicatorId, Guid? UnitId, int? Year, decimal? Value, string? Note, IFormFile? Evidence, bool Submit);

    /// <summary>One indicator a unit reports, with its report of the year if any.</summary>
    public sealed record Line(ReportedIndicator Indicator, string DefinedBy, IndicatorReport? Report, Document? Evidence);

    /// <summary>A child unit's report waiting for (or past) this level's review.</summary>
    public sealed record ChildReport(IndicatorReport Report, ReportedIndicator Indicator, string UnitName, Document? Evidence, bool MayReview);

    public sealed record View(OrgUnit Unit, int Year, int CurrentYear, bool CanDefine, bool CanReport,
        IReadOnlyList<Line> Lines, IReadOnlyList<ChildReport> Children, IReadOnlyList<ReportedIndicator> DefinedHere);

    public int CurrentYear => reader.CurrentYear;

    public Task<Guid?> DefaultUnitAsync(CancellationToken ct) => reader.DefaultUnitAsync(ct);

    public async Task<Result<View>> ShowAsync(Guid? unitId, int? year, CancellationToken ct)
    {
        var y = year ?? reader.CurrentYear;
        if (y is < IndicatorTarget.MinYear or > IndicatorTarget.MaxYear)
        {
            return new Failure("Year", "Range", 400, IndicatorTarget.MinYear, IndicatorTarget.MaxYear);
        }
        var u = await db.UnitForAsync(unitId ?? await DefaultUnitAsync(ct), Permission.FiguresRead, "UnitId", ct);
        if (!u.Ok)
        {
            return Result<View>.Fail(u.Failures);
        }
        var unit = u.Value!;
        var chain = Rollups.Chain(unit.Path);
        var definitions = await db.ReportedIndicators.IgnoreQueryFilters().AsNoTracking()
            .Where(r => chain.Contains(r.UnitId)).OrderBy(r => r.Section).ThenBy(r => r.CreatedAt).ToListAsync(ct);
        var unitNames = await db.OrgUnits.IgnoreQueryFilters().AsNoTracking().Where(x => chain.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var own = await db.IndicatorReports.AsNoTracking().Where(r => r.UnitId == unit.Id && r.Year == y).ToDictionaryAsync(r => r.IndicatorId, ct);

        // The reports of the child units: what this level reviews.
        var children = await db.OrgUnits.AsNoTracking().Where(c => c.ParentId == unit.Id).Select(c => new { c.Id, c.Name, c.Path, c.ParentId }).ToListAsync(ct);
        var childIds = children.Select(c => c.Id).ToList();
        var childReports = await db.IndicatorReports.AsNoTracking()
            .Where(r => childIds.Contains(r.UnitId) && r.Year == y && r.State != ReportState.Draft)
            .OrderBy(r => r.State == ReportState.Submitted ? 0 : 1).ThenBy(r => r.SubmittedAt).ToListAsync(ct);
        var childDefinitions = childReports.Select(r => r.IndicatorId).Except(definitions.Select(d => d.Id)).ToList();
        var allDefinitions = definitions.Concat(await db.ReportedIndicators.IgnoreQueryFilters().AsNoTracking()
            .Where(r => childDefinitions.Contains(r.Id)).ToListAsync(ct)).ToDictionary(d => d.Id);

        var documentIds = own.Values.Concat(childReports).Where(r => r.EvidenceDocumentId is not null).Select(r => r.EvidenceDocumentId!.Value).ToList();
        var documents = await db.Documents.IgnoreQueryFilters().AsNoTracking().Where(d => documentIds.Contains(d.Id))
            .Select(d => new Document { Id = d.Id, UnitId = d.UnitId, FileName = d.FileName, ContentType = d.ContentType, Length = d.Length, Sha256 = d.Sha256, UploadedAt = d.UploadedAt, UploadedBy = d.UploadedBy })
            .ToDictionaryAsync(d => d.Id, ct);
        Document? EvidenceOf(IndicatorReport? r) => r?.EvidenceDocumentId is { } id ? documents.GetValueOrDefault(id) : null;

        // A retired indicator stays on the list for a year it was reported in, so its history remains readable.
        var lines = definitions.Where(d => d.RetiredAt is null || own.ContainsKey(d.Id))
            .Select(d => new Line(d, unitNames.GetValueOrDefault(d.UnitId) ?? "", own.GetValueOrDefault(d.Id), EvidenceOf(own.GetValueOrDefault(d.Id))))
            .ToList();
        var mayReview = MayReview(children.FirstOrDefault() is { } any ? new OrgUnit { Id = any.Id, ParentId = any.ParentId, Path = any.Path } : null);
        var childLines = childReports.Where(r => allDefinitions.ContainsKey(r.IndicatorId))
            .Select(r => new ChildReport(r, allDefinitions[r.IndicatorId], children.First(c => c.Id == r.UnitId).Name, EvidenceOf(r),
                mayReview && r.SubmittedBy != db.Scope.UserName))
            .ToList();
        var canDefine = !unit.IsClosed && db.Scope.Covers(unit.Path, Permission.FiguresManage);
        return new View(unit, y, reader.CurrentYear, canDefine, !unit.IsClosed && y <= reader.CurrentYear, lines, childLines,
            definitions.Where(d => d.UnitId == unit.Id).ToList());
    }

    /// <summary>Defines an indicator for the unit's subtree; its name is unique among the indicators the units below see.</summary>
    public async Task<Result<ReportedIndicator>> DefineAsync(DefineCommand c, CancellationToken ct)
    {
        var u = await db.UnitForAsync(c.UnitId, Permission.FiguresManage, "UnitId", ct);
        if (!u.Ok)
        {
            return Result<ReportedIndicator>.Fail(u.Failures);
        }
        var unit = u.Value!;
        var failures = new List<Failure>();
        if (unit.IsClosed)
        {
            failures.Add(new Failure("UnitId", "UnitClosed", 409));
        }
        var name = c.Name?.Trim() ?? "";
        var measure = c.Measure?.Trim() ?? "";
        var description = string.IsNullOrWhiteSpace(c.Description) ? null : c.Description.Trim();
        if (name.Length == 0)
        {
            failures.Add(Failure.Required("Name") with { Label = "IndicatorName" });
        }
        else if (name.Length > ReportedIndicator.NameMaxLength)
        {
            failures.Add(Failure.TooLong("Name", ReportedIndicator.NameMaxLength) with { Label = "IndicatorName" });
        }
        if (measure.Length == 0)
        {
            failures.Add(Failure.Required("Measure") with { Label = "IndicatorMeasure" });
        }
        else if (measure.Length > ReportedIndicator.UnitNameMaxLength)
        {
            failures.Add(Failure.TooLong("Measure", ReportedIndicator.UnitNameMaxLength) with { Label = "IndicatorMeasure" });
        }
        if (description?.Length > ReportedIndicator.DescriptionMaxLength)
        {
            failures.Add(Failure.TooLong("Description", ReportedIndicator.DescriptionMaxLength));
        }
        if (c.Section is not { } section || !Enum.IsDefined(section) || section == SummarySection.Plan)
        {
            failures.Add(c.Section is null ? Failure.Required("Section") with { Label = "IndicatorSection" } : new Failure("Section", "InvalidChoice") { Label = "IndicatorSection" });
        }
        if (name.Length > 0 && failures.Count == 0)
        {
            // The same name twice in one catalogue (here or above, or the same name retired here) would be ambiguous on every page.
            var chain = Rollups.Chain(unit.Path);
            if (await db.ReportedIndicators.IgnoreQueryFilters().AnyAsync(r => r.Name == name && (r.UnitId == unit.Id || (chain.Contains(r.UnitId) && r.RetiredAt == null)), ct))
            {
                failures.Add(new Failure("Name", "IndicatorNameTaken", 409) { Label = "IndicatorName" });
            }
        }
        if (failures.Count > 0)
        {
            return Result<ReportedIndicator>.Fail(failures);
        }
        var indicator = new ReportedIndicator
        {
            UnitId = unit.Id, Name = name, Measure = measure, Description = description, Section = c.Section!.Value,
            CreatedAt = clock.GetUtcNow(), CreatedBy = db.Scope.UserName,
        };
        db.ReportedIndicators.Add(indicator);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new Failure("Name", "IndicatorNameTaken", 409) { Label = "IndicatorName" };
        }
        return indicator;
    }

    /// <summary>Retires an indicator: no more reports; approved values of past years stay in the figures of those years.</summary>
    public async Task<Result<ReportedIndicator>> RetireAsync(Guid id, CancellationToken ct)
    {
        var r = await db.OwnedAsync(db.ReportedIndicators, x => x.Id == id, Permission.FiguresManage, ct);
        if (!r.Ok)
        {
            return r;
        }
        var indicator = r.Value!;
        if (indicator.RetiredAt is not null)
        {
            return new Failure("Id", "IndicatorRetired", 409);
        }
        indicator.RetiredAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return indicator;
    }

    /// <summary>
    /// Saves a unit's value for a year as a draft, or submits it to the level above (<see cref="ReportCommand.Submit"/>):
    /// a submitted value needs its explanation and its evidence. A value under review or approved cannot be changed;
    /// a returned one can, and goes back to draft.
    /// </summary>
    public async Task<Result<IndicatorReport>> SaveAsync(ReportCommand c, CancellationToken ct)
    {
        var u = await db.UnitForAsync(c.UnitId, Permission.FiguresRead, "UnitId", ct);
        if (!u.Ok)
        {
            return Result<IndicatorReport>.Fail(u.Failures);
        }
        var unit = u.Value!;
        var indicator = c.IndicatorId is { } iid ? await db.ReportedIndicators.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(r => r.Id == iid, ct) : null;
        if (indicator is null || !Rollups.Chain(unit.Path).Contains(indicator.UnitId))
        {
            // Only the indicators defined for the unit's part of the tree can be reported by it.
            return c.IndicatorId is null ? Failure.Required("IndicatorId") : Failure.NotFound("IndicatorId");
        }
        var failures = new List<Failure>();
        if (c.Year is not { } year)
        {
            failures.Add(Failure.Required("Year"));
            year = 0;
        }
        else if (year < IndicatorTarget.MinYear || year > reader.CurrentYear)
        {
            // A year not over yet can be reported (progress so far); a future one cannot.
            failures.Add(new Failure("Year", "Range", 400, IndicatorTarget.MinYear, reader.CurrentYear));
        }
        if (c.Value is null)
        {
            failures.Add(Failure.Required("Value") with { Label = "ReportedValue" });
        }
        else if (c.Value is < 0 or > MaxValue)
        {
            failures.Add(new Failure("Value", "Range", 400, 0, MaxValue) { Label = "ReportedValue" });
        }
        else if (decimal.Round(c.Value.Value, 2) != c.Value.Value)
        {
            failures.Add(new Failure("Value", "TwoDecimals") { Label = "ReportedValue" });
        }
        var note = c.Note?.Trim() ?? "";
        if (note.Length > IndicatorReport.NoteMaxLength)
        {
            failures.Add(Failure.TooLong("Note", IndicatorReport.NoteMaxLength) with { Label = "ReportNote" });
        }
        else if (c.Submit && note.Length == 0)
        {
            failures.Add(Failure.Required("Note") with { Label = "ReportNote" });
        }
        var report = await db.IndicatorReports.FirstOrDefaultAsync(r => r.IndicatorId == indicator.Id && r.UnitId == unit.Id && r.Year == year, ct);
        failures.AddRange(Locked(indicator, unit, report, rule => new Failure("Value", rule, 409) { Label = "ReportedValue" }));
        var now = clock.GetUtcNow();
        Document? evidence = null;
        if (c.Evidence is { Length: > 0 } && failures.Count == 0)
        {
            var stored = await StoreDocument.AcceptAsync(db, c.Evidence, unit.Id, "Evidence", now, ct, photosToo: true);
            if (!stored.Ok)
            {
                failures.AddRange(stored.Failures);
            }
            evidence = stored.Value;
        }
        if (c.Submit && evidence is null && report?.EvidenceDocumentId is null)
        {
            failures.Add(Failure.Required("Evidence"));
        }
        if (failures.Count > 0)
        {
            db.ChangeTracker.Clear();
            return Result<IndicatorReport>.Fail(failures);
        }
        if (report is null)
        {
            report = new IndicatorReport { IndicatorId = indicator.Id, UnitId = unit.Id, Year = year };
            db.IndicatorReports.Add(report);
        }
        report.Value = c.Value!.Value;
        report.Note = note;
        report.EvidenceDocumentId = evidence?.Id ?? report.EvidenceDocumentId;
        report.UpdatedAt = now;
        // Back to draft; the last reviewer's reason stays visible until the value is submitted again.
        report.State = ReportState.Draft;
        if (c.Submit)
        {
            Submit(report, unit, indicator, now);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two people saved the first value of the same report at once; the unique index kept one.
            db.ChangeTracker.Clear();
            return new Failure("Value", "ReportUnderReview", 409) { Label = "ReportedValue" };
        }
        return report;
    }

    /// <summary>
    /// Why a unit's value cannot be saved or submitted now: the indicator is retired, the unit closed, or the value is
    /// already with the level above (under review or approved; <paramref name="withAbove"/> names the field it is told on).
    /// </summary>
    private static List<Failure> Locked(ReportedIndicator indicator, OrgUnit unit, IndicatorReport? report, Func<string, Failure> withAbove)
    {
        var failures = new List<Failure>();
        if (indicator.RetiredAt is not null)
        {
            failures.Add(new Failure("IndicatorId", "IndicatorRetired", 409));
        }
        if (unit.IsClosed)
        {
            failures.Add(new Failure("UnitId", "UnitClosed", 409));
        }
        if (report?.State is ReportState.Submitted or ReportState.Approved)
        {
            failures.Add(withAbove(report.State == ReportState.Approved ? "ReportApproved" : "ReportUnderReview"));
        }
        return failures;
    }

    /// <summary>Submits a saved draft (or a returned value unchanged) to the level above.</summary>
    public async Task<Result<IndicatorReport>> SubmitAsync(Guid id, CancellationToken ct)
    {
        var r = await db.OwnedAsync(db.IndicatorReports, x => x.Id == id, Permission.FiguresRead, ct);
        if (!r.Ok)
        {
            return r;
        }
        var report = r.Value!;
        var unit = await db.OrgUnits.IgnoreQueryFilters().AsNoTracking().FirstAsync(x => x.Id == report.UnitId, ct);
        var indicator = await db.ReportedIndicators.IgnoreQueryFilters().AsNoTracking().FirstAsync(x => x.Id == report.IndicatorId, ct);
        var failures = Locked(indicator, unit, report, rule => new Failure("Id", rule, 409));
        if (report.Note.Length == 0)
        {
            failures.Add(Failure.Required("Note") with { Label = "ReportNote" });
        }
        if (report.EvidenceDocumentId is null)
        {
            failures.Add(Failure.Required("Evidence"));
        }
        if (failures.Count > 0)
        {
            return Result<IndicatorReport>.Fail(failures);
        }
        Submit(report, unit, indicator, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return report;
    }

    /// <summary>
    /// The level above approves (the value counts from now on) or returns it with a reason; an approved value can also be
    /// returned later, which takes it out of the figures again.
    /// </summary>
    public async Task<Result<IndicatorReport>> ReviewAsync(Guid id, bool approve, string? note, CancellationToken ct)
    {
        var report = await db.IndicatorReports.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return Failure.NotFound("Id");
        }
        var unit = await db.OrgUnits.IgnoreQueryFilters().AsNoTracking().FirstAsync(x => x.Id == report.UnitId, ct);
        if (!MayReview(unit))
        {
            return new Failure("Id", "ReviewFromAbove", 403);
        }
        if (report.SubmittedBy == db.Scope.UserName)
        {
            return new Failure("Id", "ReviewOwnReport", 403);
        }
        var reason = note?.Trim() ?? "";
        var failures = new List<Failure>();
        if (approve ? report.State != ReportState.Submitted : report.State is not (ReportState.Submitted or ReportState.Approved))
        {
            failures.Add(new Failure("Id", "ReportNotSubmitted", 409));
        }
        if (reason.Length > IndicatorReport.NoteMaxLength)
        {
            failures.Add(Failure.TooLong("ReviewNote", IndicatorReport.NoteMaxLength));
        }
        else if (!approve && reason.Length == 0)
        {
            failures.Add(Failure.Required("ReviewNote"));
        }
        if (failures.Count > 0)
        {
            return Result<IndicatorReport>.Fail(failures);
        }
        var now = clock.GetUtcNow();
        report.State = approve ? ReportState.Approved : ReportState.Returned;
        report.ReviewedBy = db.Scope.UserName;
        report.ReviewedAt = now;
        report.ReviewNote = reason.Length == 0 ? null : reason;
        report.UpdatedAt = now;
        var indicator = await db.ReportedIndicators.IgnoreQueryFilters().AsNoTracking().FirstAsync(x => x.Id == report.IndicatorId, ct);
        db.Tell(unit.Id, approve ? NoticeKind.FigureReportApproved : NoticeKind.FigureReportReturned, $"/figures/reported?unit={unit.Id}&year={report.Year}", now,
            indicator.Name, report.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), reason);
        await db.SaveChangesAsync(ct);
        return report;
    }

    /// <summary>Who reviews a unit's reports: whoever manages figures over its parent (the system administrator for a top unit).</summary>
    public bool MayReview(OrgUnit? unit) => unit is not null && SetTargets.FromAbove(db.Scope, unit);

    private void Submit(IndicatorReport report, OrgUnit unit, ReportedIndicator indicator, DateTimeOffset now)
    {
        report.State = ReportState.Submitted;
        report.SubmittedBy = db.Scope.UserName;
        report.SubmittedAt = now;
        report.ReviewNote = null;
        if (unit.ParentId is { } parent)
        {
            db.Tell(parent, NoticeKind.FigureReportSubmitted, $"/figures/reported?unit={parent}&year={report.Year}", now,
                unit.Name, indicator.Name, report.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
