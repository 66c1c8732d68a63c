using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Rosters;

namespace Qingyun.Features.Recruitment;

public sealed record RecruitRow(Guid Id, Guid PersonId, string Name, string? IdNumberMasked, DateOnly BirthDate, Guid UnitId, string UnitName,
    RecruitStage Stage, DateOnly AppliedOn, DateOnly? ActivistOn, DateOnly? CandidateOn, DateOnly? MeetingOn, DateOnly? AdmittedOn, Guid? MembershipId, int Classes);

public sealed record RecruitStepRow(RecruitStage Stage, DateOnly On, Guid? DocumentId, string? Note, string? ByUserName, DateTimeOffset At);

public sealed record RecruitDetails(RecruitRow Recruit, string UnitPath, IReadOnlyList<RecruitStepRow> Steps, IReadOnlyList<RecruitClass> Classes);

/// <summary>Recruitment cases in scope: open ones first by default, keyset-paged by id.</summary>
public sealed class BrowseRecruits(AppDbContext db)
{
    public const int PageSize = 50;

    // Rows are positional records: EF Core cannot filter or sort on them after projection, so every
    // condition and the order are applied to the entities first.
    private IQueryable<RecruitRow> Rows(IQueryable<Recruit> recruits, string? name = null)
    {
        var people = string.IsNullOrWhiteSpace(name) ? db.People : db.People.Where(p => p.Name.Contains(name.Trim()));
        return from r in recruits
        join p in people on r.PersonId equals p.Id
        join u in db.OrgUnits on r.UnitId equals u.Id
        orderby r.Id
        select new RecruitRow(r.Id, p.Id, p.Name, p.IdNumberMasked, p.BirthDate, u.Id, u.Name, r.Stage, r.AppliedOn, r.ActivistOn, r.CandidateOn,
            r.MeetingOn, r.AdmittedOn, r.MembershipId, db.RecruitClasses.Count(c => c.RecruitId == r.Id));
    }

    public async Task<(IReadOnlyList<RecruitRow> Items, Guid? Next)> ListAsync(RecruitStage? stage, bool openOnly, string? name, Guid? after, CancellationToken ct)
    {
        var recruits = db.Recruits.AsQueryable();
        if (stage is { } s)
        {
            recruits = recruits.Where(r => r.Stage == s);
        }
        else if (openOnly)
        {
            recruits = recruits.Where(r => r.Stage != RecruitStage.Member && r.Stage != RecruitStage.Withdrawn);
        }
        if (after is { } a)
        {
            recruits = recruits.Where(r => r.Id.CompareTo(a) > 0);
        }
        var q = Rows(recruits, name);
        var items = await q.Take(PageSize + 1).ToListAsync(ct);
        return items.Count > PageSize ? (items[..PageSize], items[PageSize - 1].Id) : (items, null);
    }

    public async Task<Result<RecruitDetails>> DetailsAsync(Guid id, CancellationToken ct)
    {
        var row = await Rows(db.Recruits.Where(r => r.Id == id)).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return Failure.NotFound("Id");
        }
        var path = await db.OrgUnits.Where(u => u.Id == row.UnitId).Select(u => u.Path).FirstAsync(ct);
        var steps = await db.RecruitSteps.Where(s => s.RecruitId == id).OrderBy(s => s.At)
            .Select(s => new RecruitStepRow(s.Stage, s.On, s.DocumentId, s.Note, s.ByUserName, s.At)).ToListAsync(ct);
        var classes = await db.RecruitClasses.Where(c => c.RecruitId == id).OrderBy(c => c.On).ToListAsync(ct);
        return new RecruitDetails(row, path, steps, classes);
    }
}
