using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.SocialOrgs;

namespace Qingyun.Features.SocialOrgs.Library;

/// <summary>案例库 search: by field, by tag and by words in title, summary and body — across all units for League staff.</summary>
public static class SearchCases
{
    public const int Limit = 200;

    public static async Task<IReadOnlyList<LibraryCase>> RunAsync(AppDbContext db, OrgField? field, string? tag, string? words, CancellationToken ct)
    {
        var q = db.LibraryCases.AsNoTracking();
        if (field is { } fld)
        {
            q = q.Where(c => c.Field == fld);
        }
        if (!string.IsNullOrWhiteSpace(tag) && tag.Trim().Length <= 50)
        {
            var t = tag.Trim();
            q = q.Where(c => c.Tags != null && c.Tags.Contains(t));
        }
        foreach (var w in SearchProjects.Words(words))
        {
            q = q.Where(c => c.Title.Contains(w) || c.Summary.Contains(w) || c.Body.Contains(w));
        }
        var rows = await q.OrderByDescending(c => c.WrittenOn).ThenByDescending(c => c.Id).Take(Limit).ToListAsync(ct);
        // A tag matches whole: "助老" does not match a case tagged only "助老服务站" … unless asked for the longer word.
        return string.IsNullOrWhiteSpace(tag) ? rows : rows.Where(c => Tags(c.Tags).Contains(tag.Trim())).ToList();
    }

    public static IReadOnlyList<string> Tags(string? tags) =>
        (tags ?? "").Split(['、', ',', '，', ';', '；', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
}
