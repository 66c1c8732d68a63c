using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.SocialOrgs;

namespace Qingyun.Features.SocialOrgs.Ventures;

/// <summary>The small checks the round, application, report and payment handlers share (decision 013).</summary>
public static class VentureRules
{
    public const decimal MaxBudget = LibraryProject.MaxBudget;

    /// <summary>The longest a funded project may run.</summary>
    public const int MaxProjectYears = 3;

    public static string Yuan(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>Required text within a length; adds a failure (with the display label) and returns the trimmed text.</summary>
    public static string Text(List<Failure> f, string field, string? value, int max, string? label = null, bool required = true)
    {
        var v = value?.Trim() ?? "";
        if (required && v.Length == 0)
        {
            f.Add(Failure.Required(field) with { Label = label });
        }
        else if (v.Length > max)
        {
            f.Add(Failure.TooLong(field, max) with { Label = label });
        }
        return v;
    }

    public static string? Optional(List<Failure> f, string field, string? value, int max, string? label = null)
    {
        var v = Text(f, field, value, max, label, required: false);
        return v.Length == 0 ? null : v;
    }

    /// <summary>An amount of yuan: more than 0, at most <paramref name="max"/>, at most two decimals.</summary>
    public static decimal Money(List<Failure> f, string field, decimal? value, decimal max, string? label = null)
    {
        if (value is not { } v)
        {
            f.Add(Failure.Required(field) with { Label = label });
            return 0;
        }
        if (v <= 0 || v > max || decimal.Round(v, 2) != v)
        {
            f.Add(new Failure(field, "AmountRule", 400, Yuan(max)) { Label = label });
        }
        return v;
    }

    public static T Choice<T>(List<Failure> f, string field, T? value, string? label = null) where T : struct, Enum
    {
        if (value is not { } v)
        {
            f.Add(Failure.Required(field) with { Label = label });
            return default;
        }
        if (!Enum.IsDefined(v))
        {
            f.Add(new Failure(field, "InvalidChoice") { Label = label });
        }
        return v;
    }

    public static DateOnly Date(List<Failure> f, string field, DateOnly? value, string? label = null)
    {
        if (value is not { } v)
        {
            f.Add(Failure.Required(field) with { Label = label });
            return default;
        }
        return v;
    }

    /// <summary>A unit's path, read whatever the caller's unit scope (an organization's account reads no units).</summary>
    public static Task<string?> UnitPathAsync(AppDbContext db, Guid unitId, CancellationToken ct) =>
        db.OrgUnits.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct);

    /// <summary>
    /// An organization may apply only to rounds of the unit whose registry holds it or of a unit above it,
    /// so the unit running the round always sees its applicants.
    /// </summary>
    public static async Task<bool> MayApplyAsync(AppDbContext db, SocialOrganization org, VentureRound round, CancellationToken ct)
    {
        var orgPath = await UnitPathAsync(db, org.UnitId, ct);
        var roundPath = await UnitPathAsync(db, round.UnitId, ct);
        return orgPath is not null && roundPath is not null && orgPath.StartsWith(roundPath, StringComparison.Ordinal);
    }

    /// <summary>The organization the signed-in account belongs to (an approved registry record), or null.</summary>
    public static async Task<SocialOrganization?> OwnOrganizationAsync(AppDbContext db, CancellationToken ct)
    {
        if (db.Scope.UserId is not { } userId)
        {
            return null;
        }
        return await db.SocialOrganizations.AsNoTracking()
            .FirstOrDefaultAsync(o => o.AccountUserId == userId && o.ReviewStatus == OrgReviewStatus.Approved, ct);
    }
}
