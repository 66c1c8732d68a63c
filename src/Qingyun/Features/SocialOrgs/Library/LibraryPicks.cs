using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.SocialOrgs;

namespace Qingyun.Features.SocialOrgs.Library;

/// <summary>Choices for the library forms: the approved organizations the caller sees.</summary>
public static class LibraryPicks
{
    public static async Task<IReadOnlyList<(Guid Id, string Name)>> OrganizationsAsync(AppDbContext db, CancellationToken ct) =>
        (await db.SocialOrganizations.AsNoTracking().Where(o => o.ReviewStatus == OrgReviewStatus.Approved).OrderBy(o => o.Name)
            .Select(o => new { o.Id, o.Name }).Take(500).ToListAsync(ct)).Select(o => (o.Id, o.Name)).ToList();
}
