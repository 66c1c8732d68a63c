using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Volunteering;
using Qingyun.Security;

namespace Qingyun.Features.Volunteering;

/// <summary>
/// Who a volunteer is, for the people who work with them. An organizer sees the names of volunteers on
/// their own sign-ups, attendance and records even when the volunteer registered in another unit: the
/// ids come from rows the scope filter already let through, and only name, number and masked phone leave.
/// </summary>
public static class VolunteerDirectory
{
    public sealed record Card(Guid VolunteerId, Guid PersonId, string Name, string Number, string? PhoneMasked, int Stars);

    public static async Task<Dictionary<Guid, Card>> CardsAsync(AppDbContext db, IEnumerable<Guid> volunteerIds, CancellationToken ct)
    {
        var ids = volunteerIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        var rows = await (from v in db.Volunteers.IgnoreQueryFilters([AppDbContext.ScopeFilter])
                          join p in db.People.IgnoreQueryFilters([AppDbContext.ScopeFilter]) on v.PersonId equals p.Id
                          where ids.Contains(v.Id)
                          select new Card(v.Id, v.PersonId, p.Name, v.Number, p.PhoneMasked, v.Stars)).ToListAsync(ct);
        return rows.ToDictionary(r => r.VolunteerId);
    }

    /// <summary>The signed-in account's own volunteer registration, if any (read by person, not by scope).</summary>
    public static async Task<Volunteer?> OwnAsync(AppDbContext db, CancellationToken ct)
    {
        var personId = await db.OwnPersonIdAsync(ct);
        return personId is { } id ? await VolunteerOfPerson.For(db)(db, id, ct) : null;
    }

    // On every check-in and on the volunteer's own pages.
    private static readonly PerModel<Func<AppDbContext, Guid, CancellationToken, Task<Volunteer?>>> VolunteerOfPerson = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, Guid personId, CancellationToken ct) =>
            db.Volunteers.IgnoreQueryFilters(new[] { AppDbContext.ScopeFilter }).FirstOrDefault(v => v.PersonId == personId)));
}

/// <summary>志愿者编号: public, printed on certificates, never derived from the ID number.</summary>
public static class VolunteerNumbers
{
    /// <summary>Year of registration and eight random digits; the unique index catches the rare clash and the caller retries.</summary>
    public static string New(DateOnly today) =>
        today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + System.Security.Cryptography.RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
}
