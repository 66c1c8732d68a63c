using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Rosters;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Transfers;

public static class TransfersSetup
{
    public static IServiceCollection AddTransfers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TransferOptions>().Bind(configuration.GetSection("Rosters"))
            .Validate(o => o.TransferLapseDays is >= 1 and <= 90, "Rosters:TransferLapseDays must be between 1 and 90 days.")
            .ValidateOnStart();
        services.AddScoped<TransferSteps>();
        services.AddScoped<OwnMembership>();
        services.AddHostedService<TransferLapseJob>();
        return services;
    }

    public sealed record StartBody(Guid? MembershipId, string? MemberNumber, string? MemberName, Guid? ToUnitId, string? ToUnitCode, TransferReason Reason, string? Note);

    public sealed record DecideBody(bool Accept, string? Note);

    public sealed record MemberStartBody(string? ToUnitCode, TransferReason Reason, string? Note);

    /// <summary>Requests in scope (either end), newest first; lapses overdue ones first so the list is true.</summary>
    public static async Task<IReadOnlyList<Transfer>> ListAsync(AppDbContext db, TransferSteps steps, bool openOnly, Guid? before, int take, CancellationToken ct)
    {
        await steps.LapseDueAsync(ct);
        var q = db.Transfers.AsNoTracking();
        if (openOnly)
        {
            q = q.Where(t => t.State == TransferState.AwaitingAncestor || t.State == TransferState.Pending);
        }
        if (before is { } b)
        {
            q = q.Where(t => t.Id.CompareTo(b) < 0);
        }
        return await q.OrderByDescending(t => t.Id).Take(take).ToListAsync(ct);
    }

    public static WebApplication MapTransfersApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/transfers").WithTags("Transfers");
        static object View(Transfer t) => new
        {
            t.Id, t.MembershipId, t.MemberName, t.MemberNumber, fromUnitId = t.UnitId, t.FromUnitName, t.ToUnitId, t.ToUnitName, t.AncestorUnitId,
            t.Reason, t.Note, t.StartedBy, t.StartedByUserName, t.State, t.StartedAt, t.DueAt, t.DecidedAt, t.DecidedByUserName, t.DecisionNote,
        };

        api.MapGet("/", async (bool? openOnly, Guid? before, AppDbContext db, TransferSteps steps, CancellationToken ct) =>
            Results.Ok(new { items = (await ListAsync(db, steps, openOnly ?? false, before, 50, ct)).Select(View) }))
          .RequirePermission(Permission.PeopleRead).WithName("ListTransfers")
          .WithSummary("Transfer requests (组织关系转接) where either branch is in scope, newest first; `before` pages back.");

        api.MapGet("/{id:guid}", async (Guid id, AppDbContext db, TransferSteps steps, CancellationToken ct) =>
        {
            await steps.LapseDueAsync(ct);
            var t = await db.Transfers.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            return t is null ? Results.NotFound() : Results.Ok(View(t));
        }).RequirePermission(Permission.PeopleRead).WithName("GetTransfer");

        api.MapPost("/", async (StartBody b, TransferSteps steps, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await steps.StartAsync(new TransferSteps.StartCommand(b.MembershipId, b.MemberNumber, b.MemberName, b.ToUnitId, b.ToUnitCode, b.Reason, b.Note), ct);
            return r.Ok ? Results.Created($"/api/v1/transfers/{r.Value!.Id}", View(r.Value)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleManage).WithName("StartTransfer")
          .WithSummary("Started by the sending branch (`membershipId` + `toUnitCode` or `toUnitId`) or the receiving one (`toUnitId` + `memberNumber` + `memberName`). Outside the starter's scope it goes to the common ancestor first.");

        api.MapPost("/{id:guid}/decision", async (Guid id, DecideBody b, TransferSteps steps, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await steps.DecideAsync(new TransferSteps.DecideCommand(id, b.Accept, b.Note), ct);
            return r.Ok ? Results.Ok(View(r.Value!)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleManage).WithName("DecideTransfer")
          .WithSummary("The common ancestor passes it on, or the other side accepts (the member moves) or rejects with a reason (`note`).");

        api.MapPost("/{id:guid}/cancel", async (Guid id, TransferSteps steps, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await steps.CancelAsync(id, ct);
            return r.Ok ? Results.Ok(View(r.Value!)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleManage).WithName("CancelTransfer").WithSummary("The starting side withdraws an unanswered request.");

        // The member's own request: any signed-in account linked to a person on a roster.
        app.MapPost("/api/v1/me/transfer", async (MemberStartBody b, OwnMembership own, TransferSteps steps, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var personId = await own.PersonIdAsync(ct);
            if (personId is null)
            {
                return new[] { new Qingyun.Domain.Failure("MembershipId", "NotAMember", 404) }.ToProblem(t);
            }
            var r = await steps.StartAsMemberAsync(personId.Value, new TransferSteps.StartCommand(null, null, null, null, b.ToUnitCode, b.Reason, b.Note), ct);
            return r.Ok ? Results.Created($"/api/v1/me/transfer", new { r.Value!.Id, r.Value.State, r.Value.ToUnitName }) : r.Failures.ToProblem(t);
        }).RequireAuthorization().WithTags("Transfers").WithName("StartOwnTransfer")
          .WithSummary("A member asks to move to another branch (by its code); the common ancestor's admins route it.");
        return app;
    }
}
