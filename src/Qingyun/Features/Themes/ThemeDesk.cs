using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Hubs;
using Qingyun.Features.Series;
using Qingyun.Features.Volunteering;
using Qingyun.Security;

namespace Qingyun.Features.Themes;

/// <summary>
/// Quarterly themes (季度主题: 服务季, 运动季, 文体季, 文化季): one per unit and quarter, with a plan that the
/// quarter's page measures against what the unit's subtree actually held.
/// </summary>
public sealed class ThemeDesk(AppDbContext db, TimeProvider clock)
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;
    public const int MaxPlanned = 1_000_000;

    public sealed record Command(Guid? UnitId, int? Year, int? Quarter, string? Title, string? Description, int? PlannedActivities, int? PlannedPersonTimes);

    /// <summary>Plan against actual: all youth activities of the subtree in the quarter, and those tagged with the theme.</summary>
    public sealed record Report(QuarterTheme Theme, DateTimeOffset From, DateTimeOffset To, Figures All, Figures Tagged)
    {
        public static int? Percent(int actual, int planned) => planned <= 0 ? null : (int)Math.Round(actual * 100m / planned, MidpointRounding.AwayFromZero);
    }

    /// <summary>The quarter's first instant and the next quarter's, China time, in UTC.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) QuarterBounds(int year, int quarter)
    {
        var first = new DateOnly(year, (quarter - 1) * 3 + 1, 1);
        return (SeriesRule.StartOf(first, TimeOnly.MinValue), SeriesRule.StartOf(first.AddMonths(3), TimeOnly.MinValue));
    }

    public async Task<Result<QuarterTheme>> CreateAsync(Command c, CancellationToken ct)
    {
        var unit = await db.UnitForAsync(c.UnitId, Permission.ServiceManage, "UnitId", ct);
        if (!unit.Ok)
        {
            return Result<QuarterTheme>.Fail(unit.Failures);
        }
        var theme = new QuarterTheme { UnitId = unit.Value!.Id, CreatedAt = clock.GetUtcNow(), CreatedBy = db.Scope.UserName };
        var f = await ApplyAsync(theme, c, ct);
        if (f.Count > 0)
        {
            return Result<QuarterTheme>.Fail(f);
        }
        db.QuarterThemes.Add(theme);
        return await SaveAsync(theme, ct);
    }

    public async Task<Result<QuarterTheme>> EditAsync(Guid id, Command c, CancellationToken ct)
    {
        var theme = await db.OwnedAsync(db.QuarterThemes, t => t.Id == id, Permission.ServiceManage, ct);
        if (!theme.Ok)
        {
            return theme;
        }
        var f = await ApplyAsync(theme.Value!, c, ct);
        if (f.Count > 0)
        {
            db.ChangeTracker.Clear();
            return Result<QuarterTheme>.Fail(f);
        }
        return await SaveAsync(theme.Value!, ct);
    }

    public async Task<Result<Report>> ReportAsync(Guid id, CancellationToken ct)
    {
        var theme = await db.OwnedAsync(db.QuarterThemes.AsNoTracking(), t => t.Id == id, Permission.ServiceRead, ct);
        if (!theme.Ok)
        {
            return Result<Report>.Fail(theme.Failures);
        }
        var t = theme.Value!;
        var path = await db.OrgUnits.Where(u => u.Id == t.UnitId).Select(u => u.Path).FirstAsync(ct);
        var (from, to) = QuarterBounds(t.Year, t.Quarter);
        var now = clock.GetUtcNow();
        var all = await ActivityFigures.ForAsync(db, path, from, to, now, null, ct);
        var tagged = await ActivityFigures.ForAsync(db, path, from, to, now, t.Id, ct);
        return new Report(t, from, to, all, tagged);
    }

    private async Task<Result<QuarterTheme>> SaveAsync(QuarterTheme theme, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two saves of the same quarter at once: the unique index keeps one.
            db.ChangeTracker.Clear();
            return Duplicate(theme);
        }
        return theme;
    }

    private static Failure Duplicate(QuarterTheme theme) => new("Quarter", "DuplicateTheme", 409, theme.Year, theme.Quarter);

    private async Task<List<Failure>> ApplyAsync(QuarterTheme theme, Command c, CancellationToken ct)
    {
        var f = new List<Failure>();
        var title = ActivityDesk.Text(c.Title, "ThemeTitle", QuarterTheme.TitleMaxLength, true, f);
        var description = ActivityDesk.Text(c.Description, "Description", QuarterTheme.DescriptionMaxLength, false, f);
        if (c.Year is not { } year)
        {
            f.Add(Failure.Required("Year"));
        }
        else if (year is < MinYear or > MaxYear)
        {
            f.Add(new Failure("Year", "Range", 400, MinYear, MaxYear));
        }
        if (c.Quarter is not { } quarter)
        {
            f.Add(Failure.Required("Quarter"));
        }
        else if (quarter is < 1 or > 4)
        {
            f.Add(new Failure("Quarter", "Range", 400, 1, 4));
        }
        Planned(c.PlannedActivities, "PlannedActivities", f);
        Planned(c.PlannedPersonTimes, "PlannedPersonTimes", f);
        if (f.Count > 0)
        {
            return f;
        }
        if (await db.QuarterThemes.IgnoreQueryFilters([AppDbContext.ScopeFilter])
            .AnyAsync(x => x.UnitId == theme.UnitId && x.Year == c.Year && x.Quarter == c.Quarter && x.Id != theme.Id, ct))
        {
            return [new Failure("Quarter", "DuplicateTheme", 409, c.Year!.Value, c.Quarter!.Value)];
        }
        theme.Title = title!;
        theme.Description = description;
        theme.Year = c.Year!.Value;
        theme.Quarter = c.Quarter!.Value;
        theme.PlannedActivities = c.PlannedActivities!.Value;
        theme.PlannedPersonTimes = c.PlannedPersonTimes!.Value;
        return f;
    }

    private static void Planned(int? value, string field, List<Failure> f)
    {
        if (value is null)
        {
            f.Add(Failure.Required(field));
        }
        else if (value is < 0 or > MaxPlanned)
        {
            f.Add(new Failure(field, "Range", 400, 0, MaxPlanned));
        }
    }
}
