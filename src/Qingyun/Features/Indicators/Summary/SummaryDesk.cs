using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Indicators;
using Qingyun.Domain.Organization;
using Qingyun.Security;

namespace Qingyun.Features.Indicators.Summary;

/// <summary>
/// The annual work summary of a unit and a year (decision 014): shown to those who read the unit's figures, written by
/// those who manage them. The draft comes from <see cref="SummaryTemplate"/>; the user edits the prose, never the
/// numbers, which <see cref="SummaryText"/> fills at every view. Saving carries the version the user started from, so
/// two people editing at once cannot overwrite each other (409). Every refusal is decided before anything is written.
/// </summary>
public sealed class SummaryDesk(AppDbContext db, FigureReader reader, SummaryText text, TimeProvider clock)
{
    public const int MinYear = IndicatorTarget.MinYear, MaxYear = IndicatorTarget.MaxYear;

    /// <summary>What the page and the API show: the unit, the year, the stored summary if any, and its text rendered now.</summary>
    public sealed record View(OrgUnit Unit, int Year, WorkSummary? Summary, RenderedSummary? Rendered, bool CanManage);

    public static Failure NotGenerated => new("WorkSummary", "SummaryNotGenerated", 404);
    public static Failure Stale => new("Version", "SummaryStale", 409);

    /// <summary>The unit (scope first: outside it 404, read-only 403), then the year's range.</summary>
    private async Task<Result<OrgUnit>> UnitAsync(Guid? unitId, int? year, Permission permission, CancellationToken ct)
    {
        var unit = await db.UnitForAsync(unitId, permission, "UnitId", ct);
        if (!unit.Ok)
        {
            return unit;
        }
        if (year is null)
        {
            return Failure.Required("Year");
        }
        if (year is < MinYear or > MaxYear)
        {
            return new Failure("Year", "Range", 400, MinYear, MaxYear);
        }
        return unit;
    }

    public Task<Guid?> DefaultUnitAsync(CancellationToken ct) => reader.DefaultUnitAsync(ct);

    public int CurrentYear => reader.CurrentYear;

    public async Task<Result<View>> ShowAsync(Guid? unitId, int? year, CancellationToken ct)
    {
        year ??= reader.CurrentYear;
        var u = await UnitAsync(unitId ?? await DefaultUnitAsync(ct), year, Permission.FiguresRead, ct);
        if (!u.Ok)
        {
            return Result<View>.Fail(u.Failures);
        }
        var unit = u.Value!;
        var summary = await db.WorkSummaries.AsNoTracking().FirstOrDefaultAsync(s => s.UnitId == unit.Id && s.Year == year, ct);
        var rendered = summary is null ? null : await text.RenderAsync(unit, year.Value, summary.Title, SummaryText.ReadSections(summary.Sections), ct);
        return new View(unit, year.Value, summary, rendered, db.Scope.Covers(unit.Path, Permission.FiguresManage));
    }

    /// <summary>The numbers the unit's summary can link to, with their values now (the edit form's side list).</summary>
    public async Task<IReadOnlyList<SummaryNumber>> NumbersAsync(OrgUnit unit, int year, CancellationToken ct) =>
        (await text.RenderAsync(unit, year, "", new Dictionary<string, string>(), ct)).Numbers;

