using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.SocialOrgs;

namespace Qingyun.Features.SocialOrgs.Library;

/// <summary>项目库 search: projects of units in scope (and an organization's own), by field and by words in title, goals and outcome.</summary>
public static class SearchProjects
{
    public const int Limit = 200;

    public sealed record Row(LibraryProject Project, string? OrganizationName);

    public static async Task<IReadOnlyList<Row>> RunAsync(AppDbContext db, OrgField? field, string? words, CancellationToken ct)
    {
        var q = db.LibraryProjects.AsNoTracking();
        if (field is { } fld)
        {
            q = q.Where(p => p.Field == fld);
        }
        foreach (var w in Words(words))
        {
            q = q.Where(p => p.Title.Contains(w) || p.Goals.Contains(w) || (p.Outcome != null && p.Outcome.Contains(w)));
        }
        var rows = await (
            from p in q
            join o in db.SocialOrganizations on p.OrganizationId equals o.Id into orgs
            from o in orgs.DefaultIfEmpty()
            orderby p.StartOn descending, p.Id descending
            select new { p, Name = o == null ? null : o.Name }).Take(Limit).ToListAsync(ct);
        return rows.Select(r => new Row(r.p, r.Name)).ToList();
    }

    /// <summary>The words of a search, split on spaces and Chinese or Western commas; at most five.</summary>
    public static IReadOnlyList<string> Words(string? text) =>
        (text ?? "").Split([' ', '\u3000', ',', '，', '、', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(w => w.Length <= 50).Distinct().Take(5).ToList();
}
