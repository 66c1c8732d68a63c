using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.People;
using Qingyun.Domain.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Certificates;

/// <summary>
/// 出具志愿服务证明: an organizing unit certifies the hours of its own records ("谁组织谁记录") — the
/// volunteer's lines recorded by this unit, net of their corrections, optionally within a period — and
/// nothing recorded by any other unit. The facts are frozen in the certificate when it is issued.
/// </summary>
public static class IssueCertificate
{
    public sealed record Command(Guid? UnitId, string? VolunteerNumber, DateOnly? From, DateOnly? To, string? Content, string? PersonInCharge, string? ContactPhone);

    /// <summary>What a unit's own record holds for a volunteer in a period, net of corrections.</summary>
    public sealed record Tally(long Minutes, int Entries, DateOnly? First, DateOnly? Last);

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public async Task<Result<Certificate>> Handle(Command c, CancellationToken ct)
        {
            var unit = await db.UnitForAsync(c.UnitId, Permission.ServiceManage, "UnitId", ct);
            if (!unit.Ok)
            {
                return Result<Certificate>.Fail(unit.Failures);
            }
            var issuer = unit.Value!;
            var now = clock.GetUtcNow();
            var today = now.ChinaDate();
            var failures = new List<Failure>();
            var number = c.VolunteerNumber?.Trim() ?? "";
            if (number.Length == 0)
            {
                failures.Add(Failure.Required("VolunteerNumber"));
            }
            if (c.To is { } to && to > today)
            {
                failures.Add(new Failure("To", "DateInFuture"));
            }
            if (c.From is { } f && c.To is { } t && f > t)
            {
                failures.Add(new Failure("From", "FromAfterTo"));
            }
            var content = Text(c.Content, "Content", Certificate.ContentMaxLength, multiline: true, failures);
            var inCharge = Text(c.PersonInCharge, "PersonInCharge", Person.NameMaxLength, multiline: false, failures);
            string phone = "";
            if (string.IsNullOrWhiteSpace(c.ContactPhone))
            {
                failures.Add(Failure.Required("ContactPhone"));
            }
            else if (!Domain.Building.ContactPhone.TryNormalize(c.ContactPhone, out phone))
            {
                failures.Add(new Failure("ContactPhone", "ContactPhonePattern"));
            }
            if (issuer.IsClosed)
            {
                failures.Add(new Failure("UnitId", "UnitClosed"));
            }
            if (failures.Count > 0)
            {
                return Result<Certificate>.Fail(failures);
            }

            // The volunteer may have registered anywhere: the number is public, and what is certified
            // comes only from this unit's own lines below.
            var holder = await (from v in db.Volunteers.IgnoreQueryFilters([AppDbContext.ScopeFilter])
                                join p in db.People.IgnoreQueryFilters([AppDbContext.ScopeFilter]) on v.PersonId equals p.Id
                                where v.Number == number
                                select new { v.Id, v.Number, p.Name, p.IdNumberMasked }).FirstOrDefaultAsync(ct);
            if (holder is null)
            {
                return new Failure("VolunteerNumber", "VolunteerNumberUnknown");
            }
            var tally = await TallyAsync(db, holder.Id, issuer.Id, c.From, c.To, ct);
            if (tally.Minutes <= 0)
            {
                return c.From is null && c.To is null
                    ? new Failure("VolunteerNumber", "NoHoursWithUnit", 400, issuer.Name)
                    : new Failure("VolunteerNumber", "NoHoursWithUnitInPeriod", 400, issuer.Name,
                        c.From?.ShowDate() ?? "…", (c.To ?? today).ShowDate());
            }

            var certificate = new Certificate
            {
                VolunteerId = holder.Id, UnitId = issuer.Id, HolderName = holder.Name, HolderNameMasked = CertificateRules.MaskName(holder.Name),
                VolunteerNumber = holder.Number, HolderIdMasked = holder.IdNumberMasked ?? "", Minutes = tally.Minutes, EntryCount = tally.Entries,
                FromDate = c.From ?? tally.First!.Value, ToDate = c.To ?? tally.Last!.Value, Content = content!, IssuerName = issuer.Name,
                PersonInCharge = inCharge!, ContactPhone = phone, IssuedOn = today, IssuedAt = now, IssuedBy = db.Scope.UserName ?? "",
            };
            for (var attempt = 0; ; attempt++)
            {
                certificate.Number = CertificateRules.NewNumber(today);
                db.Certificates.Add(certificate);
                try
                {
                    await db.SaveChangesAsync(ct);
                    return certificate;
                }
                catch (DbUpdateException) when (attempt < 4)
                {
                    // A clash of numbers (one in 10^15): forget this attempt, audit line included, and draw again.
                    foreach (var e in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList())
                    {
                        e.State = EntityState.Detached;
                    }
                }
            }
        }
    }

    /// <summary>
    /// The unit's own lines of the volunteer in the period, each net of the corrections that reverse it;
    /// a line reversed in full no longer counts.
    /// </summary>
    public static async Task<Tally> TallyAsync(AppDbContext db, Guid volunteerId, Guid unitId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var lines = db.ServiceEntries.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().Where(e => e.VolunteerId == volunteerId);
        var own = lines.Where(e => e.UnitId == unitId && e.Kind != EntryKind.Reversal);
        if (from is { } f)
        {
            own = own.Where(e => e.ServiceDate >= f);
        }
        if (to is { } t)
        {
            own = own.Where(e => e.ServiceDate <= t);
        }
        var originals = await own.Select(e => new { e.Id, e.Minutes, e.ServiceDate }).ToListAsync(ct);
        if (originals.Count == 0)
        {
            return new Tally(0, 0, null, null);
        }
        var reversed = (await lines.Where(e => e.Kind == EntryKind.Reversal && e.ReversesEntryId != null)
                .Select(e => new { Of = e.ReversesEntryId!.Value, e.Minutes }).ToListAsync(ct))
            .GroupBy(r => r.Of).ToDictionary(g => g.Key, g => g.Sum(r => (long)r.Minutes));
        var counted = originals.Select(o => (o.ServiceDate, Net: o.Minutes + reversed.GetValueOrDefault(o.Id))).Where(x => x.Net > 0).ToList();
        return counted.Count == 0
            ? new Tally(0, 0, null, null)
            : new Tally(counted.Sum(x => x.Net), counted.Count, counted.Min(x => x.ServiceDate), counted.Max(x => x.ServiceDate));
    }

    internal static string? Text(string? value, string field, int max, bool multiline, List<Failure> failures)
    {
        var v = value?.Trim() ?? "";
        if (v.Length == 0)
        {
            failures.Add(Failure.Required(field));
        }
        else if (v.Length > max)
        {
            failures.Add(Failure.TooLong(field, max));
        }
        else if (v.Any(ch => char.IsControl(ch) && !(multiline && ch is '\n' or '\r')))
        {
            failures.Add(new Failure(field, "ControlCharacters"));
        }
        return v.Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
