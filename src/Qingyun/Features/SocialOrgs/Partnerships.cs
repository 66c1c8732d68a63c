using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Infrastructure;

namespace Qingyun.Features.SocialOrgs;

/// <summary>
/// 亲青伙伴 (decision 013): a designation by the registry unit for a term, with what each side commits to.
/// Designating moves the organization to the Partner stage; revoking (dated, with a reason) ends the term
/// and, when no other term is running, moves it back to 已出壳. A renewal is a new designation, so the
/// history shows every term; terms of one organization may not overlap.
/// </summary>
public sealed class Partnerships(AppDbContext db, Incubation incubation, TimeProvider clock)
{
    public const int TitleMaxLength = 50;
    public const string DefaultTitle = "亲青伙伴";

    public sealed record DesignateCommand(string? Title, DateOnly? From, DateOnly? Until, string? LeagueCommitments, string? OrgCommitments);

    public sealed record RevokeCommand(DateOnly? On, string? Reason);

    public async Task<Result<Partnership>> DesignateAsync(Guid id, DesignateCommand c, CancellationToken ct)
    {
        var managed = await incubation.ManagedAsync(id, ct);
        if (!managed.Ok)
        {
            return Result<Partnership>.Fail(managed.Failures);
        }
        var org = managed.Value!;
        var failures = new List<Failure>();
        var title = SocialOrgInput.Optional(c.Title, "Title", TitleMaxLength, failures, label: "PartnerTitle") ?? DefaultTitle;
        if (c.From is null)
        {
            failures.Add(Failure.Required("From") with { Label = "TermFrom" });
        }
        if (c.Until is null)
        {
            failures.Add(Failure.Required("Until") with { Label = "TermUntil" });
        }
        else if (c.From is { } f && c.Until < f)
        {
            failures.Add(new Failure("Until", "ToBeforeFrom") { Label = "TermUntil" });
        }
        else if (c.From is { } f2 && c.Until > f2.AddYears(5))
        {
            failures.Add(new Failure("Until", "TermTooLong", 400, 5) { Label = "TermUntil" });
        }
        var league = SocialOrgInput.Optional(c.LeagueCommitments, "LeagueCommitments", SocialOrganization.TextMaxLength, failures, allowNewLines: true);
        if (league is null)
        {
            failures.Add(Failure.Required("LeagueCommitments"));
        }
        var own = SocialOrgInput.Optional(c.OrgCommitments, "OrgCommitments", SocialOrganization.TextMaxLength, failures, allowNewLines: true);
        if (own is null)
        {
            failures.Add(Failure.Required("OrgCommitments"));
        }
        if (failures.Count == 0 && await db.Partnerships.AnyAsync(p => p.OrganizationId == id && p.RevokedOn == null
                && p.From <= c.Until && c.From <= p.Until, ct))
        {
            failures.Add(new Failure("From", "TermOverlaps", 409) { Label = "TermFrom" });
        }
        if (failures.Count > 0)
        {
            return Result<Partnership>.Fail(failures);
        }
        var p = new Partnership
        {
            OrganizationId = id, UnitId = org.UnitId, Title = title, From = c.From!.Value, Until = c.Until!.Value, LeagueCommitments = league!,
            OrgCommitments = own!, ByUserName = db.Scope.UserName, CreatedAt = clock.GetUtcNow(),
        };
        db.Partnerships.Add(p);
        if (org.Stage != IncubationStage.Partner)
        {
            // The step is dated the day the term starts — today if it starts later (a step is never in the
            // future), and never before the previous step, so the history reads in order.
            var today = clock.ChinaToday();
            var last = await db.IncubationSteps.Where(s => s.OrganizationId == id).OrderByDescending(s => s.On).Select(s => (DateOnly?)s.On).FirstOrDefaultAsync(ct);
            var on = p.From <= today ? p.From : today;
            incubation.Move(org, IncubationStage.Partner, last is { } l && l > on ? l : on, title);
        }
        await db.SaveChangesAsync(ct);
        return p;
    }

    public async Task<Result<Partnership>> RevokeAsync(Guid id, Guid partnershipId, RevokeCommand c, CancellationToken ct)
    {
        var managed = await incubation.ManagedAsync(id, ct);
        if (!managed.Ok)
        {
            return Result<Partnership>.Fail(managed.Failures);
        }
        var org = managed.Value!;
        var p = await db.Partnerships.FirstOrDefaultAsync(x => x.Id == partnershipId && x.OrganizationId == id, ct);
        if (p is null)
        {
            return Failure.NotFound("PartnershipId");
        }
        var failures = new List<Failure>();
        if (p.RevokedOn is not null)
        {
            failures.Add(new Failure("PartnershipId", "AlreadyRevoked", 409));
        }
        incubation.CheckDay(c.On, "On", null, failures);
        if (c.On is { } on && (on < p.From || on > p.Until))
        {
            failures.Add(new Failure("On", "OutsideTerm", 400, p.From.ShowDate(), p.Until.ShowDate()) { Label = "Date" });
        }
        var reason = SocialOrgInput.Optional(c.Reason, "Reason", SocialOrganization.ShortMaxLength, failures, label: "RevokeReason");
        if (reason is null || reason.Length < ReviewSocialOrg.MinReasonLength)
        {
            failures.Add(new Failure("Reason", "RejectReasonRequired", 400, ReviewSocialOrg.MinReasonLength) { Label = "RevokeReason" });
        }
        if (failures.Count > 0)
        {
            return Result<Partnership>.Fail(failures);
        }
        p.RevokedOn = c.On;
        p.RevokeReason = reason;
        var today = clock.ChinaToday();
        var stillPartner = await db.Partnerships.AnyAsync(x => x.OrganizationId == id && x.Id != p.Id && x.RevokedOn == null && x.From <= today && x.Until >= today, ct);
        if (org.Stage == IncubationStage.Partner && !stillPartner)
        {
            var last = await db.IncubationSteps.Where(s => s.OrganizationId == id).OrderByDescending(s => s.On).Select(s => (DateOnly?)s.On).FirstOrDefaultAsync(ct);
            incubation.Move(org, IncubationStage.Graduated, last is { } l && l > c.On!.Value ? l : c.On!.Value, reason);
        }
        await db.SaveChangesAsync(ct);
        return p;
    }
}
