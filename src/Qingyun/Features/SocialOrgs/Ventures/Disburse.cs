using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Ventures;

/// <summary>资金拨付: a payment to a funded project with its reference; the payments together never exceed the award.</summary>
public sealed class Disburse(AppDbContext db, TimeProvider clock)
{
    public sealed record Command(DateOnly? On, decimal? Amount, string? Reference, string? Note);

    public async Task<Result<VentureDisbursement>> RunAsync(Guid applicationId, Command c, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.VentureApplications.AsNoTracking(), a => a.Id == applicationId, Permission.SocialOrgsManage, ct);
        if (!found.Ok)
        {
            return Result<VentureDisbursement>.Fail(found.Failures);
        }
        var application = found.Value!;
        if (application.Status is not (ApplicationStatus.Awarded or ApplicationStatus.Completed) || application.Awarded is not { } award)
        {
            return new Failure("Application", "NotFunded", 409);
        }
        var f = new List<Failure>();
        var on = VentureRules.Date(f, "On", c.On, "PaidOn");
        var amount = VentureRules.Money(f, "Amount", c.Amount, VentureRules.MaxBudget, "PaidAmount");
        var reference = VentureRules.Text(f, "Reference", c.Reference, VentureDisbursement.ReferenceMaxLength, "PaymentReference");
        var note = VentureRules.Optional(f, "Note", c.Note, SocialOrganization.ShortMaxLength);
        if (f.Count > 0)
        {
            return Result<VentureDisbursement>.Fail(f);
        }
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Lock the application so that concurrent payments are summed one after another.
        var locked = await db.VentureApplications.Where(a => a.Id == applicationId && (a.Status == ApplicationStatus.Awarded || a.Status == ApplicationStatus.Completed))
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.UpdatedAt, now), ct);
        if (locked == 0)
        {
            return new Failure("Application", "NotFunded", 409);
        }
        var paid = (await db.VentureDisbursements.Where(d => d.ApplicationId == applicationId).Select(d => d.Amount).ToListAsync(ct)).Sum();
        if (paid + amount > award)
        {
            return new Failure("Amount", "PaymentOverAward", 400, VentureRules.Yuan(award), VentureRules.Yuan(paid), VentureRules.Yuan(award - paid)) { Label = "PaidAmount" };
        }
        var payment = new VentureDisbursement
        {
            ApplicationId = applicationId, UnitId = application.UnitId, On = on, Amount = amount, Reference = reference, Note = note,
            ByUserName = db.Scope.UserName, At = now,
        };
        db.VentureDisbursements.Add(payment);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return payment;
    }
}
