using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Evaluations;

/// <summary>
/// 评价办法 (decision 013): a draft's criteria may change; publishing freezes it (weights &gt; 0 summing to exactly
/// 100, each maximum &gt; 0); a change to a published scheme is a new draft version of the same family; retiring
/// stops new evaluations from using it. A published or retired scheme never changes (409).
/// </summary>
public sealed class SchemeDesk(AppDbContext db, TimeProvider clock)
{
    public const decimal MaxMaxScore = 1000m;
    public const int MaxCriteria = 50;

    public sealed record SchemeRow(Guid Id, Guid FamilyId, Guid UnitId, string UnitName, string Name, int Version, SchemeStatus Status,
        int Criteria, int Evaluations, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt);

    public sealed record CriterionInput(string? Group, string? Name, decimal? Weight, decimal? MaxScore, string? Guidance, string? EvidenceRequired, int? SortOrder);

    public sealed record SchemeView(EvaluationScheme Scheme, string UnitName, IReadOnlyList<EvaluationCriterion> Criteria, bool CanManage);

    /// <summary>The schemes the caller may read: their subtree's, and published ones from anywhere; newest first.</summary>
    public async Task<IReadOnlyList<SchemeRow>> ListAsync(SchemeStatus? status, CancellationToken ct)
    {
        var q = db.EvaluationSchemes.AsNoTracking();
        if (status is { } s)
        {
            q = q.Where(x => x.Status == s);
        }
        var rows = await q.OrderBy(x => x.Name).ThenByDescending(x => x.Version).Take(500)
            .Select(x => new
            {
                x.Id, x.FamilyId, x.UnitId, x.Name, x.Version, x.Status, x.CreatedAt, x.PublishedAt,
                Criteria = db.EvaluationCriteria.Count(c => c.SchemeId == x.Id),
                Evaluations = db.Evaluations.Count(e => e.SchemeId == x.Id),
            }).ToListAsync(ct);
        var names = await UnitNamesAsync(rows.Select(r => r.UnitId), ct);
        return rows.Select(r => new SchemeRow(r.Id, r.FamilyId, r.UnitId, names.GetValueOrDefault(r.UnitId, "—"), r.Name, r.Version, r.Status,
            r.Criteria, r.Evaluations, r.CreatedAt, r.PublishedAt)).ToList();
    }

    /// <summary>All versions of a family the caller may read, newest first.</summary>
    public async Task<IReadOnlyList<SchemeRow>> HistoryAsync(Guid familyId, CancellationToken ct) =>
        (await ListAsync(null, ct)).Where(r => r.FamilyId == familyId).OrderByDescending(r => r.Version).ToList();

