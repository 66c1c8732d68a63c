using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Notices;

namespace Qingyun.Features.Notices;

/// <summary>Telling a unit something happened: a line in the inbox of everyone who looks after it.</summary>
public static class Notices
{
    /// <summary>Added to the context; saved with the change it reports, so a notice never tells of something undone.</summary>
    public static void Tell(this AppDbContext db, Guid unitId, NoticeKind kind, string? link, DateTimeOffset at, params string[] args) =>
        db.Notices.Add(new Notice { UnitId = unitId, Kind = kind, Link = link, At = at, Args = string.Join(Notice.Separator, args) });

    /// <summary>A notice to one person (a volunteer's sign-up, reminder, hours), from the unit it concerns.</summary>
    public static void TellPerson(this AppDbContext db, Guid personId, Guid unitId, NoticeKind kind, string? link, DateTimeOffset at, params string[] args) =>
        db.Notices.Add(new Notice { PersonId = personId, UnitId = unitId, Kind = kind, Link = link, At = at, Args = string.Join(Notice.Separator, args) });

    /// <summary>A person's own notices, newest first. Read by person, not by scope: they are addressed to them.</summary>
    public static async Task<IReadOnlyList<NoticeView>> ForPersonAsync(AppDbContext db, Guid personId, int take, CancellationToken ct)
    {
        var rows = await db.Notices.IgnoreQueryFilters().AsNoTracking().Where(n => n.PersonId == personId)
            .OrderByDescending(n => n.Id).Take(take).ToListAsync(ct);
        return [.. rows.Select(n => new NoticeView(n.Id, n.Kind, n.ArgList, n.Link, n.At, ""))];
    }

    public sealed record NoticeView(Guid Id, NoticeKind Kind, string[] Args, string? Link, DateTimeOffset At, string UnitName);

    /// <summary>The newest notices of the units in scope, keyset-paged by id (ids are time-ordered).</summary>
    public static async Task<IReadOnlyList<NoticeView>> LatestAsync(AppDbContext db, Guid? before, int take, CancellationToken ct)
    {
        var query = db.Notices.AsNoTracking().Where(n => n.PersonId == null);
        if (before is { } b)
        {
            query = query.Where(n => n.Id.CompareTo(b) < 0);
        }
        var rows = await query.OrderByDescending(n => n.Id).Take(take)
            .Select(n => new { n.Id, n.Kind, n.Args, n.Link, n.At, UnitName = db.OrgUnits.Where(u => u.Id == n.UnitId).Select(u => u.Name).FirstOrDefault() })
            .ToListAsync(ct);
        return [.. rows.Select(r => new NoticeView(r.Id, r.Kind, r.Args.Split(Notice.Separator), r.Link, r.At, r.UnitName ?? ""))];
    }
}
