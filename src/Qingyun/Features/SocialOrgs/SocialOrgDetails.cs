using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Infrastructure;

namespace Qingyun.Features.SocialOrgs;

public sealed record StepLine(Guid Id, IncubationStage? From, IncubationStage To, DateOnly On, string? Note, string? ByUserName);

public sealed record SupportLine(Guid Id, SupportKind Kind, DateOnly On, string Description, decimal? Amount, Guid? GivenByUnitId, string? GivenByUnitName, string? ByUserName);

public sealed record MentorLine(Guid Id, string Name, string Expertise, DateOnly From, DateOnly? Until, bool Current);

public sealed record MilestoneLine(Guid Id, string Title, DateOnly DueOn, DateOnly? AchievedOn, string? Note, bool Overdue);

public sealed record PartnershipLine(
    Guid Id, Guid UnitId, string UnitName, string Title, DateOnly From, DateOnly Until, string LeagueCommitments, string OrgCommitments,
    DateOnly? RevokedOn, string? RevokeReason, string? ByUserName, bool ActiveNow);

/// <summary>The League-building record (非公团建) with the same credit code, when the viewer can see it.</summary>
public sealed record BuildingLink(Guid Id, string Name);

public sealed record SocialOrgView(
    SocialOrganization Org, string UnitName, string? LeagueUnitName, BuildingLink? Building,
    IReadOnlyList<StepLine> Steps, IReadOnlyList<SupportLine> Supports, decimal FundingTotal, IReadOnlyList<MentorLine> Mentors,
    IReadOnlyList<MilestoneLine> Milestones, IReadOnlyList<PartnershipLine> Partnerships)
{
    public PartnershipLine? CurrentPartnership => Partnerships.FirstOrDefault(p => p.ActiveNow);
}

/// <summary>
/// One organization with its incubation and partnerships, read through the query filters: League staff
/// in scope, or the organization's own account. Every child set is filtered by the organization's own
/// visibility, so nothing here lifts a filter.
/// </summary>
public sealed class SocialOrgDetails(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<SocialOrgView>> LoadAsync(Guid id, CancellationToken ct)
    {
        var org = await db.SocialOrganizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        return org is null ? Failure.NotFound("Id") : await ViewAsync(org, ct);
    }

    public async Task<SocialOrgView> ViewAsync(SocialOrganization org, CancellationToken ct)
    {
        var today = clock.ChinaToday();
        var id = org.Id;
        // The registry unit's name is shown to whoever sees the organization (its own account included), so it
        // is read by id past the unit filter; the League unit's name only when the viewer sees that unit.
        var unitName = await db.OrgUnits.IgnoreQueryFilters().Where(u => u.Id == org.UnitId).Select(u => u.Name).FirstAsync(ct);
        var leagueName = org.LeagueUnitId is null ? null : await db.OrgUnits.Where(u => u.Id == org.LeagueUnitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        var building = org.CreditCode is null ? null
            : await db.NewOrganizations.Where(o => o.CreditCode == org.CreditCode).Select(o => new BuildingLink(o.Id, o.Name)).FirstOrDefaultAsync(ct);
        var steps = await db.IncubationSteps.AsNoTracking().Where(s => s.OrganizationId == id).OrderByDescending(s => s.On).ThenByDescending(s => s.At)
            .Select(s => new StepLine(s.Id, s.From, s.To, s.On, s.Note, s.ByUserName)).ToListAsync(ct);
        var supports = await db.IncubationSupports.AsNoTracking().Where(s => s.OrganizationId == id).OrderByDescending(s => s.On).ThenByDescending(s => s.At)
            .Select(s => new SupportLine(s.Id, s.Kind, s.On, s.Description, s.Amount, s.GivenByUnitId,
                db.OrgUnits.Where(u => u.Id == s.GivenByUnitId).Select(u => u.Name).FirstOrDefault(), s.ByUserName)).ToListAsync(ct);
        var mentors = (await db.IncubationMentors.AsNoTracking().Where(m => m.OrganizationId == id).OrderByDescending(m => m.From).ToListAsync(ct))
            .Select(m => new MentorLine(m.Id, m.Name, m.Expertise, m.From, m.Until, m.From <= today && (m.Until is null || m.Until >= today))).ToList();
        var milestones = (await db.IncubationMilestones.AsNoTracking().Where(m => m.OrganizationId == id).OrderBy(m => m.DueOn).ToListAsync(ct))
            .Select(m => new MilestoneLine(m.Id, m.Title, m.DueOn, m.AchievedOn, m.Note, m.AchievedOn is null && m.DueOn < today)).ToList();
        var partnerships = (await db.Partnerships.AsNoTracking().Where(p => p.OrganizationId == id).OrderByDescending(p => p.From).ToListAsync(ct));
        var partnerUnits = partnerships.Select(p => p.UnitId).Distinct().ToList();
        var names = await db.OrgUnits.IgnoreQueryFilters().Where(u => partnerUnits.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        // Money is summed in memory: SQLite cannot SUM decimals.
        var funding = supports.Where(s => s.Amount is not null).Sum(s => s.Amount!.Value);
        return new SocialOrgView(org, unitName, leagueName, building, steps, supports, funding, mentors, milestones,
            [.. partnerships.Select(p => new PartnershipLine(p.Id, p.UnitId, names.GetValueOrDefault(p.UnitId, ""), p.Title, p.From, p.Until,
                p.LeagueCommitments, p.OrgCommitments, p.RevokedOn, p.RevokeReason, p.ByUserName, p.IsActiveOn(today)))]);
    }
}