    internal async Task<Dictionary<Guid, string>> UnitNamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.OrgUnits.AsNoTracking().Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
    }

    /// <summary>A scheme with its criteria in order; 404 outside the caller's reading.</summary>
    public async Task<Result<SchemeView>> OpenAsync(Guid id, CancellationToken ct)
    {
        var scheme = await db.EvaluationSchemes.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (scheme is null)
        {
            return Failure.NotFound("Id");
        }
        var criteria = await CriteriaAsync(id, ct);
        var unit = await db.OrgUnits.AsNoTracking().Where(u => u.Id == scheme.UnitId).Select(u => new { u.Name, u.Path }).FirstOrDefaultAsync(ct);
        var canManage = unit is not null && db.Scope.Covers(unit.Path, Permission.SocialOrgsManage);
        return new SchemeView(scheme, unit?.Name ?? "—", criteria, canManage);
    }

    public Task<List<EvaluationCriterion>> CriteriaAsync(Guid schemeId, CancellationToken ct) =>
        db.EvaluationCriteria.AsNoTracking().Where(c => c.SchemeId == schemeId).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);

    public async Task<Result<EvaluationScheme>> CreateAsync(Guid? unitId, string? name, string? description, CancellationToken ct)
    {
        var unit = await db.UnitForAsync(unitId, Permission.SocialOrgsManage, "UnitId", ct);
        if (!unit.Ok)
        {
            return Result<EvaluationScheme>.Fail(unit.Failures);
        }
        var f = new List<Failure>();
        var n = Text(name, "Name", EvaluationScheme.NameMaxLength, true, f);
        var d = Text(description, "Description", EvaluationScheme.TextMaxLength, false, f);
        if (f.Count > 0)
        {
            return Result<EvaluationScheme>.Fail(f);
        }
        var id = Guid.CreateVersion7();
        var scheme = new EvaluationScheme
        {
            Id = id, FamilyId = id, Version = 1, UnitId = unit.Value!.Id, Name = n!, Description = d, Status = SchemeStatus.Draft,
            CreatedBy = db.Scope.UserName, CreatedAt = clock.GetUtcNow(),
        };
        db.EvaluationSchemes.Add(scheme);
        await db.SaveChangesAsync(ct);
        return scheme;
    }

    /// <summary>A draft the caller manages: 404 outside reading, 403 readable only, 409 once published or retired.</summary>
    private async Task<Result<EvaluationScheme>> DraftAsync(Guid id, CancellationToken ct)
    {
        var r = await db.OwnedAsync(db.EvaluationSchemes, s => s.Id == id, Permission.SocialOrgsManage, ct);
        if (!r.Ok)
        {
            return r;
        }
        return r.Value!.Status == SchemeStatus.Draft ? r : new Failure("EvaluationScheme", "SchemeFrozen", 409);
    }

    public async Task<Result<EvaluationScheme>> EditAsync(Guid id, string? name, string? description, CancellationToken ct)
    {
        var r = await DraftAsync(id, ct);
        if (!r.Ok)
        {
            return r;
        }
        var f = new List<Failure>();
        var n = Text(name, "Name", EvaluationScheme.NameMaxLength, true, f);
        var d = Text(description, "Description", EvaluationScheme.TextMaxLength, false, f);
        if (f.Count > 0)
        {
            return Result<EvaluationScheme>.Fail(f);
        }
        r.Value!.Name = n!;
        r.Value.Description = d;
        await db.SaveChangesAsync(ct);
        return r;
    }

    public async Task<Result<EvaluationCriterion>> AddCriterionAsync(Guid schemeId, CriterionInput input, CancellationToken ct)
    {
        var r = await DraftAsync(schemeId, ct);
        if (!r.Ok)
        {
            return Result<EvaluationCriterion>.Fail(r.Failures);
        }
        var count = await db.EvaluationCriteria.CountAsync(c => c.SchemeId == schemeId, ct);
        if (count >= MaxCriteria)
        {
            return new Failure("Criteria", "TooManyCriteria", 400, MaxCriteria);
        }
        var criterion = new EvaluationCriterion { SchemeId = schemeId };
        var order = await db.EvaluationCriteria.Where(c => c.SchemeId == schemeId).MaxAsync(c => (int?)c.SortOrder, ct) ?? 0;
        var f = Apply(criterion, input, order + 10);
        if (f.Count > 0)
        {
            return Result<EvaluationCriterion>.Fail(f);
        }
        db.EvaluationCriteria.Add(criterion);
        await db.SaveChangesAsync(ct);
        return criterion;
    }

    public async Task<Result<EvaluationCriterion>> EditCriterionAsync(Guid schemeId, Guid criterionId, CriterionInput input, CancellationToken ct)
    {
        var r = await DraftAsync(schemeId, ct);
        if (!r.Ok)
        {
            return Result<EvaluationCriterion>.Fail(r.Failures);
        }
        var criterion = await db.EvaluationCriteria.FirstOrDefaultAsync(c => c.Id == criterionId && c.SchemeId == schemeId, ct);
        if (criterion is null)
        {
            return Failure.NotFound("CriterionId");
        }
        var f = Apply(criterion, input, criterion.SortOrder);
        if (f.Count > 0)
        {
            return Result<EvaluationCriterion>.Fail(f);
        }
        await db.SaveChangesAsync(ct);
        return criterion;
    }

    public async Task<Result<EvaluationCriterion>> RemoveCriterionAsync(Guid schemeId, Guid criterionId, CancellationToken ct)
    {
        var r = await DraftAsync(schemeId, ct);
        if (!r.Ok)
        {
            return Result<EvaluationCriterion>.Fail(r.Failures);
        }
        var criterion = await db.EvaluationCriteria.FirstOrDefaultAsync(c => c.Id == criterionId && c.SchemeId == schemeId, ct);
        if (criterion is null)
        {
            return Failure.NotFound("CriterionId");
        }
        db.EvaluationCriteria.Remove(criterion);
        await db.SaveChangesAsync(ct);
        return criterion;
    }

    /// <summary>
    /// Publishes a draft: at least one criterion, each weight and maximum above 0, the weights summing to exactly
    /// 100 (the refusal names the actual sum). The status moves by one guarded update, so it moves once.
    /// </summary>
    public async Task<Result<EvaluationScheme>> PublishAsync(Guid id, CancellationToken ct)
    {
        var r = await DraftAsync(id, ct);
        if (!r.Ok)
        {
            return r;
        }
        var criteria = (await CriteriaAsync(id, ct)).Select(c => new CriterionRule(c.Id, c.Group, c.Name, c.Weight, c.MaxScore)).ToList();
        var f = new List<Failure>();
        if (criteria.Count == 0)
        {
            f.Add(new Failure("Criteria", "AtLeastOneCriterion"));
        }
        if (criteria.Any(c => c.Weight <= 0))
        {
            f.Add(new Failure("Weight", "WeightPositive"));
        }
        if (criteria.Any(c => c.MaxScore <= 0))
        {
            f.Add(new Failure("MaxScore", "MaxScorePositive"));
        }
        var sum = criteria.Sum(c => c.Weight);
        if (criteria.Count > 0 && sum != EvaluationScheme.TotalWeight)
        {
            f.Add(new Failure("Weight", "WeightsSum", 400, sum.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (f.Count > 0 || !WeightedScore.WeightsAreValid(criteria))
        {
            return Result<EvaluationScheme>.Fail(f.Count > 0 ? f : [new Failure("Weight", "WeightsSum", 400, sum)]);
        }
        var now = clock.GetUtcNow();
        var moved = await db.EvaluationSchemes.Where(s => s.Id == id && s.Status == SchemeStatus.Draft)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SchemeStatus.Published).SetProperty(s => s.PublishedAt, now), ct);
        if (moved == 0)
        {
            return new Failure("EvaluationScheme", "SchemeFrozen", 409);
        }
        return await db.EvaluationSchemes.AsNoTracking().FirstAsync(s => s.Id == id, ct);
    }

    /// <summary>Copies a published (or retired) scheme into a new draft version of its family; one draft per family at a time.</summary>
    public async Task<Result<EvaluationScheme>> NewVersionAsync(Guid id, CancellationToken ct)
    {
        var r = await db.OwnedAsync(db.EvaluationSchemes.AsNoTracking(), s => s.Id == id, Permission.SocialOrgsManage, ct);
        if (!r.Ok)
        {
            return r;
        }
        var source = r.Value!;
        if (source.Status == SchemeStatus.Draft)
        {
            return new Failure("EvaluationScheme", "SchemeIsDraft", 409);
        }
        var family = db.EvaluationSchemes.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(s => s.FamilyId == source.FamilyId);
        if (await family.AnyAsync(s => s.Status == SchemeStatus.Draft, ct))
        {
            return new Failure("EvaluationScheme", "DraftVersionExists", 409);
        }
        var version = await family.MaxAsync(s => s.Version, ct) + 1;
        var copy = new EvaluationScheme
        {
            UnitId = source.UnitId, FamilyId = source.FamilyId, Version = version, Name = source.Name, Description = source.Description,
            Status = SchemeStatus.Draft, CreatedBy = db.Scope.UserName, CreatedAt = clock.GetUtcNow(),
        };
        db.EvaluationSchemes.Add(copy);
        foreach (var c in await CriteriaAsync(source.Id, ct))
        {
            db.EvaluationCriteria.Add(new EvaluationCriterion
            {
                SchemeId = copy.Id, Group = c.Group, Name = c.Name, Weight = c.Weight, MaxScore = c.MaxScore, Guidance = c.Guidance,
                EvidenceRequired = c.EvidenceRequired, SortOrder = c.SortOrder,
            });
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return new Failure("EvaluationScheme", "DraftVersionExists", 409);
        }
        return copy;
    }

    /// <summary>Retires a published scheme: no new evaluation may use it; evaluations that did keep it.</summary>
    public async Task<Result<EvaluationScheme>> RetireAsync(Guid id, CancellationToken ct)
    {
        var r = await db.OwnedAsync(db.EvaluationSchemes.AsNoTracking(), s => s.Id == id, Permission.SocialOrgsManage, ct);
        if (!r.Ok)
        {
            return r;
        }
        var moved = await db.EvaluationSchemes.Where(s => s.Id == id && s.Status == SchemeStatus.Published)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SchemeStatus.Retired), ct);
        if (moved == 0)
        {
            return new Failure("EvaluationScheme", r.Value!.Status == SchemeStatus.Draft ? "SchemeIsDraft" : "SchemeFrozen", 409);
        }
        return await db.EvaluationSchemes.AsNoTracking().FirstAsync(s => s.Id == id, ct);
    }

    private static List<Failure> Apply(EvaluationCriterion c, CriterionInput input, int defaultOrder)
    {
        var f = new List<Failure>();
        var group = Text(input.Group, "Group", EvaluationCriterion.GroupMaxLength, true, f);
        var name = Text(input.Name, "Name", EvaluationCriterion.NameMaxLength, true, f);
        var guidance = Text(input.Guidance, "Guidance", EvaluationCriterion.TextMaxLength, false, f);
        var evidence = Text(input.EvidenceRequired, "EvidenceRequired", EvaluationCriterion.TextMaxLength, false, f);
        if (input.Weight is not { } weight)
        {
            f.Add(Failure.Required("Weight"));
        }
        else if (weight <= 0 || weight > EvaluationScheme.TotalWeight || decimal.Round(weight, 2) != weight)
        {
            f.Add(new Failure("Weight", "WeightRule"));
        }
        if (input.MaxScore is not { } max)
        {
            f.Add(Failure.Required("MaxScore"));
        }
        else if (max <= 0 || max > MaxMaxScore || decimal.Round(max, 2) != max)
        {
            f.Add(new Failure("MaxScore", "MaxScoreRule", 400, MaxMaxScore));
        }
        var order = input.SortOrder ?? defaultOrder;
        if (order is < 0 or > 100_000)
        {
            f.Add(new Failure("SortOrder", "Range", 400, 0, 100_000));
        }
        if (f.Count == 0)
        {
            c.Group = group!;
            c.Name = name!;
            c.Weight = input.Weight!.Value;
            c.MaxScore = input.MaxScore!.Value;
            c.Guidance = guidance;
            c.EvidenceRequired = evidence;
            c.SortOrder = order;
        }
        return f;
    }

    /// <summary>Trimmed text: required or not, within a length, no control characters but line breaks.</summary>
    internal static string? Text(string? value, string field, int max, bool required, List<Failure> f)
    {
        var v = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (v is null)
        {
            if (required)
            {
                f.Add(Failure.Required(field));
            }
            return null;
        }
        if (v.Length > max)
        {
            f.Add(Failure.TooLong(field, max));
            return null;
        }
        if (v.Any(ch => char.IsControl(ch) && ch is not ('\n' or '\r' or '\t')))
        {
            f.Add(new Failure(field, "ControlCharacters"));
            return null;
        }
        return v;
    }
}