    /// <summary>Creates the year's summary from the template; a second one for the same unit and year is refused.</summary>
    public async Task<Result<WorkSummary>> GenerateAsync(Guid? unitId, int? year, CancellationToken ct)
    {
        var u = await UnitAsync(unitId, year, Permission.FiguresManage, ct);
        if (!u.Ok)
        {
            return Result<WorkSummary>.Fail(u.Failures);
        }
        var unit = u.Value!;
        if (await db.WorkSummaries.AnyAsync(s => s.UnitId == unit.Id && s.Year == year, ct))
        {
            return new Failure("WorkSummary", "SummaryExists", 409);
        }
        var catalogue = await reader.CatalogueForAsync(unit, ct);
        var now = clock.GetUtcNow();
        var summary = new WorkSummary
        {
            UnitId = unit.Id, Year = year!.Value, Title = SummaryText.Title(unit, year.Value),
            Sections = SummaryText.WriteSections(SummaryTemplate.DraftAll(catalogue)),
            CreatedAt = now, UpdatedAt = now, UpdatedBy = db.Scope.UserName, Version = 1,
        };
        db.WorkSummaries.Add(summary);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two people generated at once: the unique (unit, year) index let one through.
            db.ChangeTracker.Clear();
            return new Failure("WorkSummary", "SummaryExists", 409);
        }
        return summary;
    }

    /// <summary>
    /// Replaces the prose of the sections given (the others stay), if <paramref name="version"/> is still the stored one.
    /// Unknown sections and prose over <see cref="WorkSummary.SectionMaxLength"/> are refused, naming the section.
    /// </summary>
    public async Task<Result<WorkSummary>> SaveAsync(Guid? unitId, int? year, int? version, IReadOnlyDictionary<string, string?>? sections, CancellationToken ct)
    {
        var u = await UnitAsync(unitId, year, Permission.FiguresManage, ct);
        if (!u.Ok)
        {
            return Result<WorkSummary>.Fail(u.Failures);
        }
        var failures = new List<Failure>();
        if (version is null)
        {
            failures.Add(Failure.Required("Version"));
        }
        var parsed = new Dictionary<string, string>();
        foreach (var (key, prose) in sections ?? new Dictionary<string, string?>())
        {
            if (ParseSection(key) is not { } section)
            {
                failures.Add(new Failure("Sections", "SummaryUnknownSection", 400, key));
                continue;
            }
            var value = (prose ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
            if (value.Length > WorkSummary.SectionMaxLength)
            {
                failures.Add(new Failure("Sections", "SummarySectionTooLong", 400, SummaryTemplate.Heading(section), WorkSummary.SectionMaxLength));
                continue;
            }
            if (value.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
            {
                failures.Add(new Failure("Sections", "SummarySectionControl", 400, SummaryTemplate.Heading(section)));
                continue;
            }
            parsed[section.ToString()] = value;
        }
        if (failures.Count > 0)
        {
            return Result<WorkSummary>.Fail(failures);
        }
        return await ChangeAsync(u.Value!, year!.Value, version!.Value, stored =>
        {
            foreach (var (k, v) in parsed)
            {
                stored[k] = v;
            }
        }, ct);
    }

    /// <summary>Resets one section (or, none named, all of them) to the template's draft.</summary>
    public async Task<Result<WorkSummary>> RegenerateAsync(Guid? unitId, int? year, int? version, string? section, CancellationToken ct)
    {
        var u = await UnitAsync(unitId, year, Permission.FiguresManage, ct);
        if (!u.Ok)
        {
            return Result<WorkSummary>.Fail(u.Failures);
        }
        if (version is null)
        {
            return Failure.Required("Version");
        }
        SummarySection? only = null;
        if (!string.IsNullOrWhiteSpace(section))
        {
            only = ParseSection(section);
            if (only is null)
            {
                return new Failure("Section", "SummaryUnknownSection", 400, section);
            }
        }
        var unit = u.Value!;
        var catalogue = await reader.CatalogueForAsync(unit, ct);
        return await ChangeAsync(unit, year!.Value, version.Value, stored =>
        {
            foreach (var s in SummaryTemplate.Sections.Where(s => only is null || s == only))
            {
                stored[s.ToString()] = SummaryTemplate.Draft(s, catalogue);
            }
        }, ct);
    }

    private async Task<Result<WorkSummary>> ChangeAsync(OrgUnit unit, int year, int version, Action<Dictionary<string, string>> change, CancellationToken ct)
    {
        var summary = await db.WorkSummaries.FirstOrDefaultAsync(s => s.UnitId == unit.Id && s.Year == year, ct);
        if (summary is null)
        {
            return NotGenerated;
        }
        if (summary.Version != version)
        {
            return Stale;
        }
        var stored = SummaryText.ReadSections(summary.Sections);
        change(stored);
        summary.Sections = SummaryText.WriteSections(stored);
        // The version the user started from is what the UPDATE checks: a save by someone else in between matches no row.
        db.Entry(summary).Property(s => s.Version).OriginalValue = version;
        summary.Version = version + 1;
        summary.UpdatedAt = clock.GetUtcNow();
        summary.UpdatedBy = db.Scope.UserName;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Stale;
        }
        return summary;
    }

    public static SummarySection? ParseSection(string? name) =>
        !string.IsNullOrWhiteSpace(name) && !int.TryParse(name, out _) && Enum.TryParse<SummarySection>(name.Trim(), ignoreCase: true, out var s) && Enum.IsDefined(s)
            ? s : null;
}
