using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Notices;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Notices;
using Qingyun.Infrastructure;

namespace Qingyun.Features.Volunteering;

/// <summary>Sends an SMS or e-mail. One interface; the deployment chooses the gateway.</summary>
public interface IMessageSender
{
    Task SendAsync(OutgoingMessage message, CancellationToken ct);
}

/// <summary>
/// The local sender: keeps each message in the outbox table and logs it, for a first run, the demo and
/// the tests. A real SMS gateway implements <see cref="IMessageSender"/> the same way.
/// </summary>
public sealed class LocalMessageSender(AppDbContext db, ILogger<LocalMessageSender> log, TimeProvider clock) : IMessageSender
{
    public async Task SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        message.SentAt = clock.GetUtcNow();
        db.OutgoingMessages.Add(message);
        await db.SaveChangesAsync(ct);
        log.LogInformation("Local sender: {Channel} to person {Person}: {Body}", message.Channel, message.PersonId, message.Body);
    }
}

/// <summary>
/// Reminds volunteers with a confirmed place a day before the start: in the app, and by the sender.
/// Idempotent: a sign-up is reminded once (RemindedAt), whichever node's job gets there first.
/// </summary>
public sealed class ReminderJob(IServiceScopeFactory scopes, ILogger<ReminderJob> log, TimeProvider clock) : PeriodicJob(scopes, log, clock)
{
    /// <summary>How far ahead of the start a reminder goes out.</summary>
    public static readonly TimeSpan Ahead = TimeSpan.FromHours(24);

    protected override TimeSpan Every => TimeSpan.FromMinutes(5);

    protected override string Actor => "reminders";

    protected override Task<int> RunOnceAsync(IServiceProvider services, TimeProvider clock, CancellationToken ct) => RemindDueAsync(services, clock, ct);

    public static async Task<int> RemindDueAsync(IServiceProvider sp, TimeProvider clock, CancellationToken ct)
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var sender = sp.GetRequiredService<IMessageSender>();
        var t = sp.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Resources.SharedResource>>();
        var now = clock.GetUtcNow();
        var horizon = now + Ahead;
        var due = await (from s in db.SignUps.IgnoreQueryFilters()
                         join a in db.Activities.IgnoreQueryFilters() on s.ActivityId equals a.Id
                         join v in db.Volunteers.IgnoreQueryFilters() on s.VolunteerId equals v.Id
                         where s.State == SignUpState.Confirmed && s.RemindedAt == null && a.State == ActivityState.Published
                               && a.StartsAt > now && a.StartsAt <= horizon
                         orderby a.StartsAt, s.Sequence
                         select new { s.Id, a.Title, a.Place, a.StartsAt, a.UnitId, v.PersonId, ActivityId = a.Id }).Take(500).ToListAsync(ct);
        var sent = 0;
        foreach (var d in due)
        {
            // Claim the reminder first: if another node got there, this one sends nothing.
            var claimed = await db.SignUps.IgnoreQueryFilters().Where(s => s.Id == d.Id && s.RemindedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.RemindedAt, now), ct);
            if (claimed == 0)
            {
                continue;
            }
            var when = d.StartsAt.ShowTime();
            db.TellPerson(d.PersonId, d.UnitId, NoticeKind.ActivityReminder, $"/serve/activities/{d.ActivityId}", now, d.Title, when, d.Place);
            await db.SaveChangesAsync(ct);
            // A batch is up to 500 reminders: keep the tracker empty so each save checks one notice, not all so far.
            db.ChangeTracker.Clear();
            await sender.SendAsync(new OutgoingMessage
            {
                UnitId = d.UnitId, PersonId = d.PersonId, Channel = "sms", CreatedAt = now,
                Body = t.WithCulture(Localization.Chinese, "Sms.Reminder", d.Title, when, d.Place),
            }, ct);
            sent++;
        }
        return sent;
    }
}
