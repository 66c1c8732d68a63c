using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Cadres;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Cadres;

public sealed record CadreFilter(
    Guid? UnitId = null, string? Name = null, CadrePost? Post = null, CadreKind? Kind = null, bool? Overdue = null, Guid? After = null);

/// <summary>
/// One term with its holder and unit. The holder's name is null when their person record lies outside
/// the reader's scope (registered in another unit): the post still counts as held, the name is not shown.
/// </summary>
public sealed record CadreRow
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    public string? Name { get; init; }
    public Gender? Gender { get; init; }
    public DateOnly? BirthDate { get; init; }
    public string? PhoneMasked { get; init; }
    public string? IdNumberMasked { get; init; }
    public Guid UnitId { get; init; }
    public string UnitName { get; init; } = "";
    public string UnitCode { get; init; } = "";
    public CadrePost Post { get; init; }
    public CadreKind Kind { get; init; }
    public DateOnly StartedOn { get; init; }
    public DateOnly? PlannedEndOn { get; init; }
    public DateOnly? EndedOn { get; init; }
    public TermEndReason? EndReason { get; init; }
    public string? AppointNote { get; init; }
    public string? EndNote { get; init; }
    public Guid? PredecessorTermId { get; init; }

    public bool IsOpen => EndedOn is null;

    public bool OverdueOn(DateOnly today) => CadreTerm.Overdue(EndedOn, PlannedEndOn, today);
}

public sealed record CadrePage(IReadOnlyList<CadreRow> Items, Guid? Next);

public sealed record VacantUnit(Guid Id, string Code, string Name, UnitKind Kind, LeagueBodyType BodyType);

public sealed record VacancyPage(IReadOnlyList<VacantUnit> Items, Guid? Next);

/// <summary>A unit's team: current terms by post, then the ended ones (the history of each post).</summary>
public sealed record UnitTeam(OrgUnit Unit, bool Vacant, IReadOnlyList<CadreRow> Current, IReadOnlyList<CadreRow> History)
{
    /// <summary>Who followed an ended term by hand-over, if anyone visible did.</summary>
    public CadreRow? SuccessorOf(Guid termId) => Current.Concat(History).FirstOrDefault(r => r.PredecessorTermId == termId);
}

public sealed record CadreDetails(CadreRow Holder, IReadOnlyList<CadreRow> Terms, IReadOnlyList<CadreTraining> Trainings);

public sealed record TermDetails(CadreRow Term, IReadOnlyList<CadreRow> PostHistory);

