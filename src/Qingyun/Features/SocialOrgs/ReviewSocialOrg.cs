using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs;

/// <summary>入库审核: the registry unit approves a pending organization, or rejects it with a reason it will read.</summary>
public static class ReviewSocialOrg
{
    public const int MinReasonLength = 4;

    public sealed record Command(Guid Id, bool Approve, string? Reason);

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public async Task<Result<SocialOrganization>> Handle(Command c, CancellationToken ct)
        {
            var owned = await db.OwnedAsync(db.SocialOrganizations, o => o.Id == c.Id, Permission.SocialOrgsManage, ct);
            if (!owned.Ok)
            {
                return owned;
            }
            var org = owned.Value!;
            var failures = new List<Failure>();
            if (org.ReviewStatus != OrgReviewStatus.Pending)
            {
                failures.Add(new Failure("ReviewStatus", "NotAwaitingReview", 409));
            }
            var reason = c.Reason?.Trim();
            if (!c.Approve && (reason is null || reason.Length < MinReasonLength))
            {
                failures.Add(new Failure("Reason", "RejectReasonRequired", 400, MinReasonLength) { Label = "ReviewReason" });
            }
            else if (reason is { Length: > SocialOrganization.ShortMaxLength })
            {
                failures.Add(Failure.TooLong("Reason", SocialOrganization.ShortMaxLength) with { Label = "ReviewReason" });
            }
            if (failures.Count > 0)
            {
                return Result<SocialOrganization>.Fail(failures);
            }
            org.ReviewStatus = c.Approve ? OrgReviewStatus.Approved : OrgReviewStatus.Rejected;
            org.ReviewNote = string.IsNullOrEmpty(reason) ? null : reason;
            org.ReviewedBy = db.Scope.UserName;
            org.ReviewedAt = clock.GetUtcNow();
            org.UpdatedAt = org.ReviewedAt.Value;
            await db.SaveChangesAsync(ct);
            return org;
        }
    }
}
