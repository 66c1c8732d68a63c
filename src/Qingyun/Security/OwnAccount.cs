using Microsoft.EntityFrameworkCore;
using Qingyun.Data;

namespace Qingyun.Security;

/// <summary>The signed-in account's own person, for the pages where people see their own records.</summary>
public static class OwnAccount
{
    /// <summary>
    /// The person of the signed-in account. The request's account row is already read by the scope
    /// middleware (on the check-in path every query counts); other callers fall back to reading it.
    /// </summary>
    public static async Task<Guid?> OwnPersonIdAsync(this AppDbContext db, CancellationToken ct)
    {
        if (db.Scope.UserId is not { } userId)
        {
            return null;
        }
        return db.Scope.PersonIdKnown ? db.Scope.PersonId
            : await db.Users.Where(u => u.Id == userId).Select(u => u.PersonId).FirstOrDefaultAsync(ct);
    }
}