/// <summary>
/// The read side of cadres: the list of current cadres in scope (keyset paged), the vacant units, a unit's
/// team, a cadre's record. Every set keeps its scope filter: terms and trainings by their unit, people by
/// theirs.
/// </summary>
public sealed class BrowseCadres(AppDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;

    public DateOnly Today => clock.ChinaToday();

    private IQueryable<CadreRow> Rows() =>
        from t in db.CadreTerms
        join u in db.OrgUnits on t.UnitId equals u.Id
        from p in db.People.Where(p => p.Id == t.PersonId).DefaultIfEmpty()
        select new CadreRow
        {
            Id = t.Id, PersonId = t.PersonId, Name = p == null ? null : p.Name, Gender = p == null ? null : p.Gender,
            BirthDate = p == null ? null : p.BirthDate, PhoneMasked = p == null ? null : p.PhoneMasked,
            IdNumberMasked = p == null ? null : p.IdNumberMasked, UnitId = u.Id, UnitName = u.Name, UnitCode = u.Code,
            Post = t.Post, Kind = t.Kind, StartedOn = t.StartedOn, PlannedEndOn = t.PlannedEndOn, EndedOn = t.EndedOn,
            EndReason = t.EndReason, AppointNote = t.AppointNote, EndNote = t.EndNote, PredecessorTermId = t.PredecessorTermId,
        };

    /// <summary>Current cadres matching the filter, in appointment (id) order.</summary>
    public async Task<Result<IQueryable<CadreRow>>> QueryAsync(CadreFilter f, CancellationToken ct)
    {
        var q = Rows().Where(r => r.EndedOn == null);
        if (f.UnitId is { } unitId)
        {
            if (await SubtreeAsync(unitId, ct) is not { } range)
            {
                return Failure.NotFound("UnitId");
            }
            q = q.Where(r => db.OrgUnits.Any(u => u.Id == r.UnitId && string.Compare(u.Path, range.Lo) >= 0 && string.Compare(u.Path, range.Hi) < 0));
        }
        if (!string.IsNullOrWhiteSpace(f.Name))
        {
            var n = f.Name.Trim();
            q = q.Where(r => r.Name!.Contains(n));
        }
        if (f.Post is { } post)
        {
            q = q.Where(r => r.Post == post);
        }
        if (f.Kind is { } kind)
        {
            q = q.Where(r => r.Kind == kind);
        }
        if (f.Overdue == true)
        {
            var today = Today;
            q = q.Where(r => r.PlannedEndOn != null && r.PlannedEndOn < today);
        }
        return Result<IQueryable<CadreRow>>.Success(q);
    }

    public async Task<Result<CadrePage>> ListAsync(CadreFilter f, CancellationToken ct)
    {
        var q = await QueryAsync(f, ct);
        if (!q.Ok)
        {
            return Result<CadrePage>.Fail(q.Failures);
        }
        var query = q.Value!;
        if (f.After is { } after)
        {
            query = query.Where(r => r.Id.CompareTo(after) > 0);
        }
        var rows = await query.OrderBy(r => r.Id).Take(PageSize + 1).ToListAsync(ct);
        Guid? next = null;
        if (rows.Count > PageSize)
        {
            rows.RemoveAt(PageSize);
            next = rows[^1].Id;
        }
        return new CadrePage(rows, next);
    }

    /// <summary>
    /// Units that need a 书记 and have none in office, among those whose people the caller may read
    /// (the unit tree may be visible wider than the rosters are).
    /// </summary>
    private async Task<Result<IQueryable<OrgUnit>>> VacantQueryAsync(Guid? unitId, CancellationToken ct)
    {
        var q = db.OrgUnits.Where(u => u.ClosedAt == null && u.BodyType != LeagueBodyType.TemporaryBranch);
        if (!db.Scope.Unrestricted)
        {
            var paths = db.Scope.PathsWith(Permission.PeopleRead);
            q = q.Where(u => paths.Any(p => u.Path.StartsWith(p)));
        }
        if (unitId is { } id)
        {
            if (await SubtreeAsync(id, ct) is not { } range)
            {
                return Failure.NotFound("UnitId");
            }
            q = q.Where(u => string.Compare(u.Path, range.Lo) >= 0 && string.Compare(u.Path, range.Hi) < 0);
        }
        q = q.Where(u => !db.CadreTerms.Any(t => t.UnitId == u.Id && t.Post == CadrePost.Secretary && t.EndedOn == null));
        return Result<IQueryable<OrgUnit>>.Success(q);
    }

    public async Task<Result<VacancyPage>> VacanciesAsync(Guid? unitId, Guid? after, CancellationToken ct)
    {
        var q = await VacantQueryAsync(unitId, ct);
        if (!q.Ok)
        {
            return Result<VacancyPage>.Fail(q.Failures);
        }
        var query = q.Value!;
        if (after is { } a)
        {
            query = query.Where(u => u.Id.CompareTo(a) > 0);
        }
        var rows = await query.OrderBy(u => u.Id).Take(PageSize + 1)
            .Select(u => new VacantUnit(u.Id, u.Code, u.Name, u.Kind, u.BodyType)).ToListAsync(ct);
        Guid? next = null;
        if (rows.Count > PageSize)
        {
            rows.RemoveAt(PageSize);
            next = rows[^1].Id;
        }
        return new VacancyPage(rows, next);
    }

    public async Task<int> CountVacantAsync(Guid? unitId, CancellationToken ct)
    {
        var q = await VacantQueryAsync(unitId, ct);
        return q.Ok ? await q.Value!.CountAsync(ct) : 0;
    }

    public async Task<int> CountOverdueAsync(Guid? unitId, CancellationToken ct)
    {
        var q = await QueryAsync(new CadreFilter(unitId, Overdue: true), ct);
        return q.Ok ? await q.Value!.CountAsync(ct) : 0;
    }

    public async Task<Result<UnitTeam>> TeamAsync(Guid unitId, CancellationToken ct)
    {
        var unit = await db.UnitForAsync(unitId, Permission.PeopleRead, "UnitId", ct);
        if (!unit.Ok)
        {
            return Result<UnitTeam>.Fail(unit.Failures);
        }
        var rows = await Rows().Where(r => r.UnitId == unitId).ToListAsync(ct);
        var current = rows.Where(r => r.IsOpen).OrderBy(r => r.Post).ThenBy(r => r.StartedOn).ThenBy(r => r.Id).ToList();
        var history = rows.Where(r => !r.IsOpen).OrderByDescending(r => r.EndedOn).ThenBy(r => r.Post).ToList();
        var u = unit.Value!;
        var vacant = !u.IsClosed && CadreRules.NeedsSecretary(u.BodyType) && current.All(r => r.Post != CadrePost.Secretary);
        return new UnitTeam(u, vacant, current, history);
    }

    /// <summary>A cadre's record: every visible term they held, and their trainings.</summary>
    public async Task<Result<CadreDetails>> CadreAsync(Guid personId, CancellationToken ct)
    {
        var terms = await Rows().Where(r => r.PersonId == personId).ToListAsync(ct);
        if (terms.Count == 0)
        {
            return Failure.NotFound("Id");
        }
        var ordered = terms.OrderBy(r => r.IsOpen ? 0 : 1).ThenByDescending(r => r.StartedOn).ToList();
        var trainings = (await db.CadreTrainings.AsNoTracking().Where(t => t.PersonId == personId).ToListAsync(ct))
            .OrderByDescending(t => t.AttendedOn).ThenByDescending(t => t.Id).ToList();
        return new CadreDetails(ordered[0], ordered, trainings);
    }

    /// <summary>One term and the history of its post in its unit.</summary>
    public async Task<Result<TermDetails>> TermAsync(Guid id, CancellationToken ct)
    {
        var term = await Rows().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (term is null)
        {
            return Failure.NotFound("Id");
        }
        var history = (await Rows().Where(r => r.UnitId == term.UnitId && r.Post == term.Post).ToListAsync(ct))
            .OrderByDescending(r => r.StartedOn).ThenByDescending(r => r.Id).ToList();
        return new TermDetails(term, history);
    }

    public Task<string?> UnitPathAsync(Guid unitId, CancellationToken ct) =>
        db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct);

    /// <summary>A visible unit's subtree as a path range; null when the unit is unknown or out of scope.</summary>
    private async Task<(string Lo, string Hi)?> SubtreeAsync(Guid unitId, CancellationToken ct)
    {
        var path = await db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
        return path is null ? null : (path, ScopeRanges.UpperBound(path));
    }
}
